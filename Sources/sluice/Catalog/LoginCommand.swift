import Foundation
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice login URL` and `sluice logout`: the `{url, token}` the catalog commands use.
enum LoginCommand {
    static let loginSpec = CommandSpec(
        "login", abstract: "Log in to a catalog server and store the token for 'sluice catalog'.",
        discussion: """
            Asks the server for a token with a user name and password (read from the terminal without echo,
            or one line of standard input with --password-stdin), or stores a given --token as it is. The
            credentials go to $XDG_CONFIG_HOME/sluice/credentials.json (default ~/.config/sluice/), mode 0600.
            Exit codes: 0 stored, 1 the server refused or could not be reached, 6 bad command line.
            """,
        arguments: [ArgumentSpec("url", help: "The catalog server, e.g. https://etl.example:8443.")],
        options: [
            .value("user", valueName: "name", help: "The user to log in as (default: $USER)."),
            .flag("password-stdin", help: "Read the password from the first line of standard input."),
            .value("token", valueName: "token", help: "Store this token instead of logging in with a password."),
            .value("expires", valueName: "seconds", help: "The token's lifetime (default: the server's)."),
            .value("ca-file", valueName: "pem", help: "Trust only the certificates in this PEM file (stored for later commands)."),
            .flag("insecure", help: "Do not verify the server's TLS certificate (stored; a test server only)."),
        ])

    static let logoutSpec = CommandSpec(
        "logout", abstract: "Forget the stored catalog credentials (the token stays valid until it expires or is revoked).")

    static func login(_ parsed: ParsedCommand) throws {
        let url = parsed.argument("url") ?? ""
        let file = try CredentialsFile.standard()
        let token: String
        if let given = parsed.value("token") {
            _ = try CatalogConnection.make(server: url, token: given, parsed: parsed, stored: nil)  // checks URL and token
            token = given
        } else {
            let user = parsed.value("user") ?? ProcessInfo.processInfo.environment["USER"] ?? ""
            guard !user.isEmpty else { throw SluiceError(.catalogClientInputInvalid, ["reason": "no user name: pass --user NAME"]) }
            var expires: Int64?
            if let text = parsed.value("expires") {
                guard let seconds = Int64(text), seconds > 0 else {
                    throw SluiceError(.catalogClientInputInvalid, ["reason": "--expires takes a positive number of seconds"])
                }
                expires = seconds
            }
            let password = try PasswordReader.read(prompt: "Password for \(Printable.escaped(user)): ", fromStdin: parsed.flag("password-stdin"))
            let configuration = try CatalogConnection.make(server: url, token: nil, parsed: parsed, stored: nil)
            let lifetime = expires
            token = try CatalogRunner.withClient(configuration) { client in
                try await client.login(user: user, password: password, expiresInSeconds: lifetime, description: "sluice login").token
            }
        }
        let configuration = try CatalogConnection.make(server: url, token: token, parsed: parsed, stored: nil)
        try file.write(.init(
            url: configuration.serverDescription, token: token, caFile: parsed.value("ca-file"),
            insecure: parsed.flag("insecure") ? true : nil))
        print("Logged in to \(configuration.serverDescription); credentials stored in \(file.path)")
    }

    static func logout(_ parsed: ParsedCommand) throws {
        let file = try CredentialsFile.standard()
        print(try file.remove() ? "Removed \(file.path)" : "Not logged in (no \(file.path))")
    }
}

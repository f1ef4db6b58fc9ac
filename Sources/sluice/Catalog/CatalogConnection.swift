import Foundation
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// The server, token and TLS trust a `sluice catalog` command uses: `--server`/`--token` (or
/// SLUICE_CATALOG_URL / SLUICE_CATALOG_TOKEN) over the credentials `sluice login` stored.
enum CatalogConnection {
    static let options: [OptionSpec] = [
        .value("server", valueName: "url", help: "The catalog server (default: SLUICE_CATALOG_URL, else the one 'sluice login' stored)."),
        .value("token", valueName: "token", help: "The bearer token (default: SLUICE_CATALOG_TOKEN, else the stored one)."),
        .value("ca-file", valueName: "pem", help: "Trust only the certificates in this PEM file (a private CA or a self-signed server)."),
        .flag("insecure", help: "Do not verify the server's TLS certificate (a throwaway test server only)."),
        .flag("json", help: "Print JSON instead of a table."),
    ]

    /// The client configuration for `parsed`. A stored token is only sent to the server it was
    /// stored for: `--server` naming another one needs its own token.
    static func configuration(
        _ parsed: ParsedCommand, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> CatalogClientConfiguration {
        let stored = try CredentialsFile.standard(environment: environment).read()
        guard let server = parsed.value("server") ?? nonEmpty(environment["SLUICE_CATALOG_URL"]) ?? stored?.url else {
            throw SluiceError(.catalogClientNoServer)
        }
        let storedForServer = stored.flatMap { $0.url == server ? $0 : nil }
        let token = parsed.value("token") ?? nonEmpty(environment["SLUICE_CATALOG_TOKEN"]) ?? storedForServer?.token
        guard token != nil else { throw SluiceError(.catalogClientNoServer) }
        return try make(server: server, token: token, parsed: parsed, stored: storedForServer)
    }

    /// A configuration for `server` with the trust options of `parsed` (else those stored).
    static func make(server: String, token: String?, parsed: ParsedCommand, stored: CredentialsFile.Contents?) throws
        -> CatalogClientConfiguration
    {
        let trust: CatalogClientConfiguration.Trust
        if parsed.flag("insecure") {
            trust = .insecure
        } else if let caFile = parsed.value("ca-file") ?? stored?.caFile {
            trust = .certificateFile(caFile)
        } else {
            trust = stored?.insecure == true ? .insecure : .system
        }
        do {
            return try CatalogClientConfiguration(server: server, token: token, trust: trust)
        } catch let error as CatalogClientError {
            throw CatalogErrors.sluiceError(error)
        }
    }

    private static func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
}

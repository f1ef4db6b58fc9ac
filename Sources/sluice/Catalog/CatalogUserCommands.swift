import SluiceCatalogAPI
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog user …`, `token …` and `operations list`.
enum CatalogUserCommands {
    static let userArgument = ArgumentSpec("user", help: "The user's name.")
    static let passwordStdin = OptionSpec.flag("password-stdin", help: "Read the password(s) from standard input, one a line.")

    static let userSpec = CommandSpec(
        "user", abstract: "Manage catalog users (administrators).",
        subcommands: [
            CatalogCommand.leaf(
                "create", "Create a user (the password is asked for, or read with --password-stdin).", arguments: [userArgument],
                options: [.flag("administrator", help: "Make the user an administrator."), passwordStdin]),
            CatalogCommand.leaf("list", "List the users."),
            CatalogCommand.leaf("delete", "Delete a user.", arguments: [userArgument]),
            CatalogCommand.leaf(
                "set-password", "Set a user's password (your own needs --current: the current one is asked for first).",
                arguments: [userArgument], options: [.flag("current", help: "Also send the current password (changing your own)."), passwordStdin]),
            CatalogCommand.leaf(
                "update", "Disable or enable a user, or change whether they are an administrator.", arguments: [userArgument],
                options: [
                    .choice("disabled", valueName: "yes|no", ["yes", "no"], help: "Disable (yes) or enable (no) the user."),
                    .choice("administrator", valueName: "yes|no", ["yes", "no"], help: "Make the user an administrator or not."),
                ]),
        ])

    static let tokenSpec = CommandSpec(
        "token", abstract: "Create, list and revoke your tokens.",
        subcommands: [
            CatalogCommand.leaf(
                "create", "Create a token (printed once).",
                options: [
                    .value("expires", valueName: "seconds", help: "Its lifetime (default: the server's)."),
                    .value("description", valueName: "text", help: "What it is for."),
                ]),
            CatalogCommand.leaf("list", "List your tokens."),
            CatalogCommand.leaf("revoke", "Revoke a token.", arguments: [ArgumentSpec("id", help: "The token's id.")]),
        ])

    static let operationsSpec = CommandSpec(
        "operations", abstract: "The catalog's record of changes.",
        subcommands: [
            CatalogCommand.leaf(
                "list", "List operations (every page), optionally filtered.",
                options: [
                    .value("kind", valueName: "operation", help: "Only this kind (an operationId, e.g. deployProject)."),
                    .value("folder", valueName: "name", help: "Only on objects of this folder."),
                    .value("caller", valueName: "user", help: "Only by this user."),
                    .choice("outcome", valueName: "outcome", Components.Schemas.OperationOutcome.allCases.map(\.rawValue), help: "Only with this outcome."),
                ])
        ])

    static let handlers: [String: CatalogHandler] = [
        "user create": createUser, "user list": listUsers, "user delete": deleteUser, "user set-password": setPassword,
        "user update": updateUser, "token create": createToken, "token list": listTokens, "token revoke": revokeToken,
        "operations list": listOperations,
    ]

    static let userHeader = ["NAME", "ADMINISTRATOR", "DISABLED", "CREATED", "CREATED BY"]

    static func userRow(_ u: CatalogClient.User) -> [String] {
        [u.name, u.administrator ? "yes" : "no", u.disabled ? "yes" : "no", CatalogOutput.date(u.createdAt), u.createdBy ?? ""]
    }

    static func createUser(_ parsed: ParsedCommand) throws {
        let name = CatalogCommand.argument(parsed, "user")
        let administrator = parsed.flag("administrator")
        let password = try PasswordReader.read(prompt: "Password for \(Printable.escaped(name)): ", fromStdin: parsed.flag("password-stdin"))
        let user = try CatalogRunner.run(parsed) { try await $0.createUser(name, password: password, administrator: administrator) }
        CatalogOutput.print(parsed, user, header: userHeader, rows: [userRow(user)])
    }

    static func listUsers(_ parsed: ParsedCommand) throws {
        let users = try CatalogRunner.run(parsed) { try await $0.allUsers() }
        CatalogOutput.print(parsed, users, header: userHeader, rows: users.map(userRow))
    }

    static func deleteUser(_ parsed: ParsedCommand) throws {
        let name = CatalogCommand.argument(parsed, "user")
        try CatalogRunner.run(parsed) { try await $0.deleteUser(name) }
        if !parsed.flag("json") { print("Deleted user \(Printable.escaped(name))") }
    }

    static func setPassword(_ parsed: ParsedCommand) throws {
        let name = CatalogCommand.argument(parsed, "user")
        let stdin = parsed.flag("password-stdin")
        let current = try parsed.flag("current") ? PasswordReader.read(prompt: "Current password: ", fromStdin: stdin) : nil
        let password = try PasswordReader.read(prompt: "New password for \(Printable.escaped(name)): ", fromStdin: stdin)
        try CatalogRunner.run(parsed) { try await $0.setPassword(user: name, password: password, currentPassword: current) }
        if !parsed.flag("json") { print("Password of \(Printable.escaped(name)) set") }
    }

    static func updateUser(_ parsed: ParsedCommand) throws {
        let name = CatalogCommand.argument(parsed, "user")
        let disabled = parsed.value("disabled").map { $0 == "yes" }
        let administrator = parsed.value("administrator").map { $0 == "yes" }
        let user = try CatalogRunner.run(parsed) { try await $0.updateUser(name, disabled: disabled, administrator: administrator) }
        CatalogOutput.print(parsed, user, header: userHeader, rows: [userRow(user)])
    }

    static let tokenHeader = ["ID", "USER", "DESCRIPTION", "CREATED", "EXPIRES", "LAST USED", "REVOKED"]

    static func tokenRow(_ t: CatalogClient.TokenInfo) -> [String] {
        [t.id, t.user, t.description ?? "", CatalogOutput.date(t.createdAt), CatalogOutput.date(t.expiresAt),
         CatalogOutput.date(t.lastUsedAt), t.revoked ? "yes" : "no"]
    }

    static func createToken(_ parsed: ParsedCommand) throws {
        let expires = try parsed.value("expires").map { try CatalogProjectCommands.number($0, "--expires") }
        let description = parsed.value("description")
        let created = try CatalogRunner.run(parsed) { try await $0.createToken(expiresInSeconds: expires, description: description) }
        if parsed.flag("json") { print(CatalogOutput.json(created)) } else { print(created.token) }
    }

    static func listTokens(_ parsed: ParsedCommand) throws {
        let tokens = try CatalogRunner.run(parsed) { try await $0.allTokens() }
        CatalogOutput.print(parsed, tokens, header: tokenHeader, rows: tokens.map(tokenRow))
    }

    static func revokeToken(_ parsed: ParsedCommand) throws {
        let id = CatalogCommand.argument(parsed, "id")
        try CatalogRunner.run(parsed) { try await $0.revokeToken(id) }
        if !parsed.flag("json") { print("Revoked token \(Printable.escaped(id))") }
    }

    static func listOperations(_ parsed: ParsedCommand) throws {
        var filter = CatalogClient.OperationFilter()
        if let kind = parsed.value("kind") {
            guard let known = Components.Schemas.OperationKind(rawValue: kind) else {
                throw SluiceError(.catalogClientInputInvalid, ["reason": "\"\(Printable.escaped(kind))\" is not an operation kind (an operationId such as deployProject)"])
            }
            filter.kind = known
        }
        filter.folder = parsed.value("folder")
        filter.caller = parsed.value("caller")
        filter.outcome = parsed.value("outcome").flatMap(Components.Schemas.OperationOutcome.init(rawValue:))
        let query = filter
        let operations = try CatalogRunner.run(parsed) { try await $0.allOperations(query) }
        let rows = operations.map { o in
            [CatalogOutput.date(o.startedAt), o.kind.rawValue, o.objectType.rawValue, objectText(o.object), o.caller, o.outcome.rawValue,
             o.error.map { "\($0.name) (\($0.code))" } ?? ""]
        }
        CatalogOutput.print(parsed, operations, header: ["STARTED", "KIND", "TYPE", "OBJECT", "CALLER", "OUTCOME", "ERROR"], rows: rows)
    }

    static func objectText(_ p: Components.Schemas.ObjectPath) -> String {
        [p.folder, p.project, p.package, p.environment, p.user].compactMap { $0 }.joined(separator: "/")
    }
}

import SluiceCatalogAPI
import SluiceCatalogClient
import SluiceCommandLine
import SluiceCore

/// `sluice catalog roles get|set` and `sluice catalog permissions grant|deny|revoke|list`.
enum CatalogSecurityCommands {
    static let objectArgument = ArgumentSpec("object", help: "FOLDER, FOLDER/PROJECT, or FOLDER/PROJECT/PACKAGE (roles).")
    static let environmentOption = OptionSpec.value(
        "environment", valueName: "name", help: "The object is this environment of the FOLDER given.")

    static let rolesSpec = CommandSpec(
        "roles", abstract: "Show or replace the reader and writer roles of a folder or a package.",
        subcommands: [
            CatalogCommand.leaf("get", "Show the owner, readers and writers.", arguments: [objectArgument]),
            CatalogCommand.leaf(
                "set", "Replace the readers and writers (list each user; none empties the role).", arguments: [objectArgument],
                options: [
                    .repeated("reader", valueName: "user", help: "A reader (repeatable)."),
                    .repeated("writer", valueName: "user", help: "A writer (repeatable)."),
                ]),
        ])

    static let permissionsSpec = CommandSpec(
        "permissions", abstract: "Grant, deny, revoke and list permissions on a folder, a project or an environment.",
        subcommands: ["grant", "deny", "revoke"].map { verb in
            CatalogCommand.leaf(
                verb, "\(verb.prefix(1).uppercased() + verb.dropFirst()) a permission (READ, MODIFY, EXECUTE, MANAGE_PERMISSIONS; on a folder also CREATE_OBJECTS, READ_OBJECTS, MODIFY_OBJECTS, EXECUTE_OBJECTS, MANAGE_OBJECT_PERMISSIONS).",
                arguments: [objectArgument, ArgumentSpec("user", help: "The user."), ArgumentSpec("permission", help: "The permission.")],
                options: [environmentOption])
        } + [CatalogCommand.leaf("list", "List the grants and denies.", arguments: [objectArgument], options: [environmentOption])])

    static let handlers: [String: CatalogHandler] = [
        "roles get": getRoles, "roles set": setRoles, "permissions grant": { try setPermission($0, .grant) },
        "permissions deny": { try setPermission($0, .deny) }, "permissions revoke": revoke, "permissions list": list,
    ]

    /// The object the arguments name: a folder, a project, a package, or (`--environment`) an environment.
    static func object(_ parsed: ParsedCommand, allowsEnvironment: Bool) throws -> CatalogObjectPath {
        let text = CatalogCommand.argument(parsed, "object")
        if allowsEnvironment, let environment = parsed.value("environment") { return .environment(folder: try CatalogPath.folder(text), environment: environment) }
        switch text.split(separator: "/", omittingEmptySubsequences: false).count {
        case 1: return .folder(try CatalogPath.folder(text))
        case 2:
            let (f, p) = try CatalogPath.project(text)
            return .project(folder: f, project: p)
        default:
            let (f, p, k) = try CatalogPath.package(text)
            return .package(folder: f, project: p, package: k)
        }
    }

    static func printRoles(_ parsed: ParsedCommand, _ roles: CatalogClient.Roles) {
        CatalogOutput.print(parsed, roles, header: ["ROLE", "USERS"], rows: [
            ["owner", roles.owner], ["readers", roles.readers.joined(separator: ", ")], ["writers", roles.writers.joined(separator: ", ")],
        ])
    }

    static func getRoles(_ parsed: ParsedCommand) throws {
        let target = try object(parsed, allowsEnvironment: false)
        printRoles(parsed, try CatalogRunner.run(parsed) { try await $0.roles(of: target) })
    }

    static func setRoles(_ parsed: ParsedCommand) throws {
        let target = try object(parsed, allowsEnvironment: false)
        let (readers, writers) = (parsed.values("reader"), parsed.values("writer"))
        printRoles(parsed, try CatalogRunner.run(parsed) { try await $0.setRoles(of: target, readers: readers, writers: writers) })
    }

    static func setPermission(_ parsed: ParsedCommand, _ state: Components.Schemas.PermissionState) throws {
        let target = try object(parsed, allowsEnvironment: true)
        let (user, permission) = (CatalogCommand.argument(parsed, "user"), CatalogCommand.argument(parsed, "permission"))
        let entry = try CatalogRunner.run(parsed) { try await $0.setPermission(on: target, user: user, permission: permission, state: state) }
        CatalogOutput.print(parsed, entry, header: entryHeader, rows: [row(entry)])
    }

    static func revoke(_ parsed: ParsedCommand) throws {
        let target = try object(parsed, allowsEnvironment: true)
        let (user, permission) = (CatalogCommand.argument(parsed, "user"), CatalogCommand.argument(parsed, "permission"))
        try CatalogRunner.run(parsed) { try await $0.revokePermission(on: target, user: user, permission: permission) }
        if !parsed.flag("json") { print("Revoked \(Printable.escaped(permission)) of \(Printable.escaped(user)) on \(Printable.escaped(target.description))") }
    }

    static func list(_ parsed: ParsedCommand) throws {
        let target = try object(parsed, allowsEnvironment: true)
        let entries = try CatalogRunner.run(parsed) { try await $0.permissions(on: target) }
        CatalogOutput.print(parsed, entries, header: entryHeader, rows: entries.map(row))
    }

    static let entryHeader = ["USER", "PERMISSION", "STATE", "SET BY", "SET AT"]

    static func row(_ e: CatalogClient.PermissionEntry) -> [String] {
        [e.user, e.permission.rawValue, e.state.rawValue, e.setBy, CatalogOutput.date(e.setAt)]
    }
}

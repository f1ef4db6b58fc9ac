import SluiceCommandLine
import SluiceCore

/// Runs one `sluice catalog GROUP VERB` leaf.
typealias CatalogHandler = @Sendable (ParsedCommand) throws -> Void

/// `sluice catalog …`: the catalog server's folders, projects, packages, security, environments,
/// users, tokens and operations log, as dtutil and SSISDB's procedures offer them.
///
/// Objects are written `FOLDER`, `FOLDER/PROJECT`, `FOLDER/PROJECT/PACKAGE` (a `/` inside a
/// name as `%2F`). Every leaf takes the connection options (``CatalogConnection/options``).
enum CatalogCommand {
    static let spec = CommandSpec(
        "catalog", abstract: "Work with a catalog server ('sluice serve'): folders, projects, packages, security, environments.",
        discussion: """
            Objects are written FOLDER, FOLDER/PROJECT or FOLDER/PROJECT/PACKAGE; a "/" inside a name is written %2F.
            The server and token come from --server/--token, else SLUICE_CATALOG_URL/SLUICE_CATALOG_TOKEN, else 'sluice login'.
            Exit codes: 0 success, 1 the server refused or could not be reached, 6 bad command line or credentials.
            """,
        subcommands: [
            CatalogFolderCommands.spec, CatalogProjectCommands.spec, CatalogPackageCommands.spec, CatalogSecurityCommands.rolesSpec,
            CatalogSecurityCommands.permissionsSpec, CatalogParameterCommands.spec, CatalogEnvironmentCommands.spec, CatalogUserCommands.userSpec,
            CatalogUserCommands.tokenSpec, CatalogUserCommands.operationsSpec,
        ])

    /// A leaf command: its own arguments and options, then the connection options.
    static func leaf(_ name: String, _ abstract: String, arguments: [ArgumentSpec] = [], options: [OptionSpec] = []) -> CommandSpec {
        CommandSpec(name, abstract: abstract, arguments: arguments, options: options + CatalogConnection.options)
    }

    static let handlers: [String: CatalogHandler] = CatalogFolderCommands.handlers
        .merging(CatalogProjectCommands.handlers) { a, _ in a }
        .merging(CatalogPackageCommands.handlers) { a, _ in a }
        .merging(CatalogSecurityCommands.handlers) { a, _ in a }
        .merging(CatalogParameterCommands.handlers) { a, _ in a }
        .merging(CatalogEnvironmentCommands.handlers) { a, _ in a }
        .merging(CatalogUserCommands.handlers) { a, _ in a }

    /// Runs `catalog GROUP VERB` (the path after `sluice catalog`).
    static func run(_ parsed: ParsedCommand) throws {
        let key = parsed.path.dropFirst(2).joined(separator: " ")
        guard let handler = handlers[key] else {
            throw SluiceError(.commandLineInvalid, ["reason": "the command \"catalog \(key)\" is not available; see 'sluice catalog --help'"])
        }
        try handler(parsed)
    }

    /// A required positional argument (the parser has checked it is there).
    static func argument(_ parsed: ParsedCommand, _ name: String) -> String { parsed.argument(name) ?? "" }
}

import SluiceCommandLine
import SluiceCore

/// `sluice`: run, validate and inspect Sluice packages and plugins.
enum SluiceCommand {
    static let spec = CommandSpec(
        "sluice", abstract: "A Linux-native execution host for ETL packages.", version: "0.1.0",
        subcommands: [
            RunCommand.spec, ValidateCommand.spec, EvalCommand.spec, PluginsCommand.spec, PackagesCommand.spec, ProjectCommand.spec,
            ErrorsCommand.spec, GraphCommand.spec, ServeCommand.spec, CatalogCommand.spec, LoginCommand.loginSpec, LoginCommand.logoutSpec,
        ])

    /// Runs the command the parser chose (`parsed.path` is one of the leaves of `spec`).
    static func run(_ parsed: ParsedCommand) throws {
        switch parsed.path.dropFirst().joined(separator: " ") {
        case "run": try RunCommand.run(parsed)
        case "validate": try ValidateCommand.run(parsed)
        case "eval": try EvalCommand.run(parsed)
        case "plugins list": try PluginsCommand.list(parsed)
        case "plugins new": try PluginsNewCommand.run(parsed)
        case "plugins check": try PluginsCheckCommand.run(parsed)
        case "packages list": try PackagesCommand.list(parsed)
        case "errors": try ErrorsCommand.run(parsed)
        case "graph": try GraphCommand.run(parsed)
        case "serve": try ServeCommand.run(parsed)
        case "project pack": try ProjectCommand.pack(parsed)
        case "login": try LoginCommand.login(parsed)
        case "logout": try LoginCommand.logout(parsed)
        case let catalog where catalog.hasPrefix("catalog "): try CatalogCommand.run(parsed)
        case let other:
            // The parser only returns leaves of `spec`; should one lack a handler, say so, never trap.
            throw SluiceError(.commandLineInvalid, ["reason": "the command \"\(other)\" is not available; see 'sluice --help'"])
        }
    }
}

import ArgumentParser

/// `sluice`: run, validate and inspect Sluice packages and plugins.
struct SluiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sluice",
        abstract: "A Linux-native execution host for ETL packages.",
        version: "0.1.0",
        subcommands: [RunCommand.self, ValidateCommand.self, EvalCommand.self, PluginsCommand.self, ErrorsCommand.self])
}

import ArgumentParser
import Foundation
import SluiceCore
import SluiceRuntime

/// `sluice run FILE`: the dtexec of Sluice.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Validate and run a package file.",
        discussion: """
            Exit codes (as dtexec): 0 success, 1 failure, 3 canceled (Ctrl-C, SIGTERM, SIGHUP), 4 package not found,
            5 package could not be loaded, 6 bad command line.
            """)

    @OptionGroup var package: PackageOptions
    @OptionGroup var host: HostOptions
    @OptionGroup var output: OutputOptions

    @Flag(name: .customLong("validate"), help: "Validate only; do not execute.")
    var validateOnly = false

    // `.unconditional`: "-1", the documented default, is a value here, not an option.
    @Option(
        name: .customLong("max-concurrent"), parsing: .unconditional,
        help: ArgumentHelp("Tasks that may run at once (-1 = processors + 2).", valueName: "n"))
    var maxConcurrent: Int?

    @Option(name: .customLong("checkpoint-file"), help: ArgumentHelp("Save progress here, for a restart after failure.", valueName: "file"))
    var checkpointFile: String?

    @Option(name: .customLong("restart"), help: ArgumentHelp("Use the checkpoint file: never, ifPossible (if it exists) or force (it must exist).", valueName: "mode"))
    var restart: RestartMode?

    func validate() throws {
        if let maxConcurrent, maxConcurrent == 0 || maxConcurrent < -1 {
            throw ValidationError("--max-concurrent takes -1 (processors + 2) or a positive number; got \(maxConcurrent)")
        }
    }

    func run() throws {
        var invocation = Invocation(package: package, host: host, output: output, validateOnly: validateOnly, maxConcurrent: maxConcurrent)
        invocation.checkpointFile = checkpointFile
        invocation.restart = restart?.usage
        try invocation.perform()
    }
}

/// `sluice validate FILE`: `sluice run --validate`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "validate", abstract: "Validate a package file without running it.")

    @OptionGroup var package: PackageOptions
    @OptionGroup var host: HostOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try Invocation(package: package, host: host, output: output, validateOnly: true, maxConcurrent: nil).perform()
    }
}

/// The package file and how to reconfigure it without editing it.
struct PackageOptions: ParsableArguments {
    @Argument(help: "The package file (.sluice.json).")
    var file: String

    @Option(name: .customLong("set"), help: ArgumentHelp(#"Set a property by path, e.g. '\Package.Variables[User::Limit].Value=10' (repeatable)."#, valueName: "path=value"))
    var sets: [String] = []

    @Option(name: .customLong("conn"), help: ArgumentHelp("Replace a connection manager's connection string (repeatable).", valueName: "name=connection-string"))
    var connections: [String] = []

    @Option(name: .customLong("param"), help: ArgumentHelp("Give a package parameter a value (repeatable).", valueName: "name=value"))
    var parameters: [String] = []
}

/// dtexec's `/Restart`: deny, ifPossible, force → CheckpointUsage Never, IfExists, Always.
enum RestartMode: String, ExpressibleByArgument, CaseIterable {
    case never, ifPossible, force

    var usage: CheckpointSettings.Usage {
        switch self {
        case .never: .never
        case .ifPossible: .ifExists
        case .force: .always
        }
    }
}

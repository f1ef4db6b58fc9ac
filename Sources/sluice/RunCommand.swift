import SluiceCommandLine
import SluiceCore
import SluiceRuntime

/// `sluice run FILE`: the dtexec of Sluice.
enum RunCommand {
    static let spec = CommandSpec(
        "run",
        abstract: "Validate and run a package file, or a package of a project folder (--package).",
        discussion: """
            Exit codes (as dtexec): 0 success, 1 failure, 3 canceled (Ctrl-C, SIGTERM,
            SIGHUP), 4 package not found, 5 package could not be loaded, 6 bad command line.
            """,
        arguments: [PackageOptions.packageOrProjectArgument],
        options: PackageOptions.options + HostOptions.options + OutputOptions.options + DataOutputOptions.options + [
            .flag("validate", help: "Validate only; do not execute."),
            // An integer option: "-1", the documented default, is a value here, not an option.
            .integer("max-concurrent", valueName: "n", help: "Tasks that may run at once (-1 = processors + 2)."),
            .value("checkpoint-file", valueName: "file", help: "Save progress here, for a restart after failure."),
            .choice(
                "restart", valueName: "mode", RestartMode.allCases.map(\.rawValue),
                help: "Use the checkpoint file: never, ifPossible (if it exists) or force (it must exist)."),
            .choice(
                "checkpointing", valueName: "on|off", ["on", "off"],
                help: "dtexec /CheckPointing: on saves checkpoints and restarts from the file, which must exist (Always); off turns checkpoints off."),
        ])

    static func run(_ parsed: ParsedCommand) throws {
        let maxConcurrent = parsed.integer("max-concurrent")
        if let maxConcurrent, maxConcurrent == 0 || maxConcurrent < -1 {
            throw parsed.invalid("--max-concurrent takes -1 (processors + 2) or a positive number; got \(maxConcurrent)")
        }
        var invocation = Invocation(
            package: PackageOptions(parsed), host: HostOptions(parsed), output: OutputOptions(parsed),
            validateOnly: parsed.flag("validate"), maxConcurrent: maxConcurrent)
        invocation.checkpointFile = parsed.value("checkpoint-file")
        invocation.restart = parsed.value("restart").flatMap(RestartMode.init(rawValue:))?.usage
        invocation.checkpointing = parsed.value("checkpointing").map { $0 == "on" }
        do {
            invocation.dataOutput = try DataOutputOptions(parsed)
        } catch let error as SluiceError {
            Console.emit("Error: \(error)\n")
            throw ExitStatus.badCommandLine
        }
        try invocation.perform()
    }
}

/// `sluice validate FILE`: `sluice run --validate`.
enum ValidateCommand {
    static let spec = CommandSpec(
        "validate", abstract: "Validate a package file, or a project folder's packages, without running.",
        arguments: [PackageOptions.packageOrProjectArgument], options: PackageOptions.options + HostOptions.options + OutputOptions.options)

    static func run(_ parsed: ParsedCommand) throws {
        let invocation = Invocation(
            package: PackageOptions(parsed), host: HostOptions(parsed), output: OutputOptions(parsed), validateOnly: true, maxConcurrent: nil)
        try invocation.perform()
    }
}

/// dtexec's `/Restart`: deny, ifPossible, force → CheckpointUsage Never, IfExists, Always.
enum RestartMode: String, CaseIterable {
    case never, ifPossible, force

    var usage: CheckpointSettings.Usage {
        switch self {
        case .never: .never
        case .ifPossible: .ifExists
        case .force: .always
        }
    }
}

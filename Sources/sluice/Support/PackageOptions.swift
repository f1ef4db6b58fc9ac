import SluiceCommandLine

/// The package file and how to reconfigure it without editing it.
struct PackageOptions {
    static let argument = ArgumentSpec("file", help: "The package file (.sluice.json).")
    static let options: [OptionSpec] = [
        .repeated(
            "set", valueName: "path=value",
            help: #"Set a property by path, e.g. '\Package.Variables[User::Limit].Value=10' (repeatable)."#),
        .repeated("conn", valueName: "name=connection-string", help: "Replace a connection manager's connection string (repeatable)."),
        .repeated("param", valueName: "name=value", help: "Give a package parameter a value (repeatable)."),
    ]

    var file: String
    var sets: [String]
    var connections: [String]
    var parameters: [String]

    init(_ parsed: ParsedCommand) {
        // The parser refuses a line without it.
        file = parsed.argument("file") ?? ""
        sets = parsed.values("set")
        connections = parsed.values("conn")
        parameters = parsed.values("param")
    }
}

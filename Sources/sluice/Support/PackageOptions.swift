import SluiceCommandLine

/// The package file and how to reconfigure it without editing it.
struct PackageOptions {
    static let argument = ArgumentSpec("file", help: "The package file (.sluice.json).")
    /// `run` and `validate` also take a project folder or archive (docs/projects.md).
    static let packageOrProjectArgument = ArgumentSpec(
        "file", help: "The package file (.sluice.json), a project folder (holding project.sluice.json) or a project archive (.sluiceproj).")
    static let options: [OptionSpec] = [
        .repeated(
            "set", valueName: "path=value",
            help: #"Set a property by path, e.g. '\Package.Variables[User::Limit].Value=10' (repeatable)."#),
        .repeated("conn", valueName: "name=connection-string", help: "Replace a connection manager's connection string (repeatable)."),
        .repeated(
            "param", valueName: "name=value",
            help: "Give a package parameter, or a project one written '$Project::Name', a value (repeatable)."),
        .value(
            "values-file", valueName: "file",
            help: "Read --param and --set values from a JSON file (keeps secrets off the command line; docs/execute-package.md)."),
        .value(
            "package", valueName: "name",
            help: "The package of the project folder to run or validate (validate: every package when left out)."),
    ]

    var file: String
    var sets: [String]
    var connections: [String]
    var parameters: [String]
    /// `--package`: a package of the project folder `file`.
    var packageName: String?
    /// `--values-file`: more `--param` and `--set` values, read (and removed) by ``ValuesFile``.
    var valuesFile: String?
    /// Texts to mask as sensitive, from a values file (a parent run's secrets).
    var secrets: [String] = []

    init(_ parsed: ParsedCommand) {
        // The parser refuses a line without it.
        file = parsed.argument("file") ?? ""
        sets = parsed.values("set")
        connections = parsed.values("conn")
        parameters = parsed.values("param")
        packageName = parsed.value("package")
        valuesFile = parsed.value("values-file")
    }
}

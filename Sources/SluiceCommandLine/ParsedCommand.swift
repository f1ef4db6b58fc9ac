/// The command a command line chose, with its options and arguments checked against its spec.
///
/// ```swift
/// let parsed: ParsedCommand = …             // from CommandLineParser
/// parsed.argument("file")                    // "nightly.sluice.json"
/// parsed.values("set")                       // every --set, in order
/// parsed.value("report")                     // the last --report, or its default
/// parsed.flag("validate")                    // true if given
/// ```
///
/// Asking for a name the spec does not declare is a programming error (an assertion in debug
/// builds); in release it reads as absent.
public struct ParsedCommand: Sendable {
    /// The command names from the root: `["sluice", "plugins", "list"]`.
    public let path: [String]
    public let spec: CommandSpec
    /// The values of each option given, in command-line order; a flag has one empty value per use.
    let options: [String: [String]]
    let arguments: [String: String]

    public func flag(_ name: String) -> Bool {
        checkDeclared(name)
        return options[name] != nil
    }

    /// The last value given, else the option's default.
    public func value(_ name: String) -> String? {
        checkDeclared(name)
        return options[name]?.last ?? spec.option(named: name)?.defaultValue
    }

    /// Every value given, in order.
    public func values(_ name: String) -> [String] {
        checkDeclared(name)
        return options[name] ?? []
    }

    /// The value of an `.integer` option (the parser has checked that it is one).
    public func integer(_ name: String) -> Int? { value(name).flatMap { Int($0) } }

    public func argument(_ name: String) -> String? {
        assert(spec.arguments.contains { $0.name == name }, "\(path.joined(separator: " ")) declares no argument \(name)")
        return arguments[name]
    }

    /// An error about this command's line, for checks the spec cannot express (a range).
    public func invalid(_ reason: String) -> CommandLineError {
        CommandLineError(reason, usage: HelpText.usage(spec, path: path))
    }

    private func checkDeclared(_ name: String) {
        assert(spec.option(named: name) != nil, "\(path.joined(separator: " ")) declares no option --\(name)")
    }
}

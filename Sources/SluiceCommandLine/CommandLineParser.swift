/// Parses a command line against a tree of `CommandSpec`s.
///
/// ```swift
/// switch try CommandLineParser(root: spec).parse(Array(CommandLine.arguments.dropFirst())) {
/// case .run(let parsed): …            // parsed.path == ["tool", "greet"]
/// case .help(let text), .version(let text): print(text)
/// }
/// ```
///
/// The rules, those of most Unix tools:
/// - subcommand names come first (`tool plugins list`); `tool help plugins list` is the help of
///   `tool plugins list`; a group given no subcommand prints its help;
/// - `-h` / `--help` anywhere before `--` asks for the help, `--version` for the version;
/// - options and positional arguments mix in any order; after `--` every word is positional;
/// - a value is the rest of the word after `=` (`--report=EW`) or the next word (`--report EW`),
///   but a next word starting with `-` is not taken as a value, except a number for an
///   `.integer` option (`--max-concurrent -1`) or `-` alone;
/// - a repeatable option keeps every value; any other keeps the last one given.
///
/// Anything else (an unknown option or command, a missing or malformed value, a missing or extra
/// positional argument) throws a `CommandLineError` naming the word at fault.
public struct CommandLineParser: Sendable {
    public let root: CommandSpec

    public init(root: CommandSpec) { self.root = root }

    /// What the command line asks for.
    public enum Request: Sendable {
        case run(ParsedCommand)
        /// The help text of the command named; print it and exit successfully.
        case help(String)
        /// The root's version.
        case version(String)
    }

    public func parse(_ words: [String]) throws(CommandLineError) -> Request {
        var command = root
        var path = [root.name]
        var rest = words[...]
        if rest.first == "help", root.subcommand(named: "help") == nil {
            for word in rest.dropFirst() {
                guard let sub = command.subcommand(named: word) else { throw unknownCommand(word, in: command, path: path) }
                command = sub
                path.append(word)
            }
            return .help(help(command, path))
        }
        while let word = rest.first, let sub = command.subcommand(named: word) {
            command = sub
            path.append(word)
            rest = rest.dropFirst()
        }
        let beforeTerminator = rest.prefix { $0 != "--" }
        if beforeTerminator.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(help(command, path)) }
        if let version = root.version, beforeTerminator.contains("--version") { return .version(version) }
        if !command.subcommands.isEmpty {
            guard let word = rest.first else { return .help(help(command, path)) }
            if word.hasPrefix("-") { throw unknownOption(word, in: command, path: path) }
            throw unknownCommand(word, in: command, path: path)
        }
        return .run(try OptionScanner(command: command, path: path).scan(rest))
    }

    private func help(_ command: CommandSpec, _ path: [String]) -> String {
        HelpText.help(command, path: path, hasVersion: root.version != nil)
    }

    private func unknownCommand(_ word: String, in group: CommandSpec, path: [String]) -> CommandLineError {
        let names = group.subcommands.map(\.name).joined(separator: ", ")
        return CommandLineError("Unknown command '\(word)' (the commands are \(names))", usage: HelpText.usage(group, path: path))
    }

    private func unknownOption(_ word: String, in command: CommandSpec, path: [String]) -> CommandLineError {
        OptionScanner(command: command, path: path).unknownOption(word)
    }
}

/// The usage line and the help page of a command, generated from its spec, laid out for an
/// 80-column terminal:
///
/// ```text
/// OVERVIEW: Validate a package file without running it.
///
/// USAGE: sluice validate <file> [--set <path=value> ...] [--events-json]
///
/// ARGUMENTS:
///   <file>                  The package file (.sluice.json).
///
/// OPTIONS:
///   --set <path=value>      Set a property by path, … (repeatable).
/// ```
enum HelpText {
    static let width = 80
    /// Where the description column of the ARGUMENTS, OPTIONS and SUBCOMMANDS lists starts.
    static let column = 26

    /// `sluice run <file> [--set <path=value> ...] [--validate]`, or `sluice plugins <subcommand>`.
    static func usage(_ command: CommandSpec, path: [String]) -> String {
        var parts = [path.joined(separator: " ")]
        if !command.subcommands.isEmpty { return (parts + ["<subcommand>"]).joined(separator: " ") }
        parts += command.arguments.map(\.usage)
        parts += command.options.filter { !$0.isHidden }.map { $0.isRepeatable ? "[\($0.label) ...]" : "[\($0.label)]" }
        return parts.joined(separator: " ")
    }

    static func help(_ command: CommandSpec, path: [String], hasVersion: Bool) -> String {
        var sections = [wrap("OVERVIEW: " + command.abstract, indent: 0)]
        if let discussion = command.discussion { sections.append(discussion) }
        sections.append("USAGE: " + usage(command, path: path))
        if !command.arguments.isEmpty {
            sections.append("ARGUMENTS:\n" + command.arguments.map { row("<\($0.name)>", $0.help) }.joined(separator: "\n"))
        }
        var options = command.options.filter { !$0.isHidden }.map { row($0.label, describe($0)) }
        if hasVersion { options.append(row("--version", "Show the version.")) }
        options.append(row("-h, --help", "Show help information."))
        sections.append("OPTIONS:\n" + options.joined(separator: "\n"))
        if !command.subcommands.isEmpty {
            let rows = command.subcommands.map { row($0.name, $0.abstract) }.joined(separator: "\n")
            sections.append("SUBCOMMANDS:\n\(rows)\n\n  See '\(path.joined(separator: " ")) <subcommand> --help' for detailed help.")
        }
        return sections.joined(separator: "\n\n")
    }

    /// The option's help with its default or its allowed values.
    private static func describe(_ option: OptionSpec) -> String {
        var text = option.help
        if let value = option.defaultValue { text += " (default: \(value))" }
        if case .choice(let choices) = option.kind { text += " (values: \(choices.joined(separator: ", ")))" }
        return text
    }

    /// `  label                   description…`, the label on a line of its own when it is too
    /// long for the first column.
    private static func row(_ label: String, _ text: String) -> String {
        let head = "  " + label
        let body = wrap(text, indent: column)
        let description = body.dropFirst(column)
        if head.count < column { return head + String(repeating: " ", count: column - head.count) + description }
        return head + "\n" + body
    }

    /// `text` broken into lines of at most `width` columns at spaces, each indented by `indent`
    /// (a word longer than a line gets a line of its own).
    static func wrap(_ text: String, indent: Int) -> String {
        let margin = String(repeating: " ", count: indent)
        var lines: [String] = []
        var line = margin
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.count > indent, line.count + 1 + word.count > width {
                lines.append(line)
                line = margin
            }
            line += (line.count > indent ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}

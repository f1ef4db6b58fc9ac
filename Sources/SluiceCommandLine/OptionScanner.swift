/// Reads the options and positional arguments of one command (not a group), word by word, in
/// one pass: the rules are those listed on `CommandLineParser`.
struct OptionScanner {
    let command: CommandSpec
    let path: [String]

    func scan(_ words: ArraySlice<String>) throws(CommandLineError) -> ParsedCommand {
        var options: [String: [String]] = [:]
        var positional: [String] = []
        var onlyPositional = false
        var i = words.startIndex
        while i < words.endIndex {
            let word = words[i]
            i += 1
            if onlyPositional || word == "-" || !word.hasPrefix("-") {
                positional.append(word)
                continue
            }
            if word == "--" {
                onlyPositional = true
                continue
            }
            guard word.hasPrefix("--") else { throw unknownOption(word) }
            let body = word.dropFirst(2)
            let equals = body.firstIndex(of: "=")
            let name = String(body[..<(equals ?? body.endIndex)])
            let inline = equals.map { body[body.index(after: $0)...] }
            guard let option = command.option(named: name) else { throw unknownOption(word) }
            if option.kind == .flag {
                if let inline { throw fail("The option '--\(name)' takes no value, but '\(inline)' was given") }
                options[name, default: []].append("")
                continue
            }
            let value: String
            if let inline {
                guard !inline.isEmpty else { throw fail("Missing value for '\(option.label)'") }
                value = String(inline)
            } else if i < words.endIndex, Self.canBeValue(words[i], of: option) {
                value = words[i]
                i += 1
            } else {
                throw fail("Missing value for '\(option.label)'")
            }
            try check(value, for: option)
            if option.isRepeatable { options[name, default: []].append(value) } else { options[name] = [value] }
        }
        return ParsedCommand(path: path, spec: command, options: options, arguments: try assign(positional))
    }

    /// The next word is a value unless it looks like an option: `-` alone is a value (standard
    /// input, by convention), and so is a number for an integer option.
    private static func canBeValue(_ word: String, of option: OptionSpec) -> Bool {
        !word.hasPrefix("-") || word == "-" || (option.kind == .integer && Int(word) != nil)
    }

    private func check(_ value: String, for option: OptionSpec) throws(CommandLineError) {
        switch option.kind {
        case .integer where Int(value) == nil:
            throw fail("The value '\(value)' is invalid for '\(option.label)': expected a whole number")
        case .choice(let choices) where !choices.contains(value):
            throw fail("The value '\(value)' is invalid for '\(option.label)': expected \(Self.list(choices))")
        default: return
        }
    }

    private func assign(_ positional: [String]) throws(CommandLineError) -> [String: String] {
        let specs = command.arguments
        if positional.count > specs.count { throw fail("Unexpected argument '\(positional[specs.count])'") }
        if let missing = specs.dropFirst(positional.count).first(where: { !$0.isOptional }) {
            throw fail("Missing expected argument '<\(missing.name)>'")
        }
        var assigned: [String: String] = [:]
        for (spec, word) in zip(specs, positional) { assigned[spec.name] = word }
        return assigned
    }

    func unknownOption(_ word: String) -> CommandLineError {
        let name = word.drop { $0 == "-" }.prefix { $0 != "=" }
        var reason = "Unknown option '\(word.prefix { $0 != "=" })'"
        if !word.hasPrefix("--"), !command.arguments.isEmpty {
            reason += " (an argument that starts with '-' goes after '--': '\(path.joined(separator: " ")) -- \(word)')"
        } else if word.hasPrefix("--"), let near = Suggestion.nearest(to: String(name), among: command.options.filter { !$0.isHidden }.map(\.name)) {
            reason += ". Did you mean '--\(near)'?"
        }
        return fail(reason)
    }

    private func fail(_ reason: String) -> CommandLineError {
        CommandLineError(reason, usage: HelpText.usage(command, path: path))
    }

    /// `never, ifPossible or force`
    static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "nothing" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}

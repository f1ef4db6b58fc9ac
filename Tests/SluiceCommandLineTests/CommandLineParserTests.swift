import SluiceCommandLine
import Testing

/// A small tool shaped like `sluice`: a group, a leaf with every kind of option, an optional argument.
enum Tool {
    static let run = CommandSpec(
        "run", abstract: "Run a file.",
        arguments: [ArgumentSpec("file", help: "The file.")],
        options: [
            .repeated("set", valueName: "path=value", help: "Set a property (repeatable)."),
            .value("report", valueName: "levels", help: "What to print.", default: "EW"),
            .flag("validate", help: "Validate only."),
            .integer("max-concurrent", valueName: "n", help: "Tasks at once (-1 = processors + 2)."),
            .choice("restart", valueName: "mode", ["never", "ifPossible", "force"], help: "Use the checkpoint."),
        ])
    static let errors = CommandSpec(
        "errors", abstract: "Show messages.", arguments: [ArgumentSpec("query", help: "A code or a name.", optional: true)])
    static let plugins = CommandSpec(
        "plugins", abstract: "Inspect plugins.",
        subcommands: [CommandSpec("list", abstract: "List them.", options: [.flag("rejected", help: "Refused ones.")])])
    static let root = CommandSpec("tool", abstract: "A tool.", version: "1.2.3", subcommands: [run, errors, plugins])

    static func parse(_ words: [String]) throws(CommandLineError) -> CommandLineParser.Request {
        try CommandLineParser(root: root).parse(words)
    }

    /// The parsed command, or the test fails.
    static func command(_ words: [String]) throws -> ParsedCommand {
        guard case .run(let parsed) = try parse(words) else {
            Issue.record("\(words) did not choose a command")
            throw CommandLineError("not a command", usage: "")
        }
        return parsed
    }

    /// The error's reason, or nil when the line parsed.
    static func failure(_ words: [String]) -> CommandLineError? {
        do {
            _ = try parse(words)
            return nil
        } catch {
            return error
        }
    }
}

@Suite struct CommandLineParserTests {
    @Test func readsOptionsAndArgumentsInAnyOrder() throws {
        let p = try Tool.command(["run", "--set", "a=1", "pkg.json", "--validate", "--report", "EWI"])
        #expect(p.path == ["tool", "run"])
        #expect(p.argument("file") == "pkg.json")
        #expect(p.values("set") == ["a=1"])
        #expect(p.flag("validate"))
        #expect(p.value("report") == "EWI")
    }

    @Test func takesTheValueAfterAnEqualsSign() throws {
        let p = try Tool.command(["run", "--set=x=1;y", "--report=I", "--max-concurrent=3", "f"])
        #expect(p.values("set") == ["x=1;y"])
        #expect(p.value("report") == "I")
        #expect(p.integer("max-concurrent") == 3)
    }

    @Test func keepsEveryValueOfARepeatableOptionInOrder() throws {
        let p = try Tool.command(["run", "f", "--set", "a=1", "--set=b=2", "--set", "a=3"])
        #expect(p.values("set") == ["a=1", "b=2", "a=3"])
    }

    @Test func keepsTheLastValueOfAnOptionThatDoesNotRepeat() throws {
        let p = try Tool.command(["run", "f", "--restart", "force", "--restart=never"])
        #expect(p.value("restart") == "never")
    }

    @Test func givesDefaultsAndAbsenceWhenOptionsAreLeftOut() throws {
        let p = try Tool.command(["run", "f"])
        #expect(p.value("report") == "EW")
        #expect(p.values("set").isEmpty)
        #expect(!p.flag("validate"))
        #expect(p.integer("max-concurrent") == nil)
        #expect(p.value("restart") == nil)
    }

    @Test(arguments: [["--max-concurrent", "-1"], ["--max-concurrent=-1"], ["--max-concurrent", "-12"]])
    func takesANegativeNumberAsTheValueOfAnIntegerOption(_ words: [String]) throws {
        let p = try Tool.command(["run", "f"] + words)
        #expect(p.integer("max-concurrent") == Int(words.last!.split(separator: "=").last!))
    }

    @Test func treatsEverythingAfterADoubleDashAsPositional() throws {
        let p = try Tool.command(["run", "--validate", "--", "--help"])
        #expect(p.argument("file") == "--help")
        #expect(p.flag("validate"))
        #expect(try Tool.command(["run", "-"]).argument("file") == "-", "a lone dash is a value")
    }

    @Test func leavesAnOptionalArgumentOut() throws {
        #expect(try Tool.command(["errors"]).argument("query") == nil)
        #expect(try Tool.command(["errors", "10001"]).argument("query") == "10001")
    }

    @Test func walksNestedSubcommands() throws {
        let p = try Tool.command(["plugins", "list", "--rejected"])
        #expect(p.path == ["tool", "plugins", "list"])
        #expect(p.flag("rejected"))
    }

    @Test(arguments: [["--version"], ["run", "f", "--version"], ["plugins", "list", "--version"]])
    func printsTheVersionFromAnyCommand(_ words: [String]) throws {
        guard case .version(let v) = try Tool.parse(words) else {
            Issue.record("no version for \(words)")
            return
        }
        #expect(v == "1.2.3")
    }
}

@Suite struct CommandLineErrorTests {
    @Test func refusesAnUnknownOptionAndSuggestsTheNearestName() throws {
        let e = try #require(Tool.failure(["run", "f", "--raport", "E"]))
        #expect(e.reason == "Unknown option '--raport'. Did you mean '--report'?")
        #expect(e.usage.hasPrefix("tool run <file> "))
        #expect(Tool.failure(["run", "f", "--val"])?.reason == "Unknown option '--val'. Did you mean '--validate'?")
        #expect(Tool.failure(["run", "f", "--zzzzzz=1"])?.reason == "Unknown option '--zzzzzz'")
    }

    @Test func explainsHowToPassAnArgumentThatStartsWithADash() {
        let e = Tool.failure(["run", "-1"])
        #expect(e?.reason == "Unknown option '-1' (an argument that starts with '-' goes after '--': 'tool run -- -1')")
    }

    @Test(arguments: [["--set"], ["--set", "--validate"], ["--set="], ["--report", "-x"], ["--max-concurrent"], ["--max-concurrent", "--validate"]])
    func refusesAnOptionWithoutItsValue(_ words: [String]) throws {
        let e = try #require(Tool.failure(["run", "f"] + words))
        #expect(e.reason.hasPrefix("Missing value for '--"), "\(e.reason)")
    }

    @Test func refusesAValueForAFlag() {
        #expect(Tool.failure(["run", "f", "--validate=yes"])?.reason == "The option '--validate' takes no value, but 'yes' was given")
    }

    @Test func refusesAValueOutsideAChoice() {
        #expect(
            Tool.failure(["run", "f", "--restart", "sometimes"])?.reason
                == "The value 'sometimes' is invalid for '--restart <mode>': expected never, ifPossible or force")
        #expect(Tool.failure(["run", "f", "--restart=Force"]) != nil, "choices are exact")
    }

    @Test(arguments: ["abc", "1.5", "99999999999999999999999"])
    func refusesAnIntegerOptionThatIsNotAWholeNumber(_ value: String) {
        #expect(Tool.failure(["run", "f", "--max-concurrent=\(value)"])?.reason == "The value '\(value)' is invalid for '--max-concurrent <n>': expected a whole number")
    }

    @Test func refusesAMissingOrAnExtraArgument() {
        #expect(Tool.failure(["run"])?.reason == "Missing expected argument '<file>'")
        #expect(Tool.failure(["run", "--validate"])?.reason == "Missing expected argument '<file>'")
        #expect(Tool.failure(["run", "a", "b"])?.reason == "Unexpected argument 'b'")
        #expect(Tool.failure(["errors", "1", "2"])?.reason == "Unexpected argument '2'")
        #expect(Tool.failure(["plugins", "list", "extra"])?.reason == "Unexpected argument 'extra'")
    }

    @Test func refusesAnUnknownCommandNamingTheRealOnes() throws {
        let e = try #require(Tool.failure(["nope"]))
        #expect(e.reason == "Unknown command 'nope' (the commands are run, errors, plugins)")
        #expect(e.usage == "tool <subcommand>")
        #expect(Tool.failure(["plugins", "show"])?.usage == "tool plugins <subcommand>")
        #expect(Tool.failure(["help", "nope"])?.reason.hasPrefix("Unknown command 'nope'") == true)
        #expect(Tool.failure(["--nope"])?.reason == "Unknown option '--nope'")
    }

    @Test func describesItselfWithTheUsageLine() {
        let e = CommandLineError("Unexpected argument 'b'", usage: "tool run <file>")
        #expect("\(e)" == "Unexpected argument 'b'\nUsage: tool run <file>")
    }

    @Test func doesNotCompareVeryLongNamesForASuggestion() {
        let long = String(repeating: "r", count: 100_000)
        #expect(Tool.failure(["run", "f", "--" + long])?.reason == "Unknown option '--\(long)'")
    }
}

import SluiceCommandLine
import Testing

@Suite struct HelpTextTests {
    func help(_ words: [String]) throws -> String {
        guard case .help(let text) = try Tool.parse(words) else {
            Issue.record("no help for \(words)")
            return ""
        }
        return text
    }

    @Test(arguments: [["run", "--help"], ["run", "-h"], ["run", "f", "--nope", "-h"], ["help", "run"], ["run", "--set", "--help"]])
    func anyFormOfHelpGivesTheCommandsHelp(_ words: [String]) throws {
        let text = try help(words)
        #expect(text.hasPrefix("OVERVIEW: Run a file."), "\(text)")
        #expect(text.contains("USAGE: tool run <file> [--set <path=value> ...] [--report <levels>] [--validate]"))
    }

    @Test func listsEveryOptionWithItsValueNameHelpDefaultAndChoices() throws {
        let text = try help(["run", "--help"])
        for spec in Tool.run.options {
            #expect(text.contains("  \(spec.label)"), "\(spec.label) in\n\(text)")
            #expect(text.contains(spec.help), "\(spec.help)")
        }
        #expect(text.contains("  <file>                  The file."))
        #expect(text.contains("What to print. (default: EW)"))
        #expect(text.contains("(values: never, ifPossible, force)"))
        #expect(text.contains("  --version               Show the version."))
        #expect(text.contains("  -h, --help              Show help information."))
    }

    @Test(arguments: [[], ["--help"], ["help"]])
    func theRootAndGroupsListTheirSubcommands(_ words: [String]) throws {
        let text = try help(words)
        #expect(text.contains("USAGE: tool <subcommand>"))
        #expect(text.contains("  run                     Run a file."))
        #expect(text.contains("  plugins                 Inspect plugins."))
        let group = try help(["plugins"])
        #expect(group.contains("  list                    List them."))
        #expect(group.contains("See 'tool plugins <subcommand> --help'"))
    }

    @Test func aDoubleDashEndsTheSearchForHelp() throws {
        #expect(try Tool.command(["run", "--", "-h"]).argument("file") == "-h")
    }

    @Test func wrapsLongHelpTextIntoTheSecondColumn() throws {
        let long = CommandSpec(
            "x", abstract: "X.",
            options: [.value("a-rather-long-option-name", valueName: "value", help: String(repeating: "word ", count: 30))])
        guard case .help(let text) = try CommandLineParser(root: long).parse(["--help"]) else {
            Issue.record("no help")
            return
        }
        let lines = text.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
        #expect(lines.contains("  --a-rather-long-option-name <value>"), "a long label gets its own line")
        #expect(lines.contains { $0.hasPrefix(String(repeating: " ", count: 26) + "word word") })
    }
}

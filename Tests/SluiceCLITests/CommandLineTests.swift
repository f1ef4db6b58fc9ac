import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// The real binary's command line: help, version, and every way a line is refused.
@Suite struct CommandLineTests {
    /// Each command's options, as the README and scripts use them: the help must list them all.
    static let packageOptions = ["--set <path=value>", "--conn <name=connection-string>", "--param <name=value>", "--plugin-dir <dir>"]
    static let outputOptions = ["--report <levels>", "--events-json", "--show-variables"]
    static let commands: [(words: [String], usage: String, options: [String])] = [
        (["run"], "sluice run <file>", packageOptions + outputOptions + ["--validate", "--max-concurrent <n>", "--checkpoint-file <file>", "--restart <mode>"]),
        (["validate"], "sluice validate <file>", packageOptions + outputOptions),
        (["eval"], "sluice eval <expression>", ["--var <name=type:value>", "--param <name=type:value>", "--json"]),
        (["plugins", "list"], "sluice plugins list", ["--plugin-dir <dir>", "--rejected"]),
        (["errors"], "sluice errors [<query>]", ["--markdown"]),
    ]

    @Test(arguments: commands.indices)
    func eachCommandsHelpListsEveryOption(_ index: Int) throws {
        let command = Self.commands[index]
        let f = try CLIFixture()
        for form in [command.words + ["--help"], command.words + ["-h"], ["help"] + command.words] {
            let r = try f.sluice(form)
            #expect(r.status == 0, "\(form): \(r.transcript)")
            #expect(r.standardOutput.contains("USAGE: \(command.usage)"), "\(r.standardOutput)")
            for option in command.options + ["--version", "-h, --help"] {
                #expect(r.standardOutput.contains("  \(option)"), "\(form) lists \(option)")
            }
        }
    }

    @Test(arguments: [[], ["--help"], ["help"], ["plugins"]])
    func theRootAndThePluginsGroupPrintTheirHelp(_ words: [String]) throws {
        let r = try CLIFixture().sluice(words)
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.hasPrefix("OVERVIEW: "))
        #expect(r.standardOutput.contains("SUBCOMMANDS:"))
    }

    @Test func runsHelpShowsTheDefaultAndTheRestartModes() throws {
        let r = try CLIFixture().sluice(["run", "--help"])
        // Words, whatever the wrapping.
        let text = r.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Combine letters: EWI. (default: EW)"))
        #expect(text.contains("(values: never, ifPossible, force)"))
        #expect(text.contains("4 package not found, 5 package could not be loaded, 6 bad command line."))
    }

    @Test(arguments: [["--version"], ["run", "x.json", "--version"], ["plugins", "list", "--version"]])
    func printsTheVersion(_ words: [String]) throws {
        let r = try CLIFixture().sluice(words)
        #expect(r.status == 0)
        #expect(r.standardOutput == "0.1.0\n")
    }

    @Test(arguments: [
        (["nope"], "Unknown command 'nope' (the commands are run, validate, eval, plugins, packages, project, errors, graph, serve, catalog, login, logout)", "sluice <subcommand>"),
        (["plugins", "show"], "Unknown command 'show'", "sluice plugins <subcommand>"),
        (["run", "x.json", "--no-such-option"], "Unknown option '--no-such-option'", "sluice run <file> [--set"),
        (["run", "x.json", "--raport", "E"], "Did you mean '--report'?", "sluice run <file>"),
        (["eval", "-1"], "goes after '--': 'sluice eval -- -1'", "sluice eval <expression>"),
        (["run", "x.json", "--report"], "Missing value for '--report <levels>'", "sluice run <file>"),
        (["run", "x.json", "--set", "--validate"], "Missing value for '--set <path=value>'", "sluice run <file>"),
        (["run", "x.json", "--checkpoint-file="], "Missing value for '--checkpoint-file <file>'", "sluice run <file>"),
        (["run", "x.json", "--events-json=yes"], "The option '--events-json' takes no value", "sluice run <file>"),
        (["run", "x.json", "--restart", "sometimes"], "expected never, ifPossible or force", "sluice run <file>"),
        (["run", "x.json", "--max-concurrent", "two"], "The value 'two' is invalid for '--max-concurrent <n>'", "sluice run <file>"),
        (["run"], "Missing expected argument '<file>'", "sluice run <file>"),
        (["validate", "a.json", "b.json"], "Unexpected argument 'b.json'", "sluice validate <file>"),
        (["eval"], "Missing expected argument '<expression>'", "sluice eval <expression>"),
        (["errors", "1", "2"], "Unexpected argument '2'", "sluice errors [<query>] [--markdown]"),
        (["plugins", "list", "extra"], "Unexpected argument 'extra'", "sluice plugins list [--plugin-dir <dir> ...] [--rejected]"),
    ])
    func aBadLineExitsSixWithTheReasonAndTheUsage(_ words: [String], _ reason: String, _ usage: String) throws {
        let r = try CLIFixture().sluice(words)
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.hasPrefix("SLUICE_E_COMMAND_LINE_INVALID (50001): Bad command line: "), "\(r.standardError)")
        #expect(r.standardError.contains(reason), "\(r.standardError)")
        #expect(r.standardError.contains("\nUsage: \(usage)"), "\(r.standardError)")
        #expect(r.standardOutput.isEmpty)
    }

    @Test func takesRepeatedOptionsAndTheEqualsFormAnywhereOnTheLine() throws {
        let f = try CLIFixture()
        var p = CLIFixture.greetingPackage()
        p.variables.append(Variable("User::Other", type: .i4, value: .int(0)))
        let path = try f.save(p)
        let r = try f.sluice([
            "run", "--set=\\Package.Variables[User::Limit].Value=7", "--report=N", path, "--show-variables",
            "--set", "\\Package.Variables[User::Other].Value=8", "--max-concurrent=-1",
        ])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Limit = 7 (DT_I4)"), "\(r.standardError)")
        #expect(r.standardError.contains("User::Other = 8 (DT_I4)"), "\(r.standardError)")
    }

    @Test func anArgumentThatStartsWithADashGoesAfterADoubleDash() throws {
        let r = try CLIFixture().sluice(["eval", "--var=User::N=DT_I4:3", "--", "-1 - @[User::N]"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput == "-4  (DT_I4)\n")
    }
}

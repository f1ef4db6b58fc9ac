import SluiceCommandLine
import Testing

/// A hidden option (`sluice plugins check`'s child mode) parses like any other but appears in
/// no help, usage or suggestion.
@Suite struct HiddenOptionTests {
    static let check = CommandSpec(
        "check", abstract: "Check a library.", arguments: [ArgumentSpec("library", help: "The library.")],
        options: [
            .flag("json", help: "As JSON."),
            .value("child-mode", valueName: "request", help: "Internal.").hidden(),
        ])
    static let root = CommandSpec("tool", abstract: "A tool.", subcommands: [check])

    @Test func aHiddenOptionIsParsed() throws {
        guard case .run(let parsed) = try CommandLineParser(root: Self.root).parse(["check", "lib.so", "--child-mode", "{}"]) else {
            Issue.record("not a run")
            return
        }
        #expect(parsed.value("child-mode") == "{}")
    }

    @Test func aHiddenOptionIsLeftOutOfTheHelpAndTheUsage() throws {
        guard case .help(let text) = try CommandLineParser(root: Self.root).parse(["check", "--help"]) else {
            Issue.record("no help")
            return
        }
        #expect(text.contains("--json"))
        #expect(!text.contains("child-mode"))
        #expect(throws: CommandLineError.self) { try CommandLineParser(root: Self.root).parse(["check"]) }
        let misspelt = #expect(throws: CommandLineError.self) {
            try CommandLineParser(root: Self.root).parse(["check", "lib.so", "--child-mod", "x"])
        }
        #expect(misspelt?.reason.contains("child-mode") == false, "no suggestion of a hidden option")
        #expect(misspelt?.usage.contains("child-mode") == false)
    }
}

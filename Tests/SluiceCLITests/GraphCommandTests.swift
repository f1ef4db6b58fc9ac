import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

@Suite struct GraphCommandTests {
    static let dotInstalled = ProcessInfo.processInfo.environment["PATH"].map { path in
        path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
    } ?? false

    /// Hostile names: quotes, a backslash, a line break, non-ASCII.
    static func package() -> Package {
        var p = Package(name: "Graph \"Me\"")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        var load = Executable("Load\\Stage\nTwo", kind: .sequence)
        load.executables = [.task("Set ✓", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "1")])]
        p.executables = [.task("First", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "2")]), load]
        p.connect("First", to: "Load\\Stage\nTwo")
        return p
    }

    /// One that passes validation (names may not hold a backslash), for a real run.
    static func runnablePackage() -> Package {
        var p = Package(name: "Runs")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        var load = Executable("Load \"Stage\"", kind: .sequence)
        load.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "1")])]
        p.executables = [.task("First", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "2")]), load]
        p.connect("First", to: "Load \"Stage\"")
        return p
    }

    @Test func printsTheDotOfThePackageByDefault() throws {
        let f = try CLIFixture(plugins: [])
        let package = Self.package()
        let file = try f.save(package)
        let r = try f.sluice(["graph", file])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput == PackageGraph.dot(try PackageFile.load(from: file)))
        #expect(r.standardOutput.hasPrefix("digraph \"Graph \\\"Me\\\"\" {"))
    }

    @Test(.enabled(if: dotInstalled, "needs Graphviz (scripts/setup.sh installs it)"))
    func drawsSVGThroughGraphviz() throws {
        let f = try CLIFixture(plugins: [])
        let r = try f.sluice(["graph", try f.save(Self.package()), "--format", "svg"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.contains("<svg"))
        #expect(r.standardOutput.contains("Set ✓"), "UTF-8 names reach the drawing")
        #expect(r.standardOutput.contains("Load\\Stage"), "a backslash is drawn as itself")
        #expect(r.standardOutput.contains("</svg>"))
    }

    @Test func withoutGraphvizSVGIsACodedErrorThatSaysWhatToInstall() throws {
        let f = try CLIFixture(plugins: [])
        let empty = f.directory.appendingPathComponent("empty-bin")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let r = try f.sluice(["graph", try f.save(Self.package()), "--format", "svg"], environment: ["PATH": empty.path])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.contains("SLUICE_E_GRAPH_DOT_MISSING (50030)"))
        #expect(r.standardError.contains("apt-get install graphviz"))
        #expect(r.standardError.contains("--format dot"))
    }

    @Test func theEventsOfARealRunLabelEachExecutable() throws {
        let f = try CLIFixture(plugins: [])
        let file = try f.save(Self.runnablePackage())
        let run = try f.sluice(["run", file, "--events-json"])
        #expect(run.status == 0, "\(run.transcript)")
        let events = try f.write(run.standardOutput, as: "events.jsonl")
        let r = try f.sluice(["graph", file, "--events", events])
        #expect(r.status == 0, "\(r.transcript)")
        let package = try PackageFile.load(from: file)
        let records = try run.standardOutput.split(separator: "\n").map { try EventRecord(jsonLine: String($0)) }
        #expect(r.standardOutput == PackageGraph.dot(package, overlay: GraphOverlay(events: records)))
        #expect(r.standardOutput.components(separatedBy: "\\nSuccess, ").count - 1 == 4, "package, container and two tasks: \(r.standardOutput)")
        #expect(r.standardOutput.contains("fillcolor=\"#c8e6c9\""))
    }

    @Test func aBadEventsFileNamesItsLine() throws {
        let f = try CLIFixture(plugins: [])
        let file = try f.save(Self.package())
        let events = try f.write("\n{\"version\":1}\n", as: "events.jsonl")
        let r = try f.sluice(["graph", file, "--events", events])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_GRAPH_EVENTS_INVALID (50033)"))
        #expect(r.standardError.contains("line 2"))
        let missing = try f.sluice(["graph", file, "--events", "nope.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("SLUICE_E_GRAPH_EVENTS_UNREADABLE (50032)"))
    }

    @Test func aMissingPackageExitsFourAndABadFormatSix() throws {
        let f = try CLIFixture(plugins: [])
        #expect(try f.sluice(["graph", "nope.sluice.json"]).status == 4)
        #expect(try f.sluice(["graph", try f.save(Self.package()), "--format", "png"]).status == 6)
        let help = try f.sluice(["graph", "--help"])
        #expect(help.standardOutput.contains("--events"))
    }
}

import Foundation
import SluiceTestSupport
import Testing

/// `sluice plugins check` on data flow transforms and destinations, which it feeds synthetic
/// upstream batches: the examples and a control keep the Arrow release rules; each fixture
/// breaks exactly one of them and fails with its code.
@Suite struct PluginsCheckDataFlowTests {
    typealias Check = PluginsCheckCommandTests

    @Test func theDataFlowExamplesAndTheControlPass() throws {
        let dir = try BuildProducts.temporaryDirectory("check")
        let cases: [(String, [String], [String])] = [
            ("SluiceUppercaseC", ["--property", "examples.uppercase.columns=text"], ["examples.uppercase"]),
            ("SluiceSequenceSwift", [], ["examples.sequence"]),
            ("FixtureFlowGood", [], ["tests.flow.good"]),
            ("FixtureSwiftFlow", [
                "--property", "tests.swift.length.column=text", "--property", "tests.swift.total.column=int64",
                "--property", "tests.swift.lines.file=\(dir.appendingPathComponent("lines.txt").path)",
            ], ["tests.swift.length", "tests.swift.total", "tests.swift.lines"]),
        ]
        for (library, properties, components) in cases {
            let (r, report) = try Check().check(library, properties)
            #expect(r.status == 0, "\(library): \(r.transcript)")
            #expect(report.passed && report.breaches.isEmpty, "\(library): \(report.breaches.map(\.message))")
            #expect(report.components == components)
            // Configured: nothing of any component was skipped.
            #expect(report.notes.allSatisfy { $0.component == "(library)" }, "\(library): \(report.notes)")
        }
        // The destination really got the synthetic rows: 3 ordinary, then 4 NULL, then 2 long-string rows.
        let lines = try String(contentsOfFile: dir.appendingPathComponent("lines.txt").path, encoding: .utf8)
        #expect(lines.split(separator: "\n").count == 9, "\(lines)")
    }

    @Test(arguments: [
        ("FixtureFlowEmitsReleased", 30310, "tests.flow.emits-released"),
        ("FixtureFlowBadOffsets", 30304, "tests.flow.bad-offsets"),
        ("FixtureFlowKeepsInput", 30311, "tests.flow.keeps-input"),
        ("FixtureFlowReleasesTwice", 30312, "tests.flow.releases-twice"),
        ("FixtureFlowEmitsAfterEnd", 30313, "tests.flow.emits-after-end"),
    ] as [(String, Int32, String)])
    func eachDataFlowFixtureFailsWithTheCodeOfTheRuleItBreaks(library: String, code: Int32, component: String) throws {
        try Check().eachMisbehavingFixtureFailsWithTheCodeOfTheRuleItBreaks(library: library, code: code, component: component)
    }

    @Test func aTransformWhoseNegotiateRefusesTheSyntheticInputsIsANoteNotABreach() throws {
        // examples.uppercase on "int32", which is not a string.
        let (r, report) = try Check().check("SluiceUppercaseC", ["--property", "examples.uppercase.columns=int32"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(report.breaches.isEmpty)
        #expect(report.notes.contains { $0.component == "examples.uppercase" && $0.step == "batches" }, "\(report.notes)")
    }
}

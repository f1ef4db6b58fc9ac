import Foundation
import SluiceTestSupport
import Testing

/// The C data flow fixture through the real `sluice`: listed with its kinds, and it keeps the
/// contract under `sluice plugins check` (ports, negotiation, batches through a stream).
@Suite struct DataFlowPluginCommandTests {
    @Test func pluginsListShowsTheCDataFlowSourceAndTransform() throws {
        let f = try CLIFixture(plugins: ["FixtureDataFlow"])
        let list = try f.sluice(["plugins", "list"])
        #expect(list.status == 0, "\(list.transcript)")
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.contains { $0.contains("fixtures.dataflow.numbers") && $0.contains("source") }, "\(list.transcript)")
        #expect(lines.contains { $0.contains("fixtures.dataflow.upper") && $0.contains("transform") }, "\(list.transcript)")
    }

    @Test func pluginsCheckPassesTheCDataFlowFixture() throws {
        let (r, report) = try PluginsCheckCommandTests().check("FixtureDataFlow", ["--property", "fixtures.dataflow.upper.column=name"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(report.passed && report.breaches.isEmpty, "\(report.breaches)")
        #expect(report.components == ["fixtures.dataflow.numbers", "fixtures.dataflow.upper"])
    }

    @Test func pluginsCheckReportsAMalformedSourceBatchWithItsCode() throws {
        let (r, report) = try PluginsCheckCommandTests().check(
            "FixtureDataFlow", ["--property", "fixtures.dataflow.upper.column=name", "--property", "fixtures.dataflow.numbers.malform=offsets"])
        #expect(r.status != 0, "\(r.transcript)")
        #expect(report.breaches.map(\.name) == ["SLUICE_E_ARROW_ARRAY_INVALID"], "\(report.breaches)")
        #expect(report.breaches.first?.component == "fixtures.dataflow.numbers")
    }
}

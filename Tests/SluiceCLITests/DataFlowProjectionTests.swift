import Foundation
import Testing

/// Projection pushdown through the real `sluice run`: the Flat File source converts only the
/// columns some component downstream reads (ColumnLiveness), so a column nobody reads is never
/// parsed; a column read anywhere downstream (through synchronous outputs, a Multicast, an error
/// output) still is.
@Suite struct DataFlowProjectionTests {
    typealias D = DataFlowRunCommandTests

    /// id, qty and a `note` column typed DT_I4 whose values are not numbers: it fails the run
    /// exactly when something reads it.
    static let columns = #"""
        {"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "qty", "lineageId": 2, "type": "DT_I4"},
        {"name": "note", "lineageId": 4, "type": "DT_I4"}
        """#
    static let file = "id,qty,note\n1,2,abc\n2,7,def\n"

    func run(_ f: CLIFixture, writing lineage: [Int], multicast: Bool = false) throws -> (status: Int32, out: String, transcript: String) {
        let input = try f.write(Self.file, as: "in.csv")
        let out = f.directory.appendingPathComponent("out-\(lineage.map(String.init).joined()).csv").path
        let multicastJSON = #"{"name": "Copy", "component": "sluice.multicast", "inputs": [{"name": "Input"}], "outputs": [{"name": "A", "synchronousInput": "Input"}, {"name": "B", "synchronousInput": "Input"}]}"#
        var components = [D.source(input, columns: Self.columns), D.derive]
        var paths = [D.path("Read", "Output", "Derive")]
        if multicast {
            components += [multicastJSON, D.destination("Write", out, lineage), D.destination("Other", out + ".2", [1])]
            paths += [D.path("Derive", "Output", "Copy"), D.path("Copy", "A", "Write"), D.path("Copy", "B", "Other")]
        } else {
            components.append(D.destination("Write", out, lineage))
            paths.append(D.path("Derive", "Output", "Write"))
        }
        let package = try f.write(D.package(components.joined(separator: ","), paths.joined(separator: ",")), as: "flow.json")
        let r = try f.sluice(["run", package])
        return (r.status, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "", r.transcript)
    }

    @Test func aColumnNobodyReadsIsNeverParsed() throws {
        let f = try CLIFixture()
        let r = try run(f, writing: [1, 3])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.out == "id,total\n1,20\n2,70\n")
    }

    @Test func aColumnReadDownstreamIsParsedAndItsBadValueFailsTheRun() throws {
        let f = try CLIFixture()
        let r = try run(f, writing: [1, 3, 4])
        #expect(r.status != 0)
        #expect(r.transcript.contains("70304"), "\(r.transcript)")
        #expect(r.transcript.contains("note"), "\(r.transcript)")
    }

    @Test func aReadBehindAMulticastCountsToo() throws {
        let f = try CLIFixture()
        let r = try run(f, writing: [1, 3, 4], multicast: true)
        #expect(r.status != 0)
        #expect(r.transcript.contains("70304"), "\(r.transcript)")
        let ok = try run(f, writing: [1, 3], multicast: true)
        #expect(ok.status == 0, "\(ok.transcript)")
        #expect(ok.out == "id,total\n1,20\n2,70\n")
    }
}

import Foundation
import Testing

/// Flat File sources that declare no columns: inferred at validation, used downstream by lineage.
@Suite struct FlatFileInferenceTests {
    typealias Flow = DataFlowRunCommandTests

    @Test func inferredColumnsFlowToADestinationByTheirLineageIds() throws {
        let f = try CLIFixture()
        let input = try f.write("id,price,day,note\n1,2.5,2024-01-02,a\n2,3,2024-01-03,\n", as: "in.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)", "firstLineageId": 100}, "outputs": [{"name": "Output"}]}"#
        let package = try f.write(Flow.package(
            [source, Flow.destination("Write", out, [103, 101, 100])].joined(separator: ","), Flow.path("Read", "Output", "Write")), as: "flow.json")
        let validated = try f.sluice(["validate", package])
        #expect(validated.status == 0, "\(validated.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "note,price,id\na,2.5,1\n,3.0,2\n")
    }

    @Test func validationNamesTheFileWhenInferenceFails() throws {
        let f = try CLIFixture()
        let input = try f.write("", as: "empty.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output"}]}"#
        let package = try f.write(Flow.package(
            [source, Flow.destination("Write", out, [1])].joined(separator: ","), Flow.path("Read", "Output", "Write")), as: "flow.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status != 0)
        #expect(r.transcript.contains("SLUICE_E_CSV_INFERENCE_FAILED") && r.transcript.contains("empty.csv"), "\(r.transcript)")
    }
}

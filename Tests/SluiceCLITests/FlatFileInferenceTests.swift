import Foundation
import SluiceTestSupport
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

    @Test func aWindows1252FileIsReadAndWrittenAsLatin1ThroughAPackage() throws {
        let f = try CLIFixture()
        let input = f.directory.appendingPathComponent("in.csv").path
        try Data(Array("id,name\n1,Jos".utf8) + [0xE9] + Array("\n2,".utf8) + [0x80] + Array("5\n".utf8)).write(to: URL(fileURLWithPath: input))
        let out = f.directory.appendingPathComponent("out.csv").path
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)", "codePage": 1252}, "outputs": [{"name": "Output"}]}"#
        let write = #"{"name": "Write", "component": "sluice.flatFileDestination", "properties": {"file": "\#(out)", "codePage": 28591}, "inputs": [{"name": "Input", "columns": [{"lineageId": 2}]}]}"#
        let package = try f.write(Flow.package([source, write].joined(separator: ","), Flow.path("Read", "Output", "Write")), as: "flow.json")
        let r = try f.sluice(["run", package])
        // "José" has a byte in ISO-8859-1; "€5" does not: the run fails naming the line and column.
        #expect(r.status != 0)
        #expect(r.transcript.contains("SLUICE_E_CSV_CHARACTER_NOT_IN_CODE_PAGE") && r.transcript.contains("line 3"), "\(r.transcript)")
        #expect(r.transcript.contains("[name]") && r.transcript.contains("U+20AC"), "\(r.transcript)")
        let latin = try f.write(Flow.package([source, write.replacingOccurrences(of: "28591", with: "1252")].joined(separator: ","),
            Flow.path("Read", "Output", "Write")), as: "flow1252.json")
        let ok = try f.sluice(["run", latin])
        #expect(ok.status == 0, "\(ok.transcript)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == Array("name\nJos".utf8) + [0xE9] + Array("\n".utf8) + [0x80] + Array("5\n".utf8))
    }

    @Test func inferredLineageIdsPastInt32AreACodedValidationError() throws {
        let f = try CLIFixture()
        let input = try f.write("a,b,c,d\n1,2,3,4\n", as: "in.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        func validate(_ extra: String, first: String?, reading: Int) throws -> ChildProcess {
            let property = first.map { #", "firstLineageId": \#($0)"# } ?? ""
            let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"\#(property)}, "outputs": [{"name": "Output"}]}"#
            let package = try f.write(Flow.package(
                ([source, Flow.destination("Write", out, [reading])] + (extra.isEmpty ? [] : [extra])).joined(separator: ","),
                Flow.path("Read", "Output", "Write")), as: "flow.json")
            return try f.sluice(["validate", package])
        }
        // Four columns from 2147483644 end exactly at the largest int32.
        let fits = try validate("", first: "2147483644", reading: 2_147_483_647)
        #expect(fits.status == 0, "\(fits.transcript)")
        for first in ["2147483645", "9223372036854775807"] {
            let r = try validate("", first: first, reading: 1)
            #expect(r.status != 0)
            #expect(r.transcript.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID") && r.transcript.contains("firstLineageId"), "\(r.transcript)")
        }
        // No firstLineageId: numbered after the highest id an output declares.
        let other = #"{"name": "Other", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)", "inferColumns": false}, "outputs": [{"name": "Output", "columns": [{"name": "a", "lineageId": 2147483645, "type": "DT_I4"}]}]}"#
        let after = try validate(other, first: nil, reading: 1)
        #expect(after.status != 0)
        #expect(after.transcript.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID") && after.transcript.contains("2147483645"), "\(after.transcript)")
    }
}

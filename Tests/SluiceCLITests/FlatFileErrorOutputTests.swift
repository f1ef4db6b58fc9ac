import Foundation
import Testing

/// The Flat File source's error output and dispositions through the real `sluice run`.
@Suite struct FlatFileErrorOutputTests {
    typealias Flow = DataFlowRunCommandTests

    static func source(_ file: String, _ properties: String) -> String {
        #"""
        {"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(file)", \#(properties)},
         "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "note", "lineageId": 2, "type": "DT_WSTR", "length": 3}]},
                     {"name": "Errors", "isErrorOutput": true,
                      "columns": [{"name": "Flat File Source Error Output Column", "lineageId": 3, "type": "DT_TEXT"},
                                  {"name": "ErrorCode", "lineageId": 4, "type": "DT_I4"}, {"name": "ErrorColumn", "lineageId": 5, "type": "DT_I4"}]}]}
        """#
    }

    @Test func badRaggedAndTooLongRowsLeaveByTheErrorOutputWithTheirRawText() throws {
        let f = try CLIFixture()
        let input = try f.write("id,note\n1,ab\nx,cd\n3\n4,long\n5,ok\n", as: "in.csv")
        let good = f.directory.appendingPathComponent("good.csv").path
        let errors = f.directory.appendingPathComponent("errors.csv").path
        let properties = #""raggedRows": "redirectRow", "errorDispositions": [{"column": "id", "onError": "redirectRow"}, {"column": "note", "onTruncation": "redirectRow"}]"#
        let package = try f.write(Flow.package(
            [Self.source(input, properties), Flow.destination("Good", good, [1, 2]), Flow.destination("Bad", errors, [3, 4, 5])].joined(separator: ","),
            [Flow.path("Read", "Output", "Good"), Flow.path("Read", "Errors", "Bad")].joined(separator: ",")), as: "flow.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "id,note\n1,ab\n5,ok\n")
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == """
            Flat File Source Error Output Column,ErrorCode,ErrorColumn
            "x,cd",70304,1
            3,70303,0
            "4,long",70330,2

            """)
    }

    @Test func ignoredFailuresAreNullAndTruncatedTextIsCut() throws {
        let f = try CLIFixture()
        let input = try f.write("id,note\nx,abcdef\n2,ok\n", as: "in.csv")
        let good = f.directory.appendingPathComponent("good.csv").path
        let properties = #""errorDispositions": [{"column": "id", "onError": "ignoreFailure", "onTruncation": "failComponent"}, {"column": "note", "onTruncation": "ignoreFailure"}]"#
        let package = try f.write(Flow.package(
            [Self.source(input, properties), Flow.destination("Good", good, [1, 2])].joined(separator: ","),
            Flow.path("Read", "Output", "Good")), as: "flow.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "id,note\n,abc\n2,ok\n")
    }

    @Test func aFailingValueFailsTheFlowNamingFileLineAndColumn() throws {
        let f = try CLIFixture()
        let input = try f.write("id,note\n1,ab\n2,toolong\n", as: "in.csv")
        let good = f.directory.appendingPathComponent("good.csv").path
        let package = try f.write(Flow.package(
            [Self.source(input, #""header": true"#), Flow.destination("Good", good, [1, 2])].joined(separator: ","),
            Flow.path("Read", "Output", "Good")), as: "flow.json")
        let r = try f.sluice(["run", package])
        #expect(r.status != 0)
        #expect(r.transcript.contains("70330") || r.transcript.contains("SLUICE_E_CSV_VALUE_TRUNCATED"), "\(r.transcript)")
        #expect(r.transcript.contains("line 3") && r.transcript.contains("[note]"), "\(r.transcript)")
    }

    @Test func aBadDispositionIsRefusedAtValidation() throws {
        let f = try CLIFixture()
        let input = try f.write("id,note\n1,ab\n", as: "in.csv")
        let good = f.directory.appendingPathComponent("good.csv").path
        let package = try f.write(Flow.package(
            [Self.source(input, #""raggedRows": "ignoreFailure""#), Flow.destination("Good", good, [1, 2])].joined(separator: ","),
            Flow.path("Read", "Output", "Good")), as: "flow.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status != 0)
        #expect(r.transcript.contains("raggedRows"), "\(r.transcript)")
    }
}

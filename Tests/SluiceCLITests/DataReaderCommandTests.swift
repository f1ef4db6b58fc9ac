import Foundation
import SluiceTestSupport
import Testing

/// `sluice run FILE --output NAME --format csv|jsonl|arrow`: the rows of a DataReader
/// destination on standard output, nothing else there; the Arrow stream read back by pyarrow.
@Suite struct DataReaderCommandTests {
    typealias Flow = DataFlowRunCommandTests

    static let typedCSV = #"""
        i,u,big,real,price,day,flag,text,gid
        1,200,10000000000,1.5,12.50,2024-01-31,true,héllo,6f1c1a56-8d22-4d1e-9b7a-0c3e5a2f4b10
        ,,,,,,,,
        -3,7,5,-0.25,-0.07,1969-12-31,false,"a,""b""",00000000-0000-0000-0000-000000000001

        """#

    /// Every type a flat file reads, and through a Data Conversion the other column types.
    static func typedPackage(_ input: String) -> String {
        let columns = [
            ("i", "DT_I4", ""), ("u", "DT_I4", ""), ("big", "DT_I8", ""), ("real", "DT_R8", ""),
            ("price", "DT_NUMERIC", #", "precision": 18, "scale": 2"#), ("day", "DT_DBDATE", ""), ("flag", "DT_BOOL", ""),
            ("text", "DT_WSTR", #", "length": 20"#), ("gid", "DT_WSTR", #", "length": 40"#),
        ].enumerated().map { k, c in #"{"name": "\#(c.0)", "lineageId": \#(k + 1), "type": "\#(c.1)"\#(c.2)}"# }
        let conversions = [
            ("tiny", 1, "DT_I1", ""), ("small", 1, "DT_I2", ""), ("ub", 2, "DT_UI1", ""), ("us", 2, "DT_UI2", ""),
            ("ui", 2, "DT_UI4", ""), ("ul", 3, "DT_UI8", ""), ("f", 4, "DT_R4", ""), ("stamp", 6, "DT_DBTIMESTAMP", ""),
            ("g", 9, "DT_GUID", ""), ("cy", 5, "DT_CY", #", "precision": 19, "scale": 4"#),
        ]
        let convertColumns = conversions.enumerated().map { k, c in #"{"name": "\#(c.0)", "lineageId": \#(20 + k), "type": "\#(c.2)"\#(c.3)}"# }
        let convertList = conversions.map { #"{"lineageId": \#($0.1), "column": "\#($0.0)"}"# }
        let inputColumns = conversions.map { #"{"lineageId": \#($0.1)}"# }
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [\#(columns.joined(separator: ", "))]}]}"#
        let convert = #"""
            {"name": "Convert", "component": "sluice.dataConversion", "properties": {"conversions": [\#(convertList.joined(separator: ", "))]},
             "inputs": [{"name": "Input", "columns": [\#(Set(inputColumns).sorted().joined(separator: ", "))]}],
             "outputs": [{"name": "Output", "synchronousInput": "Input", "columns": [\#(convertColumns.joined(separator: ", "))]}]}
            """#
        let send = #"{"name": "Send", "component": "sluice.dataReaderDestination", "properties": {"name": "Rows"}, "inputs": [{"name": "Input"}]}"#
        return Flow.package([source, convert, send].joined(separator: ","), [Flow.path("Read", "Output", "Convert"), Flow.path("Convert", "Output", "Send")].joined(separator: ","))
    }

    /// `id,name` rows into a DataReader destination "Rows".
    static func simplePackage(_ input: String, batchRows: Int = 10_000) -> String {
        let send = #"{"name": "Send", "component": "sluice.dataReaderDestination", "properties": {"name": "Rows"}, "inputs": [{"name": "Input", "columns": [{"lineageId": 1}, {"lineageId": 2}]}]}"#
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR", "length": 30}"#
        return Flow.package(Flow.source(input, columns: columns) + "," + send, Flow.path("Read", "Output", "Send"))
            .replacingOccurrences(of: #""type": "dataFlow","#, with: #""type": "dataFlow", "defaultBufferMaxRows": \#(batchRows),"#)
    }

    /// pyarrow from `.build-pyarrow` (scripts/setup.sh with SLUICE_SETUP_PYARROW=1); nil when it
    /// is missing, which fails the test under SLUICE_REQUIRE_PYARROW=1 (scripts/test.sh).
    static func pyarrowPython() -> String? {
        let python = BuildProducts.repositoryRoot.appendingPathComponent(".build-pyarrow/bin/python").path
        if FileManager.default.isExecutableFile(atPath: python) { return python }
        if ProcessInfo.processInfo.environment["SLUICE_REQUIRE_PYARROW"] == "1" {
            Issue.record("SLUICE_REQUIRE_PYARROW=1 but \(python) is missing: run scripts/setup.sh with SLUICE_SETUP_PYARROW=1")
        }
        return nil
    }

    /// Reads an Arrow IPC stream file and prints {schema: {name: type}, rows: [{name: text}], batches: n}.
    static let reader = """
        import sys, json, datetime, decimal, pyarrow as pa
        with open(sys.argv[1], "rb") as f:
            reader = pa.ipc.open_stream(f)
            batches = [b for b in reader]
        table = pa.Table.from_batches(batches, schema=reader.schema)
        def text(v):
            if v is None: return "NULL"
            if isinstance(v, bool): return "true" if v else "false"
            if isinstance(v, float): return repr(v)
            if isinstance(v, (datetime.date, datetime.datetime, datetime.time)): return v.isoformat()
            if isinstance(v, bytes): return v.hex()
            return str(v)
        rows = [{k: text(v) for k, v in r.items()} for r in table.to_pylist()]
        print(json.dumps({"schema": {f.name: str(f.type) for f in table.schema}, "rows": rows, "batches": len(batches)}))
        """

    struct Read: Decodable {
        let schema: [String: String]
        let rows: [[String: String]]
        let batches: Int
    }

    /// Runs `sluice run package --output Rows --format arrow > out.arrow` and reads it with pyarrow.
    static func runArrow(_ f: CLIFixture, _ package: String, python: String) throws -> (ChildProcess, Read?) {
        let out = f.directory.appendingPathComponent("out.arrow").path
        let r = try ChildProcess.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", #""$0" run "$1" --output Rows --format arrow > "$2""#, BuildProducts.sluice.path, package, out],
            environment: f.environment, currentDirectory: f.directory)
        guard r.status == 0 else { return (r, nil) }
        let script = try f.write(reader, as: "read.py")
        let py = try ChildProcess.run(URL(fileURLWithPath: python), [script, out], environment: [:], currentDirectory: f.directory)
        #expect(py.status == 0, "\(py.transcript)")
        return (r, try? JSONDecoder().decode(Read.self, from: Data(py.standardOutput.utf8)))
    }

    @Test func pyarrowReadsEveryColumnTypeBackWithTheSourceValues() throws {
        guard let python = Self.pyarrowPython() else { return }
        let f = try CLIFixture()
        let input = try f.write(Self.typedCSV, as: "typed.csv")
        let package = try f.write(Self.typedPackage(input), as: "typed.json")
        let (r, read) = try Self.runArrow(f, package, python: python)
        #expect(r.status == 0, "\(r.transcript)")
        guard let read else {
            Issue.record("pyarrow read nothing")
            return
        }
        // Decimals carry their type's precision (DT_NUMERIC 38), as the plugin ABI's `d:38,s` does.
        #expect(read.schema == [
            "i": "int32", "u": "int32", "big": "int64", "real": "double", "price": "decimal128(38, 2)", "day": "date32[day]",
            "flag": "bool", "text": "string", "gid": "string", "tiny": "int8", "small": "int16", "ub": "uint8", "us": "uint16",
            "ui": "uint32", "ul": "uint64", "f": "float", "stamp": "timestamp[us]", "g": "fixed_size_binary[16]",
            "cy": "decimal128(19, 4)",
        ])
        #expect(read.rows.count == 3)
        guard read.rows.count == 3 else { return }
        #expect(read.rows[0] == [
            "i": "1", "u": "200", "big": "10000000000", "real": "1.5", "price": "12.50", "day": "2024-01-31", "flag": "true",
            "text": "héllo", "gid": "6f1c1a56-8d22-4d1e-9b7a-0c3e5a2f4b10", "tiny": "1", "small": "1", "ub": "200", "us": "200",
            "ui": "200", "ul": "10000000000", "f": "1.5", "stamp": "2024-01-31T00:00:00", "g": "6f1c1a568d224d1e9b7a0c3e5a2f4b10",
            "cy": "12.5000",
        ])
        #expect(read.rows[1].values.allSatisfy { $0 == "NULL" }, "\(read.rows[1])")
        #expect(read.rows[2] == [
            "i": "-3", "u": "7", "big": "5", "real": "-0.25", "price": "-0.07", "day": "1969-12-31", "flag": "false",
            "text": #"a,"b""#, "gid": "00000000-0000-0000-0000-000000000001", "tiny": "-3", "small": "-3", "ub": "7", "us": "7",
            "ui": "7", "ul": "5", "f": "-0.25", "stamp": "1969-12-31T00:00:00", "g": "00000000000000000000000000000001",
            "cy": "-0.0700",
        ])
    }

    @Test func pyarrowReadsManyBatchesInOrder() throws {
        guard let python = Self.pyarrowPython() else { return }
        let f = try CLIFixture()
        let input = try f.write("id,name\n" + (0..<5_000).map { $0 % 7 == 0 ? "\($0),\n" : "\($0),n\($0)\n" }.joined(), as: "in.csv")
        let package = try f.write(Self.simplePackage(input, batchRows: 1_000), as: "flow.json")
        let (r, read) = try Self.runArrow(f, package, python: python)
        #expect(r.status == 0, "\(r.transcript)")
        guard let read else {
            Issue.record("pyarrow read nothing")
            return
        }
        #expect(read.batches == 5)
        #expect(read.rows.map { $0["id"] ?? "" } == (0..<5_000).map(String.init))
        #expect(read.rows.map { $0["name"] ?? "" } == (0..<5_000).map { $0 % 7 == 0 ? "NULL" : "n\($0)" })
    }

    @Test func csvAndJSONLinesCarryOnlyTheRowsOnStandardOutput() throws {
        let f = try CLIFixture()
        let input = try f.write("id,name\n1,Ada\n2,\n3,\"Grace \"\"G\"\" H\"\n", as: "in.csv")
        let package = try f.write(Self.simplePackage(input), as: "flow.json")
        let csv = try f.sluice(["run", package, "--output", "Rows", "--report", "V"])
        #expect(csv.status == 0, "\(csv.transcript)")
        #expect(csv.standardOutput == "id,name\n1,Ada\n2,\n3,\"Grace \"\"G\"\" H\"\n", "\(csv.transcript)")
        #expect(csv.standardError.contains("finished: Success"), "events and the summary go to standard error")
        let jsonl = try f.sluice(["run", package, "--output", "Rows", "--format", "jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.transcript)")
        #expect(jsonl.standardOutput == """
            {"id":1,"name":"Ada"}
            {"id":2,"name":null}
            {"id":3,"name":"Grace \\"G\\" H"}

            """)
    }

    @Test func jsonLinesWritesEveryTypeAndCSVRefusesTypesAFlatFileLacks() throws {
        let f = try CLIFixture()
        let input = try f.write(Self.typedCSV, as: "typed.csv")
        let package = try f.write(Self.typedPackage(input), as: "typed.json")
        let jsonl = try f.sluice(["run", package, "--output", "Rows", "--format", "jsonl"])
        #expect(jsonl.status == 0, "\(jsonl.transcript)")
        let lines = jsonl.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
        #expect(first?["price"] as? Double == 12.5 && first?["ul"] as? Int == 10_000_000_000)
        #expect(first?["stamp"] as? String == "2024-01-31T00:00:00.000000" && first?["day"] as? String == "2024-01-31")
        #expect(first?["g"] as? String == "6F1C1A56-8D22-4D1E-9B7A-0C3E5A2F4B10" && first?["text"] as? String == "héllo")
        #expect(jsonl.standardOutput.contains(#""price":-0.07"#) && jsonl.standardOutput.contains(#""cy":12.5000"#))

        let csv = try f.sluice(["run", package, "--output", "Rows"])
        #expect(csv.status == 1)
        #expect(csv.standardError.contains("SLUICE_E_DATAREADER_COLUMN_UNSUPPORTED"), "\(csv.transcript)")
        #expect(csv.standardOutput.isEmpty)
    }

    @Test func anOutputThePackageLacksIsABadCommandLineBeforeAnythingRuns() throws {
        let f = try CLIFixture()
        let input = try f.write("id,name\n1,a\n", as: "in.csv")
        let package = try f.write(Self.simplePackage(input), as: "flow.json")
        let r = try f.sluice(["run", package, "--output", "Nope", "--format", "arrow"])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_DATAREADER_OUTPUT_UNKNOWN") && r.standardError.contains(#""Rows""#), "\(r.transcript)")
        #expect(r.standardOutput.isEmpty)
        let events = try f.sluice(["run", package, "--output", "Rows", "--events-json"])
        #expect(events.status == 6 && events.standardError.contains("--events-json"), "\(events.transcript)")
        let format = try f.sluice(["run", package, "--format", "csv"])
        #expect(format.status == 6, "\(format.transcript)")
    }
}

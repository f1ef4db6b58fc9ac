import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Data flows through the real `sluice run` and `sluice validate`: real CSV files in, real CSV
/// files out, compared byte for byte.
@Suite struct DataFlowRunCommandTests {
    /// A package with one data flow: `components` and `paths` are JSON text.
    static func package(_ components: String, _ paths: String, variables: String = "") -> String {
        """
        {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "variables": [\(variables)],
         "executables": [{"name": "Flow", "type": "dataFlow", "components": [\(components)], "paths": [\(paths)]}]}}
        """
    }

    static func source(_ file: String, columns: String = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "qty", "lineageId": 2, "type": "DT_I4"}"#) -> String {
        #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(file)"}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
    }

    static func destination(_ name: String, _ file: String, _ lineage: [Int]) -> String {
        let columns = lineage.map { #"{"lineageId": \#($0)}"# }.joined(separator: ", ")
        return #"{"name": "\#(name)", "component": "sluice.flatFileDestination", "properties": {"file": "\#(file)"}, "inputs": [{"name": "Input", "columns": [\#(columns)]}]}"#
    }

    static func path(_ from: String, _ output: String, _ to: String, _ input: String = "Input") -> String {
        #"{"from": "\#(from)", "output": "\#(output)", "to": "\#(to)", "input": "\#(input)"}"#
    }

    static let derive = #"""
        {"name": "Derive", "component": "sluice.derivedColumn",
         "properties": {"derivations": [{"column": "total", "expression": "[qty] * 10"}]},
         "inputs": [{"name": "Input"}],
         "outputs": [{"name": "Output", "synchronousInput": "Input", "columns": [{"name": "total", "lineageId": 3, "type": "DT_I4"}]}]}
        """#

    static let split = #"""
        {"name": "Split", "component": "sluice.conditionalSplit",
         "properties": {"conditions": [{"output": "Big", "expression": "[total] >= 50"}]},
         "inputs": [{"name": "Input"}],
         "outputs": [{"name": "Big", "synchronousInput": "Input", "exclusionGroup": 1},
                     {"name": "Small", "synchronousInput": "Input", "exclusionGroup": 1}]}
        """#

    @Test func csvThroughDerivedColumnAndSplitLandsExactlyInTwoFiles() throws {
        let f = try CLIFixture()
        let input = try f.write("id,qty\n1,2\n2,7\n3,\n4,5\n", as: "in.csv")
        let big = f.directory.appendingPathComponent("big.csv").path
        let small = f.directory.appendingPathComponent("small.csv").path
        let package = try f.write(Self.package(
            [Self.source(input), Self.derive, Self.split, Self.destination("WriteBig", big, [1, 3]), Self.destination("WriteSmall", small, [1, 2, 3])]
                .joined(separator: ","),
            [Self.path("Read", "Output", "Derive"), Self.path("Derive", "Output", "Split"), Self.path("Split", "Big", "WriteBig"),
             Self.path("Split", "Small", "WriteSmall")].joined(separator: ",")), as: "flow.json")
        let r = try f.sluice(["run", package, "--events-json"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: big, encoding: .utf8) == "id,total\n2,70\n4,50\n")
        // A NULL qty gives a NULL total, which no condition takes: the default output.
        #expect(try String(contentsOfFile: small, encoding: .utf8) == "id,qty,total\n1,2,20\n3,,\n")
        #expect(r.standardOutput.contains("OnPipelineRowsSent"), "rows per path are events")
        #expect(r.standardOutput.contains("Split.Big → WriteBig.Input: 2 rows"), "\(r.standardOutput)")
        #expect(r.standardOutput.contains("OnPipelineComponentTime"))

        // The graph of that run labels each path with the rows that passed along it, and the task
        // with its result (the file keeps no ids: they are found by path).
        let events = try f.write(r.standardOutput, as: "run.jsonl")
        let graph = try f.sluice(["graph", package, "--events", events])
        #expect(graph.standardOutput.contains(#"Flow\nData Flow\nSuccess"#), "\(graph.standardOutput)")
        #expect(graph.status == 0, "\(graph.transcript)")
        for label in [#"Big → Input\n2 rows"#, #"Small → Input\n2 rows"#, #"Output → Input\n4 rows"#] {
            #expect(graph.standardOutput.contains(label), "no \(label) in \(graph.standardOutput)")
        }
    }

    /// `readerThreads`: a file of two morsels and more parsed on several threads gives the same
    /// file as one reader; a value out of range is refused at validation.
    @Test func parallelReadingGivesTheSameOutputAsOneReader() throws {
        let f = try CLIFixture()
        var text = "id,qty\n"
        text.reserveCapacity(18 << 20)
        var n = 0
        while text.utf8.count < 17 << 20 {
            text += "\(n),\"\(n % 97)\"\n"
            n += 1
        }
        let input = try f.write(text, as: "big.csv")
        var outputs: [String] = []
        for threads in [1, 0] {
            let out = f.directory.appendingPathComponent("out-\(threads).csv").path
            let source = Self.source(input).replacingOccurrences(of: #""properties": {"file""#, with: #""properties": {"readerThreads": \#(threads), "file""#)
            let package = try f.write(Self.package(
                [source, Self.derive, Self.destination("Write", out, [1, 2, 3])].joined(separator: ","),
                [Self.path("Read", "Output", "Derive"), Self.path("Derive", "Output", "Write")].joined(separator: ",")),
                as: "flow-\(threads).json")
            let r = try f.sluice(["run", package, "--quiet"])
            #expect(r.status == 0, "\(r.transcript)")
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(outputs[0].utf8.count > 17 << 20 && outputs[0] == outputs[1])

        let bad = Self.source(input).replacingOccurrences(of: #""properties": {"file""#, with: #""properties": {"readerThreads": -1, "file""#)
        let package = try f.write(Self.package(bad, ""), as: "bad.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 1 && v.standardError.contains("readerThreads"), "\(v.transcript)")
    }

    @Test func validateCatchesAnUnknownClassAMissingFileAndAWrongColumnType() throws {
        let f = try CLIFixture()
        let unknown = try f.write(Self.package(
            Self.source("in.csv") + "," + #"{"name": "Mystery", "component": "sluice.noSuchThing", "inputs": [{"name": "Input"}]}"#,
            Self.path("Read", "Output", "Mystery")), as: "unknown.json")
        var r = try f.sluice(["validate", unknown])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_CLASS_UNKNOWN (70401)"), "\(r.transcript)")
        #expect(r.standardError.contains("\"Mystery\""))

        let noFile = try f.write(Self.package(
            #"{"name": "Read", "component": "sluice.flatFileSource", "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}]}]}"#
                + "," + Self.destination("Write", "out.csv", [1]),
            Self.path("Read", "Output", "Write")), as: "nofile.json")
        r = try f.sluice(["validate", noFile])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID (70402)"), "\(r.transcript)")
        #expect(r.standardError.contains("\"file\""))

        let wrongType = try f.write(Self.package(
            Self.source("in.csv", columns: #"{"name": "id", "lineageId": 1, "type": "DT_GUID"}"#) + "," + Self.destination("Write", "out.csv", [1]),
            Self.path("Read", "Output", "Write")), as: "wrongtype.json")
        r = try f.sluice(["validate", wrongType])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_COLUMN_UNSUPPORTED (70403)"), "\(r.transcript)")
        #expect(r.standardError.contains("\"id\""))
    }

    @Test func aFailingRowWithRedirectLandsInTheErrorFileWithCodeAndLineage() throws {
        let f = try CLIFixture()
        let input = try f.write("id,qty\n1,2\n2,0\n3,4\n", as: "in.csv")
        let good = f.directory.appendingPathComponent("good.csv").path
        let errors = f.directory.appendingPathComponent("errors.csv").path
        let divide = #"""
            {"name": "Divide", "component": "sluice.derivedColumn",
             "properties": {"derivations": [{"column": "ratio", "expression": "100 / [qty]", "onError": "redirectRow"}]},
             "inputs": [{"name": "Input"}],
             "outputs": [{"name": "Output", "synchronousInput": "Input", "columns": [{"name": "ratio", "lineageId": 3, "type": "DT_I4"}]},
                         {"name": "Errors", "synchronousInput": "Input", "isErrorOutput": true,
                          "columns": [{"name": "ErrorCode", "lineageId": 4, "type": "DT_I4"}, {"name": "ErrorColumn", "lineageId": 5, "type": "DT_I4"}]}]}
            """#
        let package = try f.write(Self.package(
            [Self.source(input), divide, Self.destination("Good", good, [1, 3]), Self.destination("Bad", errors, [1, 2, 4, 5])].joined(separator: ","),
            [Self.path("Read", "Output", "Divide"), Self.path("Divide", "Output", "Good"), Self.path("Divide", "Errors", "Bad")]
                .joined(separator: ",")), as: "redirect.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: good, encoding: .utf8) == "id,ratio\n1,50\n3,25\n")
        let text = try String(contentsOfFile: errors, encoding: .utf8)
        #expect(text.hasPrefix("id,qty,ErrorCode,ErrorColumn\n2,0,"), "\(text)")
        // ErrorCode is the expression failure's code; ErrorColumn a lineage id (0: a new column, not an input one).
        #expect(text.contains(",70204,") || text.split(separator: "\n").count == 2, "\(text)")
    }

    @Test func aFailedDestinationLeavesNoHalfFile() throws {
        let f = try CLIFixture()
        // The third row does not parse as DT_I4: the source fails after the first batch.
        var rows = "id,qty\n"
        for i in 0..<50 { rows += "\(i),\(i)\n" }
        rows += "x,1\n"
        let input = try f.write(rows, as: "in.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        let package = try f.write(
            Self.package(Self.source(input) + "," + Self.destination("Write", out, [1, 2]), Self.path("Read", "Output", "Write"))
                .replacingOccurrences(of: #""executables""#, with: #""executables""#), as: "fails.json")
        let small = package.replacingOccurrences(of: "fails.json", with: "fails-small.json")
        try String(contentsOfFile: package, encoding: .utf8)
            .replacingOccurrences(of: #""type": "dataFlow","#, with: #""type": "dataFlow", "defaultBufferMaxRows": 10,"#)
            .write(toFile: small, atomically: true, encoding: .utf8)
        let r = try f.sluice(["run", small])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: f.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func ctrlCStopsARunningFlow() throws {
        signal(SIGPIPE, SIG_IGN)  // the writer below may write after sluice has gone
        let f = try CLIFixture()
        let fifo = f.directory.appendingPathComponent("endless.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let out = f.directory.appendingPathComponent("out.csv").path
        let package = try f.write(
            Self.package(Self.source(fifo) + "," + Self.destination("Write", out, [1, 2]), Self.path("Read", "Output", "Write")),
            as: "endless.json")
        let sluice = try RunningSluice(f, ["run", package, "--report", "EWC"])
        // Rows without end, until sluice closes the pipe.
        let writer = Thread {
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { return }
            var line = Array("id,qty\n".utf8)
            while line.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) > 0 { line = Array("1,2\n".utf8) }
            close(fd)
        }
        writer.start()
        #expect(sluice.waitFor("Progress") || sluice.waitFor("OnPipelineProgress"), "\(sluice.standardError)")
        sluice.send(SIGINT)
        #expect(sluice.exitStatus() == 3, "\(sluice.standardError)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}

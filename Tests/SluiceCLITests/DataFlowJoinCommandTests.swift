import Foundation
import SluiceTestSupport
import Testing

/// Merge, Merge Join and Lookup bound in packages, through the real `sluice run` and
/// `sluice validate`: real CSV files (and a real SQLite file) in, exact CSV files out.
@Suite struct DataFlowJoinCommandTests {
    typealias Run = DataFlowRunCommandTests

    static func source(_ name: String, _ file: String, _ columns: String) -> String {
        #"{"name": "\#(name)", "component": "sluice.flatFileSource", "properties": {"file": "\#(file)"}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
    }

    static func package(_ components: [String], _ paths: [String], connections: String = "") -> String {
        """
        {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "connections": [\(connections)],
         "executables": [{"name": "Flow", "type": "dataFlow", "components": [\(components.joined(separator: ","))], "paths": [\(paths.joined(separator: ","))]}]}}
        """
    }

    static let orders = #"{"name": "cust", "lineageId": 1, "type": "DT_I4"}, {"name": "order", "lineageId": 2, "type": "DT_WSTR"}"#
    static let customers = #"{"name": "id", "lineageId": 11, "type": "DT_I4"}, {"name": "name", "lineageId": 12, "type": "DT_WSTR"}"#

    static func mergeJoin(_ type: String, keys: String = #"{"left": 1, "right": 11}"#) -> String {
        #"""
        {"name": "Join", "component": "sluice.mergeJoin",
         "properties": {"joinType": "\#(type)", "keys": [\#(keys)],
            "columns": [{"input": "left", "lineageId": 2, "column": "order"}, {"input": "left", "lineageId": 1, "column": "cust"},
                        {"input": "right", "lineageId": 12, "column": "customer"}]},
         "inputs": [{"name": "Left", "columns": [{"lineageId": 1}, {"lineageId": 2}]}, {"name": "Right", "columns": [{"lineageId": 11}, {"lineageId": 12}]}],
         "outputs": [{"name": "Output", "columns": [{"name": "order", "lineageId": 21, "type": "DT_WSTR"},
            {"name": "cust", "lineageId": 22, "type": "DT_I4"}, {"name": "customer", "lineageId": 23, "type": "DT_WSTR"}]}]}
        """#
    }

    private func runJoin(_ f: CLIFixture, _ type: String, _ label: String) throws -> String {
        // Sorted on the keys; duplicates on both sides (2), NULL keys on both, unmatched on both.
        let left = try f.write("cust,order\n,o0\n1,o1\n2,o2\n2,o3\n4,o4\n", as: "orders-\(label).csv")
        let right = try f.write("id,name\n,nobody\n2,Bea\n2,Bea2\n3,Cy\n", as: "customers-\(label).csv")
        let out = f.directory.appendingPathComponent("\(label).csv").path
        let package = try f.write(Self.package(
            [Self.source("Orders", left, Self.orders), Self.source("Customers", right, Self.customers), Self.mergeJoin(type),
             Run.destination("Write", out, [21, 22, 23])],
            [Run.path("Orders", "Output", "Join", "Left"), Run.path("Customers", "Output", "Join", "Right"), Run.path("Join", "Output", "Write")]),
            as: "\(label).json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    @Test func mergeJoinInnerLeftAndFullWithDuplicatesAndNullKeys() throws {
        let f = try CLIFixture()
        #expect(try runJoin(f, "inner", "inner") == "order,cust,customer\no2,2,Bea\no2,2,Bea2\no3,2,Bea\no3,2,Bea2\n")
        #expect(try runJoin(f, "leftOuter", "left")
            == "order,cust,customer\no0,,\no1,1,\no2,2,Bea\no2,2,Bea2\no3,2,Bea\no3,2,Bea2\no4,4,\n")
        let full = try runJoin(f, "fullOuter", "full")
        #expect(full == "order,cust,customer\no0,,\n,,nobody\no1,1,\no2,2,Bea\no2,2,Bea2\no3,2,Bea\no3,2,Bea2\n,,Cy\no4,4,\n", "\(full)")
    }

    @Test func mergeJoinFailsOnUnsortedInputNamingComponentAndRow() throws {
        let f = try CLIFixture()
        let left = try f.write("cust,order\n1,a\n3,b\n2,c\n", as: "orders.csv")
        let right = try f.write("id,name\n1,x\n", as: "customers.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        let package = try f.write(Self.package(
            [Self.source("Orders", left, Self.orders), Self.source("Customers", right, Self.customers), Self.mergeJoin("inner"),
             Run.destination("Write", out, [21, 22, 23])],
            [Run.path("Orders", "Output", "Join", "Left"), Run.path("Customers", "Output", "Join", "Right"), Run.path("Join", "Output", "Write")]),
            as: "p.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_JOIN_INPUT_NOT_SORTED") && r.standardError.contains("Join") && r.standardError.contains("row 3"), "\(r.transcript)")
    }

    @Test func validateRefusesJoinKeysOfDifferentTypes() throws {
        let f = try CLIFixture()
        let left = try f.write("cust,order\n1,a\n", as: "orders.csv")
        let right = try f.write("id,name\n1,x\n", as: "customers.csv")
        let package = try f.write(Self.package(
            [Self.source("Orders", left, Self.orders), Self.source("Customers", right, Self.customers),
             Self.mergeJoin("inner", keys: #"{"left": 1, "right": 12}"#), Run.destination("Write", "/dev/null", [21])],
            [Run.path("Orders", "Output", "Join", "Left"), Run.path("Customers", "Output", "Join", "Right"), Run.path("Join", "Output", "Write")]),
            as: "p.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_JOIN_KEY_TYPE_MISMATCH") && r.standardError.contains("[cust]") && r.standardError.contains("[name]"), "\(r.transcript)")
        // A key on a lineage id the right input does not use.
        let unknown = try f.write(Self.package(
            [Self.source("Orders", left, Self.orders), Self.source("Customers", right, Self.customers),
             Self.mergeJoin("inner", keys: #"{"left": 1, "right": 99}"#), Run.destination("Write", "/dev/null", [21])],
            [Run.path("Orders", "Output", "Join", "Left"), Run.path("Customers", "Output", "Join", "Right"), Run.path("Join", "Output", "Write")]),
            as: "unknown.json")
        let u = try f.sluice(["validate", unknown])
        #expect(u.status == 1)
        #expect(u.standardError.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID") && u.standardError.contains("keys[0].right") && u.standardError.contains("Join"), "\(u.transcript)")
    }

    @Test func mergeInterleavesTwoSortedFilesStably() throws {
        let f = try CLIFixture()
        let a = try f.write("k,tag\n1,a0\n2,a1\n2,a2\n5,a3\n", as: "a.csv")
        let b = try f.write("tag,k\nb0,2\nb1,3\n", as: "b.csv")
        let out = f.directory.appendingPathComponent("merged.csv").path
        let merge = #"""
            {"name": "Merge", "component": "sluice.merge", "properties": {"keys": [{"column": "k"}]},
             "inputs": [{"name": "Merge Input 1", "columns": [{"lineageId": 1}, {"lineageId": 2}]},
                        {"name": "Merge Input 2", "columns": [{"lineageId": 12}, {"lineageId": 11}]}],
             "outputs": [{"name": "Output", "columns": [{"name": "k", "lineageId": 21, "type": "DT_I4"}, {"name": "tag", "lineageId": 22, "type": "DT_WSTR"}]}]}
            """#
        let package = try f.write(Self.package(
            [Self.source("A", a, #"{"name": "k", "lineageId": 1, "type": "DT_I4"}, {"name": "tag", "lineageId": 2, "type": "DT_WSTR"}"#),
             Self.source("B", b, #"{"name": "tag", "lineageId": 11, "type": "DT_WSTR"}, {"name": "k", "lineageId": 12, "type": "DT_I4"}"#),
             merge, Run.destination("Write", out, [21, 22])],
            [Run.path("A", "Output", "Merge", "Merge Input 1"), Run.path("B", "Output", "Merge", "Merge Input 2"), Run.path("Merge", "Output", "Write")]),
            as: "merge.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "k,tag\n1,a0\n2,a1\n2,a2\n2,b0\n3,b1\n5,a3\n")
    }

    static func lookup(reference: String, behavior: String, errorOutput: Bool) -> String {
        let error = errorOutput
            ? #", {"name": "Error", "isErrorOutput": true, "synchronousInput": "Input", "columns": [{"name": "ErrorCode", "lineageId": 33, "type": "DT_I4"}, {"name": "ErrorColumn", "lineageId": 34, "type": "DT_I4"}]}"#
            : ""
        return #"""
            {"name": "Find", "component": "sluice.lookup", "properties": {\#(reference), "noMatchBehavior": "\#(behavior)"},
             "inputs": [{"name": "Input", "columns": [{"lineageId": 1}, {"lineageId": 2}]}\#(reference.contains("referenceLineageId") ? #", {"name": "reference", "columns": [{"lineageId": 11}, {"lineageId": 12}]}"# : "")],
             "outputs": [{"name": "Match", "synchronousInput": "Input", "columns": [{"name": "customer", "lineageId": 31, "type": "DT_WSTR"}]},
                         {"name": "No Match", "synchronousInput": "Input"}\#(error)]}
            """#
    }

    @Test func lookupFromAReferenceInputRoutesMatchesAndNoMatches() throws {
        let f = try CLIFixture()
        let orders = try f.write("cust,order\n2,o1\n9,o2\n1,o3\n2,o4\n", as: "orders.csv")
        let customers = try f.write("id,name\n2,Bea\n1,Al\n2,Bea again\n", as: "customers.csv")
        let matched = f.directory.appendingPathComponent("matched.csv").path
        let missed = f.directory.appendingPathComponent("missed.csv").path
        let reference = #""joins": [{"lineageId": 1, "referenceLineageId": 11}], "returns": [{"column": "customer", "referenceLineageId": 12}]"#
        let package = try f.write(Self.package(
            [Self.source("Orders", orders, Self.orders), Self.source("Customers", customers, Self.customers),
             Self.lookup(reference: reference, behavior: "noMatchOutput", errorOutput: false),
             Run.destination("Matched", matched, [2, 31]), Run.destination("Missed", missed, [1, 2])],
            [Run.path("Orders", "Output", "Find"), Run.path("Customers", "Output", "Find", "reference"),
             Run.path("Find", "Match", "Matched"), Run.path("Find", "No Match", "Missed")]),
            as: "lookup.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: matched, encoding: .utf8) == "order,customer\no1,Bea\no3,Al\no4,Bea\n")
        #expect(try String(contentsOfFile: missed, encoding: .utf8) == "cust,order\n9,o2\n")
        #expect(r.standardError.contains("SLUICE_W_LOOKUP_DUPLICATE_KEYS") || r.standardOutput.contains("SLUICE_W_LOOKUP_DUPLICATE_KEYS"), "\(r.transcript)")
    }

    @Test func lookupFromASQLiteQueryRedirectsNoMatchesToTheErrorOutput() throws {
        let f = try CLIFixture()
        let database = f.directory.appendingPathComponent("ref.db").path
        let setup = try f.write(#"""
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "Setup",
             "connections": [{"name": "Db", "kind": "sluice.sqlite", "connectionString": "\#(database)"}],
             "executables": [{"name": "Create", "type": "task", "component": "sluice.executeSQL", "properties": {"connection": "Db",
                "statement": "CREATE TABLE c(id INTEGER, name TEXT); INSERT INTO c VALUES (2, 'Bea'), (1, 'Al')"}}]}}
            """#, as: "setup.json")
        let s = try f.sluice(["run", setup])
        #expect(s.status == 0, "\(s.transcript)")
        let orders = try f.write("cust,order\n2,o1\n9,o2\n1,o3\n7,o4\n", as: "orders.csv")
        let matched = f.directory.appendingPathComponent("matched.csv").path
        let errors = f.directory.appendingPathComponent("errors.csv").path
        let reference = #""connection": "Db", "query": "SELECT id, name FROM c", "joins": [{"lineageId": 1, "referenceColumn": "id"}], "returns": [{"column": "customer", "referenceColumn": "name"}]"#
        let package = try f.write(Self.package(
            [Self.source("Orders", orders, Self.orders), Self.lookup(reference: reference, behavior: "redirectRow", errorOutput: true),
             Run.destination("Matched", matched, [2, 31]), Run.destination("Errors", errors, [2, 33, 34])],
            [Run.path("Orders", "Output", "Find"), Run.path("Find", "Match", "Matched"), Run.path("Find", "Error", "Errors")],
            connections: #"{"name": "Db", "kind": "sluice.sqlite", "connectionString": "\#(database)"}"#),
            as: "lookup.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: matched, encoding: .utf8) == "order,customer\no1,Bea\no3,Al\n")
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == "order,ErrorCode,ErrorColumn\no2,70531,0\no4,70531,0\n")
    }

    @Test func aLookupQueryIsPreparedReadOnlyAtValidationAndNeverCreatesTheDatabase() throws {
        let f = try CLIFixture()
        let database = f.directory.appendingPathComponent("ref.db").path
        let setup = try f.write(#"""
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "Setup",
             "connections": [{"name": "Db", "kind": "sluice.sqlite", "connectionString": "\#(database)"}],
             "executables": [{"name": "Create", "type": "task", "component": "sluice.executeSQL", "properties": {"connection": "Db",
                "statement": "CREATE TABLE c(id INTEGER, name TEXT)"}}]}}
            """#, as: "setup.json")
        #expect(try f.sluice(["run", setup]).status == 0)
        let orders = try f.write("cust,order\n2,o1\n", as: "orders.csv")
        let matched = f.directory.appendingPathComponent("matched.csv").path
        func package(_ path: String, _ query: String) throws -> String {
            let reference = #""connection": "Db", "query": "\#(query)", "joins": [{"lineageId": 1, "referenceColumn": "id"}], "returns": [{"column": "customer", "referenceColumn": "name"}]"#
            return try f.write(Self.package(
                [Self.source("Orders", orders, Self.orders), Self.lookup(reference: reference, behavior: "failComponent", errorOutput: false),
                 Run.destination("Matched", matched, [2, 31])],
                [Run.path("Orders", "Output", "Find"), Run.path("Find", "Match", "Matched")],
                connections: #"{"name": "Db", "kind": "sluice.sqlite", "connectionString": "\#(path)"}"#),
                as: "lookup.json")
        }
        // A mistyped path: validate and run both fail, and no empty database is left behind.
        let typo = f.directory.appendingPathComponent("ref-typo.db").path
        for command in ["validate", "run"] {
            let r = try f.sluice([command, try package(typo, "SELECT id, name FROM c")])
            #expect(r.status != 0)
            #expect(r.transcript.contains("SLUICE_E_SQL_OPEN_FAILED") && r.transcript.contains("ref-typo.db"), "\(r.transcript)")
            #expect(!FileManager.default.fileExists(atPath: typo))
        }
        // The query is prepared at validation: a missing table or column fails there, naming the lookup.
        for (query, named) in [("SELECT id, name FROM nothing", "nothing"), ("SELECT id FROM c", "name")] {
            let r = try f.sluice(["validate", try package(database, query)])
            #expect(r.status != 0)
            #expect(r.transcript.contains("SLUICE_E_LOOKUP_REFERENCE_FAILED") && r.transcript.contains("Find") && r.transcript.contains(named), "\(r.transcript)")
        }
        #expect(try f.sluice(["validate", try package(database, "SELECT id, name FROM c")]).status == 0)
    }

    @Test func validateRequiresAReferenceForALookup() throws {
        let f = try CLIFixture()
        let orders = try f.write("cust,order\n2,o1\n", as: "orders.csv")
        let reference = #""joins": [{"lineageId": 1, "referenceColumn": "id"}], "returns": [{"column": "customer", "referenceColumn": "name"}]"#
        let package = try f.write(Self.package(
            [Self.source("Orders", orders, Self.orders), Self.lookup(reference: reference, behavior: "failComponent", errorOutput: false)],
            [Run.path("Orders", "Output", "Find")]), as: "lookup.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID") && r.standardError.contains("query") && r.standardError.contains("Find"), "\(r.transcript)")
    }
}

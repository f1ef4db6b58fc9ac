import CSQLite
import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import Testing

/// The SQLite source and destination in real data flows, run in process by the package runner
/// on real SQLite files and real CSV files.
@Suite struct SQLiteFlowTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("flow.db")
    }

    /// A package with one data flow over connection `Db` (the test database).
    func package(_ components: [String], _ paths: [String], variables: String = "", kind: String = "sluice.sqlite") throws -> Package {
        let text = """
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "variables": [\(variables)],
             "connections": [{"name": "Db", "kind": "\(kind)", "connectionString": "\(db)"}],
             "executables": [{"name": "Flow", "type": "dataFlow", "defaultBufferMaxRows": 3, "components": [\(components.joined(separator: ","))], "paths": [\(paths.joined(separator: ","))]}]}}
            """
        let path = directory.file("p\(UUID().uuidString.prefix(6)).json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try PackageFile.load(from: path)
    }

    static let columns = #"""
        {"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "big", "lineageId": 2, "type": "DT_I8"},
        {"name": "price", "lineageId": 3, "type": "DT_NUMERIC", "precision": 18, "scale": 2}, {"name": "ratio", "lineageId": 4, "type": "DT_R8"},
        {"name": "day", "lineageId": 5, "type": "DT_DBDATE"}, {"name": "ok", "lineageId": 6, "type": "DT_BOOL"}, {"name": "name", "lineageId": 7, "type": "DT_WSTR"}
        """#
    static let csv = "id,big,price,ratio,day,ok,name\n1,9000000000,12.50,0.25,2024-02-29,true,Ada\n2,,-0.07,,1969-12-31,false,\"Grace, H\"\n3,-1,,1e-05,,,\n4,0,1234567890123456.78,3.5,2000-01-01,true,Zoë\n"

    func csvSource(_ file: String) -> String {
        #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(file)"}, "outputs": [{"name": "Output", "columns": [\#(Self.columns)]}]}"#
    }

    func sqliteDestination(_ properties: String, lineage: [Int] = []) -> String {
        let used = lineage.map { #"{"lineageId": \#($0)}"# }.joined(separator: ",")
        return #"{"name": "Store", "component": "sluice.sqliteDestination", "properties": {"connection": "Db", \#(properties)}, "inputs": [{"name": "Input", "columns": [\#(used)]}]}"#
    }

    func sqliteSource(_ properties: String, columns: String = Self.columns) -> String {
        #"{"name": "Load", "component": "sluice.sqliteSource", "properties": {"connection": "Db", \#(properties)}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
    }

    func csvDestination(_ file: String, from: String, lineage: [Int]) -> String {
        let used = lineage.map { #"{"lineageId": \#($0)}"# }.joined(separator: ",")
        return #"{"name": "Write", "component": "sluice.flatFileDestination", "properties": {"file": "\#(file)"}, "inputs": [{"name": "Input", "columns": [\#(used)]}]}"#
    }

    static func path(_ from: String, _ to: String) -> String { #"{"from": "\#(from)", "output": "Output", "to": "\#(to)", "input": "Input"}"# }

    func run(_ p: Package) -> RunResult {
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        return PackageRunner(registry: registry).run(p)
    }

    func validate(_ p: Package) -> RunResult {
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        return PackageRunner(registry: registry).validate(p)
    }

    /// Rows of `sql` on the test database, each column as text ("NULL" for NULL).
    func rows(_ sql: String) throws -> [[String]] {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(db, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else { return [] }
        defer { sqlite3_close_v2(handle) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return [] }
        defer { sqlite3_finalize(statement) }
        var out: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            out.append((0..<sqlite3_column_count(statement)).map { i in
                sqlite3_column_type(statement, i) == SQLITE_NULL ? "NULL" : String(cString: sqlite3_column_text(statement, i))
            })
        }
        return out
    }

    func execute(_ sql: String) throws {
        var handle: OpaquePointer?
        #expect(sqlite3_open(db, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK)
        sqlite3_close_v2(handle)
    }

    func codes(_ r: RunResult) -> [String] {
        r.errors.compactMap { e in e.message.split(separator: " ").first { $0.hasPrefix("SLUICE_E_") }.map(String.init) }
    }

    @Test func csvToSQLiteAndBackGivesTheSameFileForEveryType() throws {
        let input = directory.file("in.csv")
        try Self.csv.write(toFile: input, atomically: true, encoding: .utf8)
        let store = try package([csvSource(input), sqliteDestination(#""table": "items", "createTable": true"#)], [Self.path("Read", "Store")])
        let stored = run(store)
        #expect(stored.result == .success, "\(stored.errors.map(\.message))")
        #expect(try rows("SELECT id, big, price, day, ok, name FROM items ORDER BY id") == [
            ["1", "9000000000", "12.50", "2024-02-29", "1", "Ada"], ["2", "NULL", "-0.07", "1969-12-31", "0", "Grace, H"],
            ["3", "-1", "NULL", "NULL", "NULL", "NULL"], ["4", "0", "1234567890123456.78", "2000-01-01", "1", "Zoë"],
        ])
        let output = directory.file("out.csv")
        let load = try package(
            [sqliteSource(#""query": "SELECT * FROM items ORDER BY id""#), csvDestination(output, from: "Load", lineage: Array(1...7))],
            [Self.path("Load", "Write")])
        let loaded = run(load)
        #expect(loaded.result == .success, "\(loaded.errors.map(\.message))")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == Self.csv)
    }

    /// The other types a flat file holds (timestamps and the narrow integers it does not hold:
    /// undeclaredColumnsComeFromTheDeclaredTypesAndCopyATable moves those SQLite to SQLite).
    @Test func theOtherFlatFileTypesMakeTheRoundTripToo() throws {
        let columns = #"""
            {"name": "money", "lineageId": 1, "type": "DT_CY", "scale": 4}, {"name": "dec", "lineageId": 2, "type": "DT_DECIMAL", "precision": 29, "scale": 4},
            {"name": "text", "lineageId": 3, "type": "DT_STR"}, {"name": "long", "lineageId": 4, "type": "DT_NTEXT"}
            """#
        let csv = "money,dec,text,long\n922337203685477.5807,-1234567890123456789012345.1234,x,\"a\nb\"\n,,,\n"
        let input = directory.file("other.csv")
        try csv.write(toFile: input, atomically: true, encoding: .utf8)
        let read = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
        let stored = run(try package([read, sqliteDestination(#""table": "other", "createTable": true"#)], [Self.path("Read", "Store")]))
        #expect(stored.result == .success, "\(stored.errors.map(\.message))")
        let output = directory.file("other-out.csv")
        let loaded = run(try package(
            [sqliteSource(#""table": "other""#, columns: columns), csvDestination(output, from: "Load", lineage: Array(1...4))], [Self.path("Load", "Write")]))
        #expect(loaded.result == .success, "\(loaded.errors.map(\.message))")
        let written = try String(contentsOfFile: output, encoding: .utf8)
        #expect(written == csv, "\(written.debugDescription)")
    }

    @Test func undeclaredColumnsComeFromTheDeclaredTypesAndCopyATable() throws {
        try execute("CREATE TABLE a(id INTEGER, price DECIMAL(10,3), day DATE, at DATETIME, note TEXT, raw BLOB); "
            + "INSERT INTO a VALUES (1, '1.125', '2020-01-02', '2020-01-02 03:04:05.5', 'x', x'00ff'), (2, NULL, NULL, NULL, NULL, NULL)")
        let copy = try package(
            [sqliteSource(#""table": "a""#, columns: ""), sqliteDestination(#""table": "b", "createTable": true"#)], [Self.path("Load", "Store")])
        let r = run(copy)
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(try rows("SELECT id, price, day, at, note, hex(raw) FROM b ORDER BY id") == [
            ["1", "1.125", "2020-01-02", "2020-01-02 03:04:05.500000", "x", "00FF"], ["2", "NULL", "NULL", "NULL", "NULL", ""],
        ])
        #expect(try rows("SELECT type FROM pragma_table_info('b')").map { $0[0] } == ["BIGINT", "DECIMAL_TEXT(29,3)", "DATE", "DATETIME", "TEXT", "BLOB"])
        // An expression has no declared type: the output must be declared.
        let expression = try package([sqliteSource(#""query": "SELECT count(*) AS n FROM a""#, columns: ""), sqliteDestination(#""table": "c", "createTable": true"#)],
            [Self.path("Load", "Store")])
        #expect(codes(validate(expression)) == ["SLUICE_E_SQLITE_COLUMN_TYPE_UNKNOWN"])
    }

    @Test func parametersBindVariablesAndExpressions() throws {
        try execute("CREATE TABLE t(id INT, name TEXT); INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
        let output = directory.file("out.csv")
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}"#
        let p = try package(
            [sqliteSource(#""query": "SELECT id, name FROM t WHERE id >= ? AND name <> ? ORDER BY id", "parameters": ["User::From", {"expression": "\"b\" + \"\""}]"#, columns: columns),
             csvDestination(output, from: "Load", lineage: [1, 2])],
            [Self.path("Load", "Write")], variables: #"{"namespace": "User", "name": "From", "type": "DT_I4", "value": 2}"#)
        let r = run(p)
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "id,name\n3,c\n4,d\n")
    }

    @Test func aValueThatDoesNotFitNamesComponentColumnAndRow() throws {
        try execute("CREATE TABLE t(id); INSERT INTO t VALUES (1), (2), (3), ('four')")
        let p = try package(
            [sqliteSource(#""table": "t""#, columns: #"{"name": "id", "lineageId": 1, "type": "DT_I4"}"#), csvDestination(directory.file("o.csv"), from: "Load", lineage: [1])],
            [Self.path("Load", "Write")])
        let r = run(p)
        #expect(r.result == .failure)
        #expect(r.errors.contains { $0.message.contains("SLUICE_E_SQLITE_VALUE_UNFIT") && $0.message.contains("row 4") && $0.message.contains("[id]") && $0.message.contains("\"Load\"") },
            "\(r.errors.map(\.message))")
    }

    @Test func aConstraintViolationRollsBackAndLeavesTheTableAsItWas() throws {
        try execute("CREATE TABLE items(id INT PRIMARY KEY, big BIGINT, price DECIMAL(18,2), ratio DOUBLE, day DATE, ok BOOLEAN, name TEXT); INSERT INTO items(id) VALUES (3)")
        let input = directory.file("in.csv")
        try Self.csv.write(toFile: input, atomically: true, encoding: .utf8)
        let p = try package([csvSource(input), sqliteDestination(#""table": "items""#)], [Self.path("Read", "Store")])
        let r = run(p)
        #expect(r.result == .failure)
        #expect(r.errors.contains { $0.message.contains("SLUICE_E_SQLITE_CONSTRAINT_VIOLATED") && $0.message.contains("row 3") && $0.message.contains("\"items\"") },
            "\(r.errors.map(\.message))")
        #expect(try rows("SELECT id FROM items") == [["3"]])
        // Created inside the same transaction: a failed run leaves no new table either.
        let created = try package([csvSource(input), sqliteDestination(#""table": "fresh", "createTable": true, "columnMapping": {"name": "id"}"#)], [Self.path("Read", "Store")])
        #expect(codes(validate(created)) == ["SLUICE_E_DATAFLOW_PROPERTY_INVALID"])
    }

    @Test func aLockedDatabaseEndsInTheCodedErrorNotAHang() throws {
        try execute("CREATE TABLE t(id INT, name TEXT)")
        var holder: OpaquePointer?
        #expect(sqlite3_open(db, &holder) == SQLITE_OK)
        defer { sqlite3_close_v2(holder) }
        #expect(sqlite3_exec(holder, "BEGIN IMMEDIATE; INSERT INTO t VALUES (9, 'held')", nil, nil, nil) == SQLITE_OK)
        let input = directory.file("in.csv")
        try "id,name\n1,a\n".write(toFile: input, atomically: true, encoding: .utf8)
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}]}]}"#
        let p = try package([source, sqliteDestination(#""table": "t", "busyTimeout": 200"#)], [Self.path("Read", "Store")])
        let r = run(p)
        #expect(r.result == .failure)
        #expect(r.errors.contains { $0.message.contains("SLUICE_E_SQLITE_DATABASE_BUSY") && $0.message.contains("200 ms") }, "\(r.errors.map(\.message))")
        sqlite3_exec(holder, "ROLLBACK", nil, nil, nil)
        #expect(try rows("SELECT count(*) FROM t") == [["0"]])
    }

    @Test func decimalsPastThirtyEightDigitsAreCodedErrorsNotTraps() throws {
        // 38 nines fit; 39 digits, or an integer scaled past 38 digits, do not (and must not overflow Int128).
        try execute("CREATE TABLE d(v TEXT); INSERT INTO d VALUES ('\(String(repeating: "9", count: 38))'), ('\(String(repeating: "9", count: 39))')")
        try execute("CREATE TABLE i(v INTEGER); INSERT INTO i VALUES (9000000000000000000)")
        let numeric = #"{"name": "v", "lineageId": 1, "type": "DT_NUMERIC", "precision": 38, "scale": 0}"#
        let text = try package([sqliteSource(#""table": "d""#, columns: numeric), csvDestination(directory.file("d.csv"), from: "Load", lineage: [1])], [Self.path("Load", "Write")])
        let r = run(text)
        #expect(r.errors.contains { $0.message.contains("SLUICE_E_SQLITE_VALUE_UNFIT") && $0.message.contains("row 2") }, "\(r.errors.map(\.message))")
        let scaled = #"{"name": "v", "lineageId": 1, "type": "DT_NUMERIC", "precision": 38, "scale": 30}"#
        let integer = try package([sqliteSource(#""table": "i""#, columns: scaled), csvDestination(directory.file("i.csv"), from: "Load", lineage: [1])], [Self.path("Load", "Write")])
        let s = run(integer)
        #expect(s.errors.contains { $0.message.contains("SLUICE_E_SQLITE_VALUE_UNFIT") && $0.message.contains("row 1") }, "\(s.errors.map(\.message))")
    }

    @Test func decimalTextIsRoundedOrPaddedToTheScale() throws {
        try execute("CREATE TABLE d(id INT, v TEXT); INSERT INTO d VALUES (1, '1.239'), (2, '-1.235'), (3, '7'), (4, '0.1'), (5, '2.2349999')")
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "v", "lineageId": 2, "type": "DT_NUMERIC", "precision": 10, "scale": 2}"#
        let output = directory.file("d.csv")
        let r = run(try package([sqliteSource(#""query": "SELECT id, v FROM d ORDER BY id""#, columns: columns), csvDestination(output, from: "Load", lineage: [1, 2])],
            [Self.path("Load", "Write")]))
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "id,v\n1,1.24\n2,-1.24\n3,7.00\n4,0.10\n5,2.23\n")
    }

    @Test func aFlowFailingUpstreamRollsBackRowsAlreadyInserted() throws {
        try execute("CREATE TABLE t(id INT, name TEXT); INSERT INTO t VALUES (0, 'before')")
        let input = directory.file("in.csv")
        // Batches of 3 rows: the first batch is inserted before the CSV source fails on row 5.
        try "id,name\n1,a\n2,b\n3,c\n4,d\nfive,e\n".write(toFile: input, atomically: true, encoding: .utf8)
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}]}]}"#
        let r = run(try package([source, sqliteDestination(#""table": "t""#)], [Self.path("Read", "Store")]))
        #expect(r.result == .failure)
        #expect(try rows("SELECT id, name FROM t") == [["0", "before"]])
    }

    @Test func aSourceOnAnExclusivelyLockedDatabaseEndsInTheCodedError() throws {
        try execute("CREATE TABLE t(id INT); INSERT INTO t VALUES (1)")
        let p = try package(
            [sqliteSource(#""table": "t", "busyTimeout": 200"#, columns: #"{"name": "id", "lineageId": 1, "type": "DT_I4"}"#),
             csvDestination(directory.file("o.csv"), from: "Load", lineage: [1])],
            [Self.path("Load", "Write")])
        #expect(validate(p).result == .success)
        var holder: OpaquePointer?
        #expect(sqlite3_open(db, &holder) == SQLITE_OK)
        defer { sqlite3_close_v2(holder) }
        #expect(sqlite3_exec(holder, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK)
        let r = run(p)
        sqlite3_exec(holder, "ROLLBACK", nil, nil, nil)
        #expect(r.result == .failure)
        #expect(r.errors.contains { $0.message.contains("SLUICE_E_SQLITE_DATABASE_BUSY") && $0.message.contains("200 ms") }, "\(r.errors.map(\.message))")
    }

    @Test func theDocsExampleLoadsACSVFileIntoATableItCreates() throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/examples/csv-to-sqlite.sluice.json")
        let orders = directory.file("orders.csv")
        try "id,customer,amount,ordered\n1,Ada,12.50,2024-01-02\n2,Bob,,2024-01-03\n".write(toFile: orders, atomically: true, encoding: .utf8)
        // The example's paths are relative to where it runs; here they point into the test's directory.
        let text = try String(contentsOf: example, encoding: .utf8)
            .replacingOccurrences(of: "\"warehouse.db\"", with: "\"\(db)\"").replacingOccurrences(of: "\"orders.csv\"", with: "\"\(orders)\"")
        let path = directory.file("example.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = run(try PackageFile.load(from: path))
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(try rows("SELECT id, customer, amount, order_date FROM orders ORDER BY id") == [["1", "Ada", "12.50", "2024-01-02"], ["2", "Bob", "NULL", "2024-01-03"]])
    }

    @Test(arguments: [
        ("missing connection property", #""table": "t""#, "SLUICE_E_DATAFLOW_PROPERTY_INVALID"),
        ("missing table", #""connection": "Db", "table": "nope""#, "SLUICE_E_SQLITE_TABLE_MISSING"),
        ("unknown column", #""connection": "Db", "table": "t", "columnMapping": {"id": "ident"}"#, "SLUICE_E_SQLITE_COLUMN_UNKNOWN"),
        ("type mismatch", #""connection": "Db", "table": "n""#, "SLUICE_E_SQLITE_TYPE_MISMATCH"),
        ("wrong connection kind", #""connection": "Files", "table": "t""#, "SLUICE_E_CONNECTION_KIND_WRONG"),
    ])
    func validateRefusesWhatRunRefusesWithoutWriting(_ name: String, _ properties: String, _ expected: String) throws {
        try execute("CREATE TABLE t(id INT, name TEXT); CREATE TABLE n(id INT, name INTEGER)")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let input = directory.file("in.csv")
        try "id,name\n1,a\n".write(toFile: input, atomically: true, encoding: .utf8)
        let source = #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(input)"}, "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}]}]}"#
        let store = #"{"name": "Store", "component": "sluice.sqliteDestination", "properties": {\#(properties)}, "inputs": [{"name": "Input"}]}"#
        var p = try package([source, store], [Self.path("Read", "Store")])
        p.connections.append(ConnectionManager("Files", kind: "sluice.file", connectionString: input))
        let validated = codes(validate(p))
        #expect(validated.contains(expected), "\(name): \(validated)")
        #expect(validated == codes(run(p)), "\(name)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(name): nothing written")
    }
}

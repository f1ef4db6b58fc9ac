import Foundation
import SluiceTestSupport
import Testing

/// `sluice.postgresSource` and `sluice.postgresDestination` through the real `sluice run`,
/// against a real PostgreSQL server (``PostgresServerFixture``).
@Suite(.enabled(if: PostgresServerFixture.available, PostgresServerFixture.skipReason), .serialized)
struct PostgresFlowTests {
    typealias Flow = DataFlowRunCommandTests

    static func package(_ url: String, _ components: [String], _ paths: [String], rows: Int? = nil) -> String {
        let buffer = rows.map { #""defaultBufferMaxRows": \#($0), "# } ?? ""
        return """
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P",
             "connections": [{"name": "PG", "kind": "sluice.postgres", "connectionString": "\(url)"}],
             "executables": [{"name": "Flow", "type": "dataFlow", \(buffer)"components": [\(components.joined(separator: ","))],
              "paths": [\(paths.joined(separator: ","))]}]}}
            """
    }

    static func pgSource(_ query: String, _ columns: String, name: String = "Query") -> String {
        #"{"name": "\#(name)", "component": "sluice.postgresSource", "properties": {"connection": "PG", "query": "\#(query)"}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
    }

    static func pgDestination(_ table: String, _ lineage: [Int], name: String = "Load") -> String {
        let columns = lineage.map { #"{"lineageId": \#($0)}"# }.joined(separator: ", ")
        return #"{"name": "\#(name)", "component": "sluice.postgresDestination", "properties": {"connection": "PG", "table": "\#(table)"}, "inputs": [{"name": "Input", "columns": [\#(columns)]}]}"#
    }

    static func csvSource(_ file: String, _ columns: String) -> String {
        #"{"name": "Read", "component": "sluice.flatFileSource", "properties": {"file": "\#(file)"}, "outputs": [{"name": "Output", "columns": [\#(columns)]}]}"#
    }

    static let csvColumns = """
        {"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "big", "lineageId": 2, "type": "DT_I8"},
        {"name": "ratio", "lineageId": 3, "type": "DT_R8"}, {"name": "amount", "lineageId": 4, "type": "DT_NUMERIC", "precision": 38, "scale": 10},
        {"name": "day", "lineageId": 5, "type": "DT_DBDATE"}, {"name": "flag", "lineageId": 6, "type": "DT_BOOL"},
        {"name": "label", "lineageId": 7, "type": "DT_WSTR", "length": 100}
        """

    static let csv = #"""
        id,big,ratio,amount,day,flag,label
        1,9223372036854775807,0.5,1234567890123456789012345678.0123456789,2024-02-29,true,"comma, and ""quoted"""
        2,-9223372036854775808,-1.25e-7,-9999999999999999999999999999.9999999999,1970-01-01,false,Grüße \ back
        3,,,,,,
        4,0,3,0.0000000001,1999-12-31,true,

        """#

    /// CSV → PostgreSQL (COPY) → PostgreSQL (query) → CSV gives the same file as CSV → CSV,
    /// NULLs and 38-digit decimals included; the values in the table are the exact ones.
    @Test func csvRoundTripsThroughATableExactly() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let table = PostgresServerFixture.table("roundtrip")
        try pg.psql("""
            CREATE TABLE \(table) (id int4, big int8, ratio float8, amount numeric(38,10), day date, flag bool, label text)
            """)
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let input = try f.write(Self.csv, as: "in.csv")
        let load = try f.write(Self.package(pg.url, [Self.csvSource(input, Self.csvColumns), Self.pgDestination(table, Array(1...7))],
                                            [Flow.path("Read", "Output", "Load")], rows: 2), as: "load.json")
        let r = try f.sluice(["run", load])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try pg.psql("SELECT amount::text FROM \(table) WHERE id = 1") == "1234567890123456789012345678.0123456789")
        #expect(try pg.psql("SELECT amount::text FROM \(table) WHERE id = 2") == "-9999999999999999999999999999.9999999999")
        #expect(try pg.psql("SELECT count(*) FROM \(table) WHERE id = 3 AND big IS NULL AND amount IS NULL AND day IS NULL AND label IS NULL") == "1")
        #expect(try pg.psql("SELECT label FROM \(table) WHERE id = 2") == #"Grüße \ back"#)

        let back = f.directory.appendingPathComponent("back.csv").path
        let reference = f.directory.appendingPathComponent("reference.csv").path
        let query = "SELECT id, big, ratio, amount, day, flag, label FROM \(table) ORDER BY id"
        let unload = try f.write(Self.package(pg.url, [Self.pgSource(query, Self.csvColumns), Flow.destination("Write", back, Array(1...7))],
                                              [Flow.path("Query", "Output", "Write")], rows: 3), as: "unload.json")
        let copy = try f.write(Self.package(pg.url, [Self.csvSource(input, Self.csvColumns), Flow.destination("Write", reference, Array(1...7))],
                                            [Flow.path("Read", "Output", "Write")]), as: "copy.json")
        let u = try f.sluice(["run", unload])
        #expect(u.status == 0, "\(u.transcript)")
        let c = try f.sluice(["run", copy])
        #expect(c.status == 0, "\(c.transcript)")
        #expect(try String(contentsOfFile: back, encoding: .utf8) == String(contentsOfFile: reference, encoding: .utf8))
    }

    /// Every mapped PostgreSQL type, NULLs included, read by the source and written back by the
    /// destination into a second table: the two tables hold the same rows.
    @Test func everyMappedTypeCopiesFromTableToTable() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let from = PostgresServerFixture.table("types_from")
        let to = PostgresServerFixture.table("types_to")
        let columns = "a int2, b int4, c int8, d float4, e float8, g numeric(38,10), h text, i varchar(20), j bool, k date, l timestamp, m bytea"
        try pg.psql("CREATE TABLE \(from) (\(columns)); CREATE TABLE \(to) (\(columns))")
        defer { _ = try? pg.psql("DROP TABLE \(from); DROP TABLE \(to)") }
        try pg.psql("""
            INSERT INTO \(from) VALUES
            (-32768, 2147483647, -9223372036854775808, 1.5, 2.718281828459045, 99999999999999999999999999.9999999999, 'a\tb\nc\\\\d', 'x', true,
             '0044-03-15 BC', '1900-01-01 00:00:00.000001', '\\x00ff10'),
            (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
            (1, 2, 3, 'NaN', '-Infinity', -0.0000000001, '', '', false, '2262-04-11', '2038-01-19 03:14:08', '\\x')
            """)
        let declared = """
            {"name": "a", "lineageId": 1, "type": "DT_I2"}, {"name": "b", "lineageId": 2, "type": "DT_I4"},
            {"name": "c", "lineageId": 3, "type": "DT_I8"}, {"name": "d", "lineageId": 4, "type": "DT_R4"},
            {"name": "e", "lineageId": 5, "type": "DT_R8"}, {"name": "g", "lineageId": 6, "type": "DT_NUMERIC", "precision": 38, "scale": 10},
            {"name": "h", "lineageId": 7, "type": "DT_WSTR", "length": 100}, {"name": "i", "lineageId": 8, "type": "DT_WSTR", "length": 20},
            {"name": "j", "lineageId": 9, "type": "DT_BOOL"}, {"name": "k", "lineageId": 10, "type": "DT_DBDATE"},
            {"name": "l", "lineageId": 11, "type": "DT_DBTIMESTAMP"}, {"name": "m", "lineageId": 12, "type": "DT_BYTES", "length": 100}
            """
        let package = try f.write(Self.package(pg.url, [Self.pgSource("SELECT * FROM \(from)", declared), Self.pgDestination(to, Array(1...12))],
                                               [Flow.path("Query", "Output", "Load")], rows: 2), as: "copy.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try pg.psql("SELECT count(*) FROM \(to)") == "3")
        let difference = "SELECT count(*) FROM ((SELECT * FROM \(from) EXCEPT SELECT * FROM \(to)) UNION ALL (SELECT * FROM \(to) EXCEPT SELECT * FROM \(from))) d"
        let copied = try pg.psql("SELECT * FROM \(to)")
        #expect(try pg.psql(difference) == "0", "\(copied)")
    }
}

import Foundation
import SluiceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What goes wrong between a data flow and PostgreSQL: each a coded error naming the
/// component, never a hang, and a destination's table left as it was.
@Suite(.enabled(if: PostgresServerFixture.available, PostgresServerFixture.skipReason), .serialized)
struct PostgresFailureTests {
    typealias Flow = DataFlowRunCommandTests
    typealias PG = PostgresFlowTests

    static let idAndText = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "qty", "lineageId": 2, "type": "DT_WSTR", "length": 20}"#

    /// A CSV of `rows` rows (id, qty) loaded into `table`; `bad` puts a word in qty at that row.
    func load(
        _ f: CLIFixture, _ url: String, _ table: String, rows: Int, bad: Int? = nil, batch: Int = 1000, command: String = "run",
        validateExternal: Bool = true
    ) throws -> ChildProcess {
        var text = "id,qty\n"
        text.reserveCapacity(rows * 16)
        for i in 1...rows { text += i == bad ? "\(i),many\n" : "\(i),\(i % 1000)\n" }
        let input = try f.write(text, as: "in-\(table).csv")
        var destination = PG.pgDestination(table, [1, 2])
        if !validateExternal {
            destination = destination.replacingOccurrences(of: #""properties": {"#, with: #""properties": {"validateExternalMetadata": false, "#)
        }
        let package = try f.write(PG.package(url, [PG.csvSource(input, Self.idAndText), destination],
                                             [Flow.path("Read", "Output", "Load")], rows: batch), as: "load-\(table)-\(command).json")
        return try f.sluice([command, package])
    }

    /// Text into an int column after several batches were sent: the COPY error with the
    /// server's message, and the table keeps only the row it had.
    @Test func aValueTheColumnRefusesRollsBackTheWholeLoad() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let table = PostgresServerFixture.table("refuses")
        try pg.psql("CREATE TABLE \(table) (id int4, qty int4); INSERT INTO \(table) VALUES (0, 0)")
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let r = try load(f, pg.url, table, rows: 5000, bad: 4321, batch: 500)
        #expect(r.status != 0)
        #expect(r.standardError.contains("70628") || r.standardOutput.contains("70628"), "\(r.transcript)")
        #expect(r.transcript.contains("invalid input syntax for type integer"), "\(r.transcript)")
        #expect(r.transcript.contains("Load"), "names the component")
        #expect(try pg.psql("SELECT count(*) FROM \(table)") == "1")
    }

    /// The source fails after several batches reached the destination (division by zero at
    /// row 4,500): the flow fails with the server's error, and the destination commits nothing.
    @Test func aSourceFailingMidwayLeavesTheDestinationTableUnchanged() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let table = PostgresServerFixture.table("midway")
        try pg.psql("CREATE TABLE \(table) (id int4, qty int4)")
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let query = "SELECT i AS id, 100 / (4500 - i) AS qty FROM generate_series(1, 9000) AS i"
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "qty", "lineageId": 2, "type": "DT_I4"}"#
        let package = try f.write(PG.package(pg.url, [PG.pgSource(query, columns), PG.pgDestination(table, [1, 2])],
                                             [Flow.path("Query", "Output", "Load")], rows: 500), as: "midway.json")
        let r = try f.sluice(["run", package])
        #expect(r.status != 0)
        #expect(r.transcript.contains("70624") && r.transcript.contains("division by zero"), "\(r.transcript)")
        #expect(try pg.psql("SELECT count(*) FROM \(table)") == "0")
    }

    /// Validation asks the server (SSIS's external metadata); with that turned off, the COPY
    /// itself reports the missing table.
    @Test func aMissingTableOrColumnIsACodedErrorAtValidationAndAtRun() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let missing = PostgresServerFixture.table("missing")
        let v = try load(f, pg.url, missing, rows: 3, command: "validate")
        #expect(v.status != 0)
        #expect(v.transcript.contains("70626") && v.transcript.contains("does not exist"), "\(v.transcript)")

        let table = PostgresServerFixture.table("nocolumn")
        try pg.psql("CREATE TABLE \(table) (id int4)")
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let c = try load(f, pg.url, table, rows: 3, command: "validate")
        #expect(c.status != 0)
        #expect(c.transcript.contains("70626") && c.transcript.contains("[qty]"), "\(c.transcript)")

        let r = try load(f, pg.url, missing, rows: 3, validateExternal: false)
        #expect(r.status != 0)
        #expect(r.transcript.contains("70628") && r.transcript.contains("does not exist"), "\(r.transcript)")
    }

    /// Nothing listening: refused at once, not a hang.
    @Test func aServerThatIsDownIsACodedError() throws {
        let pg = try PostgresServerFixture()
        _ = pg
        let f = try CLIFixture()
        let r = try load(f, "postgres://postgres@127.0.0.1:1/sluice_test", "t", rows: 3)
        #expect(r.status != 0)
        #expect(r.transcript.contains("70622") && r.transcript.contains("127.0.0.1:1"), "\(r.transcript)")
    }

    /// A server that accepts the TCP connection and never answers: the connect time-out ends
    /// the wait with a coded error instead of a hang.
    @Test func aServerThatNeverAnswersTimesOut() throws {
        let pg = try PostgresServerFixture()
        _ = pg
        let f = try CLIFixture()
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        #expect(bound && listen(listener, 4) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let url = "postgres://postgres@127.0.0.1:\(port)/sluice_test"
        let input = try f.write("id,qty\n1,2\n", as: "in.csv")
        let package = try f.write(PG.package(url, [PG.csvSource(input, Self.idAndText), PG.pgDestination("t", [1, 2])],
                                             [Flow.path("Read", "Output", "Load")]).replacingOccurrences(
            of: #""connectionString": "\#(url)"}"#, with: #""connectionString": "\#(url)", "properties": {"connectTimeoutSeconds": 1}}"#),
            as: "silent.json")
        let r = try f.sluice(["run", package])
        #expect(r.status != 0)
        #expect(r.transcript.contains("70623") || r.transcript.contains("70622"), "\(r.transcript)")
    }

    @Test func aWrongPasswordIsACodedErrorThatDoesNotShowIt() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        guard let port = URLComponents(string: pg.url)?.port else { throw PostgresServerFixture.Missing() }
        let r = try load(f, "postgres://sluice_secret:not-the-password@127.0.0.1:\(port)/sluice_test", "t", rows: 3)
        #expect(r.status != 0)
        #expect(r.transcript.contains("70622") && r.transcript.contains("password authentication failed"), "\(r.transcript)")
        #expect(!r.transcript.contains("not-the-password"))
    }

    /// The backend is terminated from a second connection while a large COPY runs: the run
    /// fails with the lost connection, and the table is unchanged.
    @Test func aConnectionDroppedMidCopyLeavesTheTableUnchanged() throws {
        let pg = try PostgresServerFixture()
        let f = try CLIFixture()
        let table = PostgresServerFixture.table("dropped")
        try pg.psql("CREATE TABLE \(table) (id int4, qty int4)")
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        var text = "id,qty\n"
        let rows = 3_000_000
        text.reserveCapacity(rows * 14)
        for i in 1...rows { text += "\(i),\(i % 1000)\n" }
        let input = try f.write(text, as: "big.csv")
        let package = try f.write(PG.package(pg.url, [PG.csvSource(input, Self.idAndText), PG.pgDestination(table, [1, 2])],
                                             [Flow.path("Read", "Output", "Load")], rows: 10_000), as: "big.json")
        let errors = f.directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let run = try SpawnedProcess(BuildProducts.sluice, ["run", package], environment: f.environment, error: .file(errors.path))
        var terminated = false
        let deadline = Date().addingTimeInterval(120)
        while run.isRunning, !terminated, Date() < deadline {
            let killed = try pg.psql("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'COPY%\(table)%' AND pid <> pg_backend_pid()
                """)
            terminated = killed != "0"
            if !terminated { usleep(20_000) }
        }
        let status = run.blockingWait()
        #expect(terminated, "the COPY finished before it could be terminated: make the file bigger")
        #expect(status != 0)
        let stderr = try String(contentsOf: errors, encoding: .utf8)
        #expect(stderr.contains("70629"), "\(stderr)")
        #expect(try pg.psql("SELECT count(*) FROM \(table)") == "0")
    }
}

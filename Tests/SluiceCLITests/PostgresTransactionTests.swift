import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// The Execute SQL task on PostgreSQL, alone and in transactions, through the real `sluice run`
/// against a real server (``PostgresServerFixture``); the tables are read with `psql` after the run.
///
/// The transaction rules are Microsoft's ("Integration Services Transactions",
/// learn.microsoft.com/sql/integration-services/integration-services-transactions): a Required
/// container commits when it succeeds and rolls back when it fails; Supported joins a parent's
/// transaction; NotSupported stays out of it; a Required container inside one joins it.
@Suite(.enabled(if: PostgresServerFixture.available, PostgresServerFixture.skipReason), .serialized)
struct PostgresTransactionTests {
    let pg: PostgresServerFixture
    let f: CLIFixture
    let table: String

    init() throws {
        pg = try PostgresServerFixture()
        f = try CLIFixture()
        table = PostgresServerFixture.table("txn")
        try pg.psql("CREATE TABLE \(table) (x int4 PRIMARY KEY, label text)")
    }

    private func sql(_ name: String, _ statement: String, _ option: TransactionOption = .supported) -> Executable {
        var task = Executable.task(name, component: "sluice.executeSQL", properties: [("connection", "PG"), ("statement", .string(statement))])
        task.transactionOption = option
        return task
    }

    private func insert(_ name: String, _ x: Int, _ option: TransactionOption = .supported) -> Executable {
        sql(name, "INSERT INTO \(table) VALUES (\(x), '\(name)')", option)
    }

    private func failing(_ name: String) -> Executable { sql(name, "INSERT INTO \(table)_missing VALUES (0)") }

    private func sequence(_ name: String, _ option: TransactionOption, _ executables: [Executable]) -> Executable {
        var seq = Executable(name, kind: .sequence)
        seq.transactionOption = option
        seq.executables = executables
        for (from, to) in zip(executables, executables.dropFirst()) { seq.connect(from.name, to: to.name) }
        return seq
    }

    private func run(_ executables: [Executable], variables: [Variable] = [], url: String? = nil, extra: [String] = []) throws -> ChildProcess {
        var package = Package(name: "P")
        package.variables = variables
        package.connections = [ConnectionManager("PG", kind: "sluice.postgres", connectionString: url ?? pg.url)]
        package.executables = executables
        return try f.sluice(["run", try f.save(package), "--report", "EWI"] + extra)
    }

    private func values() throws -> String { try pg.psql("SELECT string_agg(x::text, ',' ORDER BY x) FROM \(table)") }

    @Test func aRequiredSequenceRollsBackTheFirstInsertWhenTheSecondTaskFails() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let r = try run([sequence("Load", .required, [insert("A", 1), failing("B")])])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_POSTGRES_SERVER_ERROR") || r.standardError.contains("42P01"), "\(r.transcript)")
        #expect(try values() == "")
    }

    @Test func aRequiredSequenceCommitsBothInsertsWhenItSucceeds() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let r = try run([sequence("Load", .required, [insert("A", 1), insert("B", 2)])])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("was committed (1 connection(s))"), "\(r.transcript)")
        #expect(try values() == "1,2")
    }

    @Test func aNotSupportedTaskInsideCommitsOnItsOwn() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        // After the transaction's own insert: PostgreSQL locks rows, not the table.
        let r = try run([sequence("Load", .required, [insert("A", 1), insert("Own", 10, .notSupported), failing("B")])])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(try values() == "10")
    }

    @Test func aNestedRequiredContainerJoinsTheOuterTransaction() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let inner = sequence("Inner", .required, [insert("A", 1)])
        let r = try run([sequence("Outer", .required, [inner, failing("B")])])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(try values() == "")
    }

    @Test func aFailedTaskHandledByAFailureConstraintLeavesTheRestToCommit() throws {
        // The container succeeds (its failed task is tolerated), so it commits: the failed
        // statement alone is undone (a savepoint), not the whole transaction.
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        var load = sequence("Load", .required, [insert("A", 1), failing("B")])
        load.executables.append(insert("Recover", 3))
        load.connect("B", to: "Recover", on: .failure)
        load.maximumErrorCount = 0  // no limit: B's error does not fail the container
        let r = try run([load])
        #expect(try values() == "1,3", "\(r.transcript)")
    }

    @Test func parametersAreBoundAsDollarNumbersAndSingleRowFillsVariables() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        let variables = [
            Variable("User::X", type: .i4, value: .int(7)), Variable("User::Label", type: .wstr, value: .string("seven")),
            Variable("User::Count", type: .i8, value: .int(0)), Variable("User::Read", type: .wstr, value: .string("")),
            Variable("User::Affected", type: .i4, value: .int(-1)),
        ]
        var write = Executable.task("Write", component: "sluice.executeSQL", properties: [
            ("connection", "PG"), ("statement", .string("INSERT INTO \(table) VALUES ($1, $2), ($1 + 1, $2)")),
            ("parameters", ["User::X", "User::Label"]),
        ])
        write.executionValueVariable = "User::Affected"
        let read = Executable.task("Read", component: "sluice.executeSQL", properties: [
            ("connection", "PG"), ("statement", .string("SELECT count(*), max(label) FROM \(table) WHERE x >= $1")),
            ("parameters", ["User::X"]), ("resultSet", "singleRow"), ("resultVariables", ["User::Count", "User::Read"]),
        ])
        let r = try run([sequence("Load", .supported, [write, read])], variables: variables, extra: ["--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("User::Affected = 2 (DT_I4)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::Count = 2 (DT_I8)"), "\(r.transcript)")
        #expect(r.standardError.contains("User::Read = seven (DT_WSTR)"), "\(r.transcript)")
    }

    @Test func aServerThatIsDownIsACodedConnectError() throws {
        defer { _ = try? pg.psql("DROP TABLE \(table)") }
        // Port 1 on loopback: nothing listens there.
        let r = try run([insert("A", 1)], url: "postgres://postgres@127.0.0.1:1/sluice_test")
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("cannot connect to PostgreSQL at 127.0.0.1:1/sluice_test"), "\(r.transcript)")
    }
}

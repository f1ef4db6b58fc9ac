import CSQLite
import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import Testing

/// Transactions over SQLite, run in process by the package runner on a real database file that
/// the test reads back after the run.
///
/// The expectations come from Microsoft, "Integration Services Transactions"
/// (learn.microsoft.com/sql/integration-services/integration-services-transactions): Required
/// starts a transaction unless a parent has one, in which case it joins it; Supported joins a
/// parent's; NotSupported neither starts nor joins, and a transaction above it does not affect
/// the executables inside it; a transacted container commits when it succeeds and rolls back
/// when it fails. Execute SQL tasks of one transaction on one connection manager share one
/// connection (Sluice's scope without MSDTC: docs/transactions.md).
@Suite struct TransactionSQLiteTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("txn.db")
        try exec("CREATE TABLE t(x INTEGER)")
    }

    // MARK: Helpers

    private func exec(_ sql: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open(db, &handle) == SQLITE_OK, let handle else { throw SluiceError(.sqlOpenFailed, ["path": db, "reason": "test"]) }
        defer { sqlite3_close_v2(handle) }
        #expect(sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK)
    }

    /// The values of `t`, in insertion order, read from the file after the run.
    private func rows() -> [Int64] {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(db, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else { return [] }
        defer { sqlite3_close_v2(handle) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "SELECT x FROM t ORDER BY rowid", -1, &statement, nil) == SQLITE_OK, let statement else { return [] }
        defer { sqlite3_finalize(statement) }
        var out: [Int64] = []
        while sqlite3_step(statement) == SQLITE_ROW { out.append(sqlite3_column_int64(statement, 0)) }
        return out
    }

    private func sql(_ name: String, _ statement: String, _ option: TransactionOption = .supported) -> Executable {
        var task = Executable.task(name, component: "sluice.executeSQL", properties: [("connection", "Db"), ("statement", .string(statement))])
        task.transactionOption = option
        return task
    }

    private func insert(_ name: String, _ value: Int, _ option: TransactionOption = .supported) -> Executable {
        sql(name, "INSERT INTO t VALUES (\(value))", option)
    }

    /// A failing statement: the table does not exist.
    private func failing(_ name: String) -> Executable { sql(name, "INSERT INTO missing VALUES (0)") }

    /// A container of `option` whose executables run one after another.
    private func sequence(_ name: String, _ option: TransactionOption, _ executables: [Executable]) -> Executable {
        var seq = Executable(name, kind: .sequence)
        seq.transactionOption = option
        seq.executables = executables
        for (from, to) in zip(executables, executables.dropFirst()) { seq.connect(from.name, to: to.name) }
        return seq
    }

    private func run(_ executables: [Executable], sink: RecordingEventSink? = nil, maxConcurrent: Int? = nil) -> RunResult {
        var package = Package(name: "P")
        package.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: db)]
        package.executables = executables
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        return PackageRunner(registry: registry).run(package, options: RunOptions(eventSink: sink, maxConcurrentExecutables: maxConcurrent))
    }

    // MARK: Required containers

    @Test func aRequiredSequenceRollsBackTheFirstInsertWhenTheSecondTaskFails() {
        let result = run([sequence("Load", .required, [insert("A", 1), failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [])
    }

    @Test func aRequiredSequenceCommitsBothInsertsWhenItSucceeds() {
        let sink = RecordingEventSink()
        let result = run([sequence("Load", .required, [insert("A", 1), insert("B", 2)])], sink: sink)
        #expect(result.result == .success)
        #expect(rows() == [1, 2])
        let committed = sink.events(.information).filter { $0.code == SluiceMessage.transactionCommitted.code }
        #expect(committed.map(\.source.path) == ["\\Package\\Load"])
    }

    @Test func theSameSequenceWithoutATransactionKeepsTheFirstInsert() {
        // Supported (the default) with no transaction above: each task commits on its own.
        let result = run([sequence("Load", .supported, [insert("A", 1), failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [1])
    }

    @Test func aContainerForcedToFailRollsBackWorkThatSucceeded() {
        var load = sequence("Load", .required, [insert("A", 1), insert("B", 2)])
        load.forceExecutionResult = .failure
        let sink = RecordingEventSink()
        _ = run([load], sink: sink)
        #expect(rows() == [])
        #expect(sink.events(.information).contains { $0.code == SluiceMessage.transactionRolledBack.code })
    }

    @Test func aRequiredPackageHoldsEveryTaskInOneTransaction() {
        var package = Package(name: "P")
        package.root.transactionOption = .required
        package.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: db)]
        package.executables = [insert("A", 1), failing("B")]
        package.connect("A", to: "B")
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        #expect(PackageRunner(registry: registry).run(package).result == .failure)
        #expect(rows() == [])
    }

    @Test func aCanceledRunRollsBackTheTransaction() {
        // Canceled once A has inserted: B never finishes, and A's insert goes with the rollback.
        let cancel = RunCancellation()
        let sink = ClosureEventSink { event in
            if event.kind == .postExecute, event.source.name == "A" { cancel.cancel(reason: "test") }
        }
        let slow = sql("B", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*) FROM n")
        var package = Package(name: "P")
        package.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: db)]
        package.executables = [sequence("Load", .required, [insert("A", 1), slow])]
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let result = PackageRunner(registry: registry).run(package, options: RunOptions(eventSink: sink, cancellation: cancel))
        #expect(result.result == .canceled)
        #expect(result.executableResults["\\Package\\Load"] == .canceled)
        #expect(rows() == [])
    }

    // MARK: NotSupported, nesting

    @Test func aNotSupportedTaskInsideCommitsOnItsOwn() {
        // It writes before the transaction does: SQLite lets one connection write at a time.
        let result = run([sequence("Load", .required, [insert("Own", 10, .notSupported), insert("A", 1), failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [10])
    }

    @Test func aNestedRequiredContainerJoinsTheOuterTransaction() {
        // The inner container succeeds, but its work is the outer transaction's: the outer
        // container's failure rolls it back.
        let inner = sequence("Inner", .required, [insert("A", 1)])
        let result = run([sequence("Outer", .required, [inner, failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [])
    }

    @Test func aNotSupportedContainerKeepsItsTasksOutOfTheTransactionAbove() {
        // Microsoft's example: "none of the tasks in the For Loop can roll back if they fail".
        let outside = sequence("Outside", .notSupported, [insert("A", 1)])
        let result = run([sequence("Outer", .required, [outside, failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [1])
    }

    @Test func aRequiredContainerBelowANotSupportedOneStartsItsOwnTransaction() {
        // "Multiple Transactions": the inner one commits, and the outer's failure cannot undo it.
        let own = sequence("Own", .required, [insert("A", 1)])
        let gap = sequence("Gap", .notSupported, [own])
        let result = run([sequence("Outer", .required, [gap, failing("B")])])
        #expect(result.result == .failure)
        #expect(rows() == [1])
    }

    // MARK: Tasks

    @Test func aRequiredTaskMakesItsScriptAllOrNothing() {
        let script = "INSERT INTO t VALUES (1); INSERT INTO missing VALUES (2)"
        #expect(run([sql("Alone", script, .required)]).result == .failure)
        #expect(rows() == [])
        #expect(run([sql("Alone", script)]).result == .failure)
        #expect(rows() == [1])
    }

    @Test func tasksRunningInParallelInOneTransactionTakeTurnsOnItsConnection() {
        // No constraints: the scheduler may run all of them at once.
        let tasks = (1...8).map { insert("T\($0)", $0) }
        let sink = RecordingEventSink()
        let result = run([sequence("Load", .required, []).with(tasks)], sink: sink, maxConcurrent: 4)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(rows().sorted() == Array(1...8))
        #expect(sink.events(.information).filter { $0.code == SluiceMessage.transactionCommitted.code }.count == 1)
    }

    @Test func theTransactionsConnectionKeepsAnInMemoryDatabaseBetweenTasks() {
        var package = Package(name: "P")
        package.root.transactionOption = .required
        package.variables = [Variable("User::Count", type: .i8, value: .int(0))]
        package.connections = [ConnectionManager("Mem", kind: "sluice.sqlite", connectionString: ":memory:")]
        var create = Executable.task("Create", component: "sluice.executeSQL", properties: [("connection", "Mem"), ("statement", "CREATE TABLE m(x); INSERT INTO m VALUES (1)")])
        create.transactionOption = .required
        let count = Executable.task("Count", component: "sluice.executeSQL", properties: [
            ("connection", "Mem"), ("statement", "SELECT count(*) FROM m"), ("resultSet", "singleRow"), ("resultVariables", ["User::Count"]),
        ])
        package.executables = [create, count]
        package.connect("Create", to: "Count")
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let result = PackageRunner(registry: registry).run(package)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Count"]?.value == .int(1))
    }

    // MARK: Event handlers

    @Test func anOnErrorHandlerInsideTheTransactionJoinsItAndIsRolledBackWithIt() {
        // The handler is a container of the failing one's: Supported, it joins the
        // transaction, so what it writes goes with the rollback (a known SSIS pitfall).
        var load = sequence("Load", .required, [insert("A", 1), failing("B")])
        var handler = EventHandler(.error)
        handler.container.executables = [insert("Log", 99)]
        load.eventHandlers = [handler]
        let sink = RecordingEventSink()
        let result = run([load], sink: sink)
        #expect(result.result == .failure)
        #expect(sink.events(.postExecute).contains { $0.source.name == "Log" && $0.result == .success }, "the handler ran and wrote")
        #expect(rows() == [])
    }

    @Test func aNotSupportedOnErrorHandlerWritesOutsideTheTransaction() throws {
        // Its own database file: SQLite lets one connection write at a time.
        let log = directory.file("log.db")
        var load = sequence("Load", .required, [insert("A", 1), failing("B")])
        var handler = EventHandler(.error)
        handler.container.transactionOption = .notSupported
        handler.container.executables = [
            Executable.task("Log", component: "sluice.executeSQL", properties: [("connection", "Log"), ("statement", "CREATE TABLE IF NOT EXISTS l(x); INSERT INTO l VALUES (1)")]),
        ]
        load.eventHandlers = [handler]
        var package = Package(name: "P")
        package.connections = [
            ConnectionManager("Db", kind: "sluice.sqlite", connectionString: db), ConnectionManager("Log", kind: "sluice.sqlite", connectionString: log),
        ]
        package.executables = [load]
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        #expect(PackageRunner(registry: registry).run(package).result == .failure)
        #expect(rows() == [])
        var handle: OpaquePointer?
        #expect(sqlite3_open_v2(log, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK)
        defer { sqlite3_close_v2(handle) }
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(handle, "SELECT count(*) FROM l", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int64(statement, 0) == 1)
    }

    // MARK: System::TaskTransactionOption

    @Test func taskTransactionOptionIsTheTasksOptionAsAnInt32() {
        var package = Package(name: "P")
        package.variables = ["NotSupported", "Supported", "Required"].map { Variable("User::\($0)", type: .i4, value: .int(-1)) }
        package.executables = [TransactionOption.notSupported, .supported, .required].map { option in
            var read = Executable.task(option.rawValue, component: "sluice.expression", properties: [
                ("expression", .string("@[User::\(option.rawValue)] = @[System::TaskTransactionOption]")),
            ])
            read.transactionOption = option
            return read
        }
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let result = PackageRunner(registry: registry).run(package)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        // DTSTransactionOption: NotSupported 0, Supported 1, Required 2.
        #expect(result.variables["User::NotSupported"] == TypedValue(.i4, .int(0)))
        #expect(result.variables["User::Supported"] == TypedValue(.i4, .int(1)))
        #expect(result.variables["User::Required"] == TypedValue(.i4, .int(2)))
    }

    // MARK: After a hostile review

    /// A task whose script fails halfway undoes all its statements, not only the failed one:
    /// each task runs in a savepoint. The container succeeds (no error limit), so it commits.
    @Test func aFailedScriptUndoesItsEarlierStatementsInAContainerThatCommits() throws {
        var seq = sequence("Seq", .required, [
            sql("Script", "INSERT INTO t VALUES (1); INSERT INTO missing VALUES (0)"), insert("Recover", 2),
        ])
        seq.constraints = [PrecedenceConstraint(from: "Script", to: "Recover", value: .failure)]
        seq.maximumErrorCount = 0
        _ = run([seq])
        #expect(rows() == [2])
    }

    /// A statement that makes SQLite roll the whole transaction back (INSERT OR ROLLBACK)
    /// leaves the connection committing each statement on its own: nothing more may run on it,
    /// and the container cannot commit (before, the recovery task's row was committed at once).
    @Test func aTransactionTheDatabaseRolledBackRunsNothingMoreAndDoesNotCommit() throws {
        try exec("CREATE TABLE k(x INTEGER PRIMARY KEY)")
        var seq = sequence("Seq", .required, [
            insert("First", 1),
            sql("Conflict", "INSERT OR ROLLBACK INTO k VALUES (1); INSERT OR ROLLBACK INTO k VALUES (1)"),
            insert("Recover", 3),
        ])
        seq.constraints = [
            PrecedenceConstraint(from: "First", to: "Conflict"), PrecedenceConstraint(from: "Conflict", to: "Recover", value: .failure),
        ]
        seq.maximumErrorCount = 0
        let sink = RecordingEventSink()
        let result = run([seq], sink: sink)
        #expect(rows() == [])
        #expect(result.result == .failure)
        #expect(sink.events(.error).contains { $0.code == SluiceMessage.transactionLost.code })
    }
}

extension Executable {
    fileprivate func with(_ executables: [Executable]) -> Executable {
        var copy = self
        copy.executables = executables
        return copy
    }
}

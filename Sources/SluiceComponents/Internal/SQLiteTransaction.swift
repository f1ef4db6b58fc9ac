import SluiceCore

/// A SQLite connection enlisted in a run's ``Transaction``: opened and begun by the first
/// Execute SQL task of the transaction on its connection manager, used by the later ones, and
/// committed or rolled back by the transaction when its container ends.
///
/// `BEGIN` is deferred, as SQLite's default: the database is locked for writing only from the
/// transaction's first write, so tasks outside the transaction can still write before it.
final class SQLiteTransaction: TransactionResource, @unchecked Sendable {
    // @unchecked Sendable: the transaction lends the connection to one task at a time (the lock
    // of its connection), and ends it only after every task inside has finished.
    let database: SQLiteConnection
    let connection: String
    let owner: String
    /// Why the database ended the transaction by itself (`INSERT OR ROLLBACK`, a trigger's
    /// `RAISE(ROLLBACK)`, a full disk): from then on the connection would commit each statement
    /// on its own, so nothing more runs on it and the transaction cannot commit.
    private var lost: String?

    private init(database: SQLiteConnection, connection: String, owner: String) {
        self.database = database
        self.connection = connection
        self.owner = owner
    }

    /// Opens the database and begins a transaction on it.
    /// - Throws: `SLUICE_E_SQL_OPEN_FAILED`, or `SLUICE_E_TRANSACTION_BEGIN_FAILED`.
    static func begin(path: String, connection: String, executable: String, owner: String) throws -> SQLiteTransaction {
        let database = try SQLiteConnection(path: path)
        do {
            try database.run("BEGIN")
        } catch let failure as SQLiteFailure {
            throw SluiceError(.transactionBeginFailed, [
                "executable": executable, "owner": owner, "connection": connection, "reason": failure.message,
            ])
        }
        return SQLiteTransaction(database: database, connection: connection, owner: owner)
    }

    /// Runs one task's script in a savepoint: released on success, rolled back to on failure,
    /// so a failed task undoes all its statements and nothing else (as PostgresTransaction).
    /// - Throws: `SLUICE_E_TRANSACTION_LOST` once the database ended the transaction; what
    ///   `body` throws.
    func runTask<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try checkNotLost()
        try run("SAVEPOINT sluice_task")
        let result: T
        do {
            result = try body(database)
        } catch {
            if database.isAutocommit {
                lost = "a statement made SQLite roll the whole transaction back"
            } else {
                do {
                    try run("ROLLBACK TO sluice_task")
                    try run("RELEASE sluice_task")
                } catch {
                    lost = "rolling back the failed task's work failed"
                }
            }
            throw error
        }
        guard !database.isAutocommit else {
            lost = "a statement of the task ended it"
            try checkNotLost()
            return result
        }
        try run("RELEASE sluice_task")
        return result
    }

    func commit() throws {
        try checkNotLost()
        try run("COMMIT")
    }

    func rollback() throws {
        // Rolled back already by the database: nothing is left to undo.
        guard lost == nil || !database.isAutocommit else { return }
        try run("ROLLBACK")
    }

    private func checkNotLost() throws {
        guard let lost else { return }
        throw SluiceError(.transactionLost, ["owner": owner, "connection": connection, "reason": lost])
    }
    /// The handle closes when the transaction lets go of this object (SQLiteConnection's deinit);
    /// closing a connection with its transaction still open rolls it back.
    func close() {}

    private func run(_ sql: String) throws {
        do {
            try database.run(sql)
        } catch let failure as SQLiteFailure {
            throw SluiceError(.sqlFailed, ["connection": connection, "reason": failure.message], cause: failure)
        }
    }
}

extension SQLiteConnection {
    /// Runs one statement that returns no rows worth keeping (BEGIN, COMMIT, ROLLBACK).
    /// - Throws: ``SQLiteFailure``.
    func run(_ sql: String) throws {
        try sql.withCString { text in
            guard let statement = try prepare(text).statement else { return }
            while try statement.step() {}
        }
    }
}

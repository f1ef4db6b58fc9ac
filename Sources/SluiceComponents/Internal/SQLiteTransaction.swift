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

    private init(database: SQLiteConnection, connection: String) {
        self.database = database
        self.connection = connection
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
        return SQLiteTransaction(database: database, connection: connection)
    }

    func commit() throws { try run("COMMIT") }
    func rollback() throws { try run("ROLLBACK") }
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

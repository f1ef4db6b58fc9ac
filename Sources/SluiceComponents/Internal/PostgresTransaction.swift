import SluiceCore
import SluicePostgres

/// A PostgreSQL session enlisted in a run's ``Transaction``: opened and begun by the first
/// Execute SQL task of the transaction on its connection manager, used by the later ones, and
/// committed or rolled back by the transaction when its container ends.
///
/// Each task's statement runs inside a savepoint. PostgreSQL aborts a whole transaction on any
/// failed statement and then turns COMMIT into a silent ROLLBACK; rolling back to the savepoint
/// undoes only the failed task, as a failed statement does in SQLite, so a container that
/// succeeds despite a failed task (a failure constraint, MaximumErrorCount) commits the rest.
final class PostgresTransaction: TransactionResource, Sendable {
    let session: PostgresSession

    private init(session: PostgresSession) { self.session = session }

    /// Connects and begins a transaction.
    /// - Throws: `SLUICE_E_POSTGRES_CONNECT_FAILED`, `…_TIMED_OUT`, or
    ///   `SLUICE_E_TRANSACTION_BEGIN_FAILED`.
    static func begin(
        _ endpoint: PostgresEndpoint, connection: String, executable: String, owner: String, timeoutSeconds: Double
    ) throws -> PostgresTransaction {
        let session = try PostgresSession.open(endpoint, component: executable, timeoutSeconds: timeoutSeconds)
        do {
            try session.execute("BEGIN", doing: "began a transaction")
        } catch {
            session.close()
            let reason = (error as? SluiceError)?.text ?? "\(error)"
            throw SluiceError(.transactionBeginFailed, ["executable": executable, "owner": owner, "connection": connection, "reason": reason])
        }
        return PostgresTransaction(session: session)
    }

    /// Runs one task's work in a savepoint: released on success, rolled back to on failure.
    func runTask<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try session.execute("SAVEPOINT sluice_task", doing: "set a savepoint")
        do {
            let result = try body(session)
            try session.execute("RELEASE SAVEPOINT sluice_task", doing: "released a savepoint")
            return result
        } catch {
            // If this fails too the connection is gone, and the transaction with it.
            try? session.execute("ROLLBACK TO SAVEPOINT sluice_task", doing: "rolled back to a savepoint")
            throw error
        }
    }

    func commit() throws { try session.execute("COMMIT", doing: "committed the transaction") }
    func rollback() throws { try session.execute("ROLLBACK", doing: "rolled back the transaction") }
    func close() { session.close() }
}

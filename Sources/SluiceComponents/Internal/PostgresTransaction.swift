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
final class PostgresTransaction: TransactionResource, @unchecked Sendable {
    // @unchecked Sendable: `lost` is touched only under the transaction's lock of this
    // connection (one task at a time, then the end).
    let session: PostgresSession
    let connection: String
    let owner: String
    /// Why the transaction can no longer commit: a savepoint rollback failed or a statement was
    /// abandoned by a cancel, so the server's state is unknown (PostgreSQL would answer COMMIT
    /// with a silent ROLLBACK on an aborted transaction).
    private var lost: String?

    private init(session: PostgresSession, connection: String, owner: String) {
        self.session = session
        self.connection = connection
        self.owner = owner
    }

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
        return PostgresTransaction(session: session, connection: connection, owner: owner)
    }

    /// Runs one task's work in a savepoint: released on success, rolled back to on failure.
    func runTask<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try checkNotLost()
        try session.execute("SAVEPOINT sluice_task", doing: "set a savepoint")
        do {
            let result = try body(session)
            try session.execute("RELEASE SAVEPOINT sluice_task", doing: "released a savepoint")
            return result
        } catch {
            if error is Canceled {
                // The statement may still run on the server: the connection cannot be trusted.
                lost = "the run was canceled during a statement"
                throw error
            }
            do {
                try session.execute("ROLLBACK TO SAVEPOINT sluice_task", doing: "rolled back to a savepoint")
            } catch {
                lost = "rolling back the failed task's work failed"
            }
            throw error
        }
    }

    func commit() throws {
        try checkNotLost()
        try session.execute("COMMIT", doing: "committed the transaction")
    }

    func rollback() throws {
        // A lost connection is closed without a word: the server rolls back what it has.
        guard lost == nil else { return }
        try session.execute("ROLLBACK", doing: "rolled back the transaction")
    }

    func close() { session.close() }

    private func checkNotLost() throws {
        guard let lost else { return }
        throw SluiceError(.transactionLost, ["owner": owner, "connection": connection, "reason": lost])
    }
}

import Foundation
import PostgresNIO
import SluiceCore
import Synchronization

extension PostgresCatalogStore {
    /// Runs `body` in one transaction on one leased connection: committed when it returns,
    /// rolled back when it throws. A writing transaction first takes the schema's writer lock
    /// (see the type's documentation) unless told not to (a write no check depends on: a
    /// token's last use); a reading one is a read-only snapshot.
    package func withTransaction<T: Sendable>(
        writing: Bool, writerLock: Bool = true, _ body: @escaping @Sendable (PostgresCatalogTransaction) async throws -> T
    ) async throws -> T {
        let logger = self.logger
        let schema = location.schema
        return try await withLeasedConnection { connection in
            let tx = PostgresCatalogTransaction(connection: connection, logger: logger)
            try await tx.execute(writing ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                try await tx.execute("SELECT set_config('search_path', \(Self.searchPath(schema)), true)")
                if writing && writerLock {
                    // A writer waits at most a minute for another (a hung server holding the lock
                    // fails later changes with a coded error, not for ever).
                    try await tx.execute("SELECT set_config('lock_timeout', \(Self.writerLockTimeout), true)")
                    try await tx.execute(Self.writerLock(schema))
                }
                let result = try await body(tx)
                try await tx.execute("COMMIT")
                return result
            } catch {
                // A broken connection cannot roll back; the server ends its transaction anyway.
                try? await tx.execute("ROLLBACK")
                throw error
            }
        }
    }

    static let writerLockTimeout = "60s"

    /// The statement taking the schema's writer lock until the transaction ends.
    static func writerLock(_ schema: String) -> PostgresQuery {
        "SELECT pg_advisory_xact_lock(\(writerLockClass), hashtext(\(schema)))"
    }

    /// The schema, quoted (its name is checked: it holds no quote), then `pg_temp` last.
    static func searchPath(_ schema: String) -> String { "\"\(schema)\", pg_temp" }

    /// Leases a connection for `body`, failing when none comes within ``leaseTimeout``: the
    /// pool keeps retrying an unreachable server, and a caller must not wait for ever.
    /// Only the wait for the lease is bounded; a long deploy on a leased connection is not.
    func withLeasedConnection<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        guard !closed.load(ordering: .acquiring) else { throw Closed() }
        let leased = LeaseFlag()
        let client = self.client
        let timeout = leaseTimeout
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.withConnection { connection in
                    leased.set()
                    return try await body(connection)
                }
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                if leased.isSet { return nil }
                throw NoConnection(seconds: timeout.components.seconds)
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw CancellationError()
        }
    }

    /// Runs `body`, cancelling it and failing with ``NoConnection`` when it takes longer than
    /// `timeout`.
    static func withDeadline(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            defer { group.cancelAll() }
            guard try await group.next() == true else { throw NoConnection(seconds: timeout.components.seconds) }
        }
    }

    /// The server did not give a connection in time (unreachable, or every connection busy).
    struct NoConnection: Error, CustomStringConvertible {
        var seconds: Int64
        var description: String { "no connection to the server within \(seconds) s (it does not answer, or every connection is busy)" }
    }

    struct Closed: Error, CustomStringConvertible {
        var description: String { "the store is closed" }
    }

    final class LeaseFlag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}

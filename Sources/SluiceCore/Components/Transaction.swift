import Synchronization

/// What a task enlists in a ``Transaction``: one open connection with a transaction begun on
/// it. The transaction owns it from then on and ends it once, when the owning container ends.
public protocol TransactionResource: AnyObject, Sendable {
    /// Makes the work done through the connection permanent.
    func commit() throws
    /// Undoes the work done through the connection since it was enlisted.
    func rollback() throws
    /// Closes the connection; called once, after `commit` or `rollback`. Never throws.
    func close()
}

/// A transaction of a run, without a distributed coordinator: the container with
/// `TransactionOption` Required that started it owns it, and every task inside that joins it
/// shares one enlisted resource per connection manager.
///
/// ```swift
/// let outcome = try transaction.withResource(connection: "Warehouse", open: { try MyResource.begin() }) { r in
///     try r.run(sql)
/// }
/// ```
/// Tasks running in parallel in one transaction take turns on a connection: `withResource`
/// holds that connection's lock while `body` runs. Connections are independent of each other.
public final class Transaction: Sendable {
    /// The path of the executable that started the transaction (`\Package\Load`).
    public let owner: String
    private let state = Mutex(State())

    private struct State {
        var slots: [String: Slot] = [:]
        /// Connection names in the order they were enlisted: the order of commit.
        var order: [String] = []
        var ended = false
    }

    /// One connection's resource, locked while a task uses it.
    private final class Slot: Sendable {
        let resource = Mutex<(any TransactionResource)?>(nil)
    }

    public init(owner: String) { self.owner = owner }

    /// Runs `body` with the resource enlisted for `connection`, enlisting it with `open` when
    /// this is the transaction's first use of that connection manager. A failed `open` enlists
    /// nothing, so the next task tries again.
    /// - Throws: `SLUICE_E_TRANSACTION_ENDED` after the transaction ended;
    ///   `SLUICE_E_TRANSACTION_RESOURCE_MISMATCH` when the connection was enlisted by a task
    ///   of another kind; what `open` or `body` throws.
    public func withResource<R: TransactionResource, T: Sendable>(
        connection: String, open: () throws -> R, _ body: (R) throws -> T
    ) throws -> T {
        let slot: Slot? = state.withLock { s in
            if s.ended { return nil }
            if let existing = s.slots[connection] { return existing }
            let slot = Slot()
            s.slots[connection] = slot
            s.order.append(connection)
            return slot
        }
        guard let slot else { throw SluiceError(.transactionEnded, ["owner": owner, "connection": connection]) }
        return try slot.resource.withLock { held throws -> T in
            if held == nil { held = try open() }
            guard let resource = held as? R else {
                throw SluiceError(.transactionResourceMismatch, ["owner": owner, "connection": connection])
            }
            return try body(resource)
        }
    }

    /// Ends the transaction: commits every enlisted connection in the order of enlisting
    /// (`commit` true) or rolls each back, then closes them. Without a coordinator the commit
    /// is not atomic across connections: once one commit fails, the rest are rolled back.
    /// - Returns: how many connections were enlisted, and what went wrong per connection
    ///   (empty when all went well).
    public func end(commit: Bool) -> (count: Int, failures: [(connection: String, committing: Bool, error: any Error)]) {
        let enlisted: [(String, Slot)] = state.withLock { s in
            s.ended = true
            return s.order.compactMap { name in s.slots[name].map { (name, $0) } }
        }
        var failures: [(connection: String, committing: Bool, error: any Error)] = []
        var committing = commit
        var count = 0
        for (name, slot) in enlisted {
            slot.resource.withLock { held in
                guard let resource = held else { return }
                count += 1
                do {
                    if committing { try resource.commit() } else { try resource.rollback() }
                } catch {
                    failures.append((name, committing, error))
                    committing = false
                }
                resource.close()
                held = nil
            }
        }
        return (count, failures)
    }
}

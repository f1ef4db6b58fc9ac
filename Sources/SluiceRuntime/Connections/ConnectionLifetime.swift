import Foundation
import SluiceCore
import SluiceRegistry

/// One live connection manager during a run (a plugin's): its instance (made by the registry
/// and validated at validation), whether it is acquired, and how many of its users have yet to
/// finish.
///
/// Acquired at most once at a time: before its first user runs, or when a task asks for it by
/// name through the host service (then it is held until the run ends, since the plan cannot
/// tell when such a use is over). Released when the last planned user has finished, and at
/// the latest when the run ends; the instance is destroyed then too.
final class ConnectionLifetime: @unchecked Sendable {
    let name: String
    private let kind: String
    private let registry: ComponentRegistry
    /// Recursive: a plugin's `acquire` may raise an event whose handler asks for the same
    /// connection on the same thread; that is refused (`acquiring`), not a deadlock.
    private let lock = NSRecursiveLock()
    private var connection: (any ConnectionManagerComponent)?  // nil once the run has finished with it
    /// The connection string `connection` was made with.
    private var connectionString: String
    private var handle: UnsafeMutableRawPointer?
    private var isAcquired = false
    private var acquiring = false
    private var heldToEnd = false
    private var pendingUsers = 0

    init(_ connection: any ConnectionManagerComponent, of manager: ConnectionManager, registry: ComponentRegistry) {
        name = manager.name
        kind = manager.kind
        connectionString = manager.connectionString
        self.connection = connection
        self.registry = registry
    }

    /// The library whose code may use the handle.
    var library: String? {
        lock.lock()
        defer { lock.unlock() }
        return connection?.library
    }

    /// Counts one more planned user (while the plan is made, before anything runs).
    func addUser() {
        lock.lock()
        pendingUsers += 1
        lock.unlock()
    }

    /// The acquired connection, acquiring it now if it is not. `planned`: for a task that uses
    /// it by the plan; otherwise the connection stays acquired until the run ends.
    /// - Throws: `SLUICE_E_CONNECTION_ACQUIRE_FAILED`, or the errors of making a fresh instance
    ///   when a `ConnectionString` expression changed the string since validation.
    func acquire(for context: ExecutionContext, planned: Bool) throws -> AcquiredConnection {
        let manager = try context.connection(named: name)  // --conn and the expression applied
        lock.lock()
        defer { lock.unlock() }
        if !planned { heldToEnd = true }
        guard !acquiring, var current = connection else {
            throw refusal(context, acquiring ? "it is being acquired on this thread already (by an event handler of its own acquire)" : "the run has finished with it")
        }
        if !isAcquired {
            acquiring = true
            defer { acquiring = false }
            if manager.connectionString != connectionString {
                // As a task with property expressions gets a fresh instance before it runs.
                let fresh = try registry.makeConnection(for: manager)
                try fresh.validate(in: context)
                connection = fresh
                connectionString = manager.connectionString
                current = fresh
            }
            handle = try current.acquire(in: context)
            isAcquired = true
        }
        return AcquiredConnection(connectionString: connectionString, handle: handle, library: current.library)
    }

    /// One planned user has finished for good; the last one releases the connection.
    func userFinished() {
        lock.lock()
        defer { lock.unlock() }
        pendingUsers -= 1
        if pendingUsers <= 0, !heldToEnd { releaseIfAcquired() }
    }

    /// The run is over: release, then destroy the instance.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        releaseIfAcquired()
        connection = nil
    }

    private func releaseIfAcquired() {
        guard isAcquired else { return }
        isAcquired = false
        connection?.release(handle)
        handle = nil
    }

    private func refusal(_ context: ExecutionContext, _ reason: String) -> SluiceError {
        SluiceError(.connectionAcquireFailed, ["name": name, "kind": kind, "executable": context.executableName, "reason": reason])
    }
}

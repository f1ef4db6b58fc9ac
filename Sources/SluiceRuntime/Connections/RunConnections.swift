import Foundation
import SluiceCore
import SluiceRegistry

/// The plugin connection managers of one run, and the hooks the executor calls to acquire
/// each before its first user and release it after its last (see ``ConnectionUsePlan``).
///
/// The hooks cost a dictionary look-up per executable; a run without plugin connection
/// managers has no `RunConnections` at all.
final class RunConnections: @unchecked Sendable {
    private let lifetimes: [ConnectionLifetime]  // in package order: finished in that order
    private let byName: [String: ConnectionLifetime]
    private let plan: ConnectionUsePlan
    /// Whether each entry of `plan.users` has finished; guarded by `lock`.
    private var finished: [Bool]
    private let lock = NSLock()

    init(_ lifetimes: [ConnectionLifetime], root: ExecutableNode) {
        var byName: [String: ConnectionLifetime] = [:]
        for l in lifetimes { byName[l.name] = l }
        self.byName = byName
        self.lifetimes = lifetimes
        plan = ConnectionUsePlan(root: root, connections: Set(byName.keys))
        finished = Array(repeating: false, count: plan.users.count)
        for user in plan.users { byName[user.connection]?.addUser() }
    }

    /// Before a task executes: acquires the connections it uses (once per run).
    func willExecute(_ node: ExecutableNode, context: ExecutionContext) throws {
        guard let names = plan.usedBy[ObjectIdentifier(node)] else { return }
        for name in names { _ = try byName[name]?.acquire(for: context, planned: true) }
    }

    /// An executable has run: the uses it ends are over.
    func didExecute(_ node: ExecutableNode) {
        guard let range = plan.ranges[ObjectIdentifier(node)] else { return }
        end(range.lowerBound..<range.lowerBound + 1)
    }

    /// An executable will not run (skipped, disabled, stopped): every use inside it is over.
    func willNotRun(_ node: ExecutableNode) {
        guard let range = plan.ranges[ObjectIdentifier(node)] else { return }
        end(range)
    }

    /// The connection `name` for the host service `connection_acquire`, for code of `library`
    /// (nil: the host's own, a stock task using the connection string).
    /// A task that uses it by the plan gets it as planned; any other caller (a task naming it
    /// otherwise, an enumerator) makes it stay acquired until the run ends.
    /// - Throws: `SLUICE_E_CONNECTION_FOREIGN` before acquiring anything, for another library's.
    /// Returns nil when `name` is not a plugin connection manager of the run.
    func acquire(_ name: String, for library: String?, context: ExecutionContext) throws -> AcquiredConnection? {
        guard let lifetime = byName[name] else { return nil }
        if let library, let owner = lifetime.library, owner != library {
            let kind = (try? context.connection(named: name).kind) ?? ""
            throw SluiceError(.connectionForeign, ["executable": context.executableName, "name": name, "kind": kind, "library": owner])
        }
        let planned = plan.usedBy[ObjectIdentifier(context.node)]?.contains(name) == true
        return try lifetime.acquire(for: context, planned: planned)
    }

    /// The run is over (success, failure or cancel): releases and destroys every connection.
    func finish() {
        for lifetime in lifetimes { lifetime.finish() }
    }

    /// Marks the users at positions in `range` finished. Each entry is marked once: users end
    /// either when they run or inside one skipped subtree, so the walk stays linear overall.
    private func end(_ range: Range<Int>) {
        var ended: [ConnectionLifetime] = []
        lock.lock()
        var low = 0, high = plan.users.count
        while low < high {  // the first user at or after range.lowerBound
            let mid = (low + high) / 2
            if plan.users[mid].position < range.lowerBound { low = mid + 1 } else { high = mid }
        }
        var i = low
        while i < plan.users.count, plan.users[i].position < range.upperBound {
            if !finished[i], let lifetime = byName[plan.users[i].connection] {
                finished[i] = true
                ended.append(lifetime)
            }
            i += 1
        }
        lock.unlock()
        for lifetime in ended { lifetime.userFinished() }
    }
}

import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The child processes that Execute Process tasks in this process have started and not yet
/// reaped, so that a host which must stop at once (a second Ctrl-C or SIGTERM) can end them
/// instead of leaving them running.
///
/// ```swift
/// RunningProcesses.terminateAll(grace: .seconds(2))
/// exit(3)
/// ```
///
/// Every child leads its own process group, and it is the group that is signalled, so the
/// grandchildren a shell started stop too. A child leaves the registry after it has exited but
/// before it is reaped; until then its id, and so its group id, cannot be reused by another
/// process, which is what makes signalling a registered id safe.
public enum RunningProcesses {
    private static let groups = Mutex<Set<pid_t>>([])

    /// How many children are running (or have exited and are about to be reaped).
    public static var count: Int { groups.withLock { $0.count } }

    /// Sends SIGTERM to the process group of every running child, waits up to `grace` for them
    /// to exit, then sends SIGKILL to the groups still registered, and waits up to a second
    /// more for their tasks to reap them.
    ///
    /// The tasks that started the children notice the exits themselves; after a canceled run
    /// they also kill whatever is left in each group.
    /// - Returns: how many children were running when it was called.
    @discardableResult
    public static func terminateAll(grace: Duration = .seconds(2)) -> Int {
        let signalled = signalAll(SIGTERM)
        guard signalled > 0 else { return 0 }
        waitUntilEmpty(for: grace)
        if signalAll(SIGKILL) > 0 { waitUntilEmpty(for: .seconds(1)) }
        return signalled
    }

    static func add(_ pid: pid_t) { _ = groups.withLock { $0.insert(pid) } }

    static func remove(_ pid: pid_t) { _ = groups.withLock { $0.remove(pid) } }

    /// Signals the process group of every registered child, holding the lock so that none is
    /// reaped in between.
    /// - Returns: how many groups were signalled.
    @discardableResult
    static func signalAll(_ signal: Int32) -> Int {
        groups.withLock { pids in
            for pid in pids { signalGroup(signal, leader: pid) }
            return pids.count
        }
    }

    /// Signals the child's whole process group; where the child has left it (it called
    /// `setsid`), the child alone.
    static func signalGroup(_ signal: Int32, leader pid: pid_t) {
        if kill(-pid, signal) != 0 { _ = kill(pid, signal) }
    }

    private static func waitUntilEmpty(for limit: Duration) {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while count > 0, clock.now < end { usleep(10_000) }
    }
}

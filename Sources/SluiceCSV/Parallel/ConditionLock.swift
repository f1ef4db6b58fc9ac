import Glibc
import SluiceCore

/// A mutex with one condition variable (POSIX), for the hand-offs between the CSV workers and
/// their consumer: `Synchronization.Mutex` has no way to wait. One owner of both handles,
/// destroyed in `deinit`.
final class ConditionLock: @unchecked Sendable {
    // @unchecked Sendable: the two pthread objects are made for sharing between threads.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Runs `body` holding the lock.
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }

    /// Waits (holding the lock, inside ``withLock(_:)``) until `ready()` is true.
    func wait(until ready: () -> Bool) {
        while !ready() { pthread_cond_wait(condition, mutex) }
    }

    /// Wakes every waiter (call with the lock held).
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// POSIX threads joined by their owner; no Dispatch, so the count is exactly the one asked.
struct CSVThreads {
    private final class Start {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private(set) var threads: [pthread_t] = []

    /// Starts a thread running `body`.
    /// - Throws: `SLUICE_E_CSV_THREAD_START_FAILED` when the system refuses one.
    mutating func start(file: String, _ body: @escaping @Sendable () -> Void) throws {
        let box = Unmanaged.passRetained(Start(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            Unmanaged<Start>.fromOpaque(raw).takeRetainedValue().body()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            throw SluiceError(.csvThreadStartFailed, ["file": file, "reason": String(cString: strerror(status))])
        }
        threads.append(thread)
    }

    /// Waits for every thread to end.
    mutating func joinAll() {
        for thread in threads { pthread_join(thread, nil) }
        threads = []
    }
}

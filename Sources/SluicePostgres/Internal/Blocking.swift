import Dispatch
import Foundation

/// Runs async postgres-nio work from an engine worker (a plain thread) and waits for it.
///
/// The engine's components are synchronous; postgres-nio's I/O runs on its own event loop, and
/// the async glue on Swift's cooperative pool, never on the waiting worker, so waiting here
/// cannot starve either. The wait is bounded: past `seconds` the task is canceled and the
/// caller gets `timedOut()`, so a silent server never holds a worker forever.
enum Blocking {
    /// - Parameter canceled: polled every 100 ms while waiting; when it turns true the task is
    ///   canceled and ``Canceled`` thrown, so a run's cancel does not wait out the timeout.
    static func run<T: Sendable>(
        seconds: Double, timedOut: () -> any Error, canceled: (() -> Bool)? = nil,
        _ body: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let outcome = Outcome<T>()
        let done = DispatchSemaphore(value: 0)
        let task = Task.detached {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.set(result)
            done.signal()
        }
        let nanoseconds = seconds.isFinite && seconds > 0 ? min(seconds, 86_400) * 1e9 : 0
        let deadline = DispatchTime.now() + .nanoseconds(Int(nanoseconds))
        while true {
            let slice = canceled == nil ? deadline : min(deadline, .now() + .milliseconds(100))
            if done.wait(timeout: slice) == .success { break }
            if DispatchTime.now() >= deadline {
                task.cancel()
                throw timedOut()
            }
            if let canceled, canceled() {
                task.cancel()
                throw Canceled()
            }
        }
        guard let result = outcome.get() else { throw timedOut() }
        return try result.get()
    }
}

/// Thrown when the caller's cancel check turned true while it waited.
public struct Canceled: Error {}

/// The result of a task, handed from the task to the waiting thread.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `result` is only touched under `lock`.
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ r: Result<T, any Error>) { lock.withLock { result = r } }
    func get() -> Result<T, any Error>? { lock.withLock { result } }
}

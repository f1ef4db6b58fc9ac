import Dispatch
import Foundation

/// Runs async postgres-nio work from an engine worker (a plain thread) and waits for it.
///
/// The engine's components are synchronous; postgres-nio's I/O runs on its own event loop, and
/// the async glue on Swift's cooperative pool, never on the waiting worker, so waiting here
/// cannot starve either. The wait is bounded: past `seconds` the task is canceled and the
/// caller gets `timedOut()`, so a silent server never holds a worker forever.
enum Blocking {
    static func run<T: Sendable>(
        seconds: Double, timedOut: () -> any Error, _ body: @escaping @Sendable () async throws -> T
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
        if done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .timedOut {
            task.cancel()
            throw timedOut()
        }
        guard let result = outcome.get() else { throw timedOut() }
        return try result.get()
    }
}

/// The result of a task, handed from the task to the waiting thread.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `result` is only touched under `lock`.
    private let lock = NSLock()
    private var result: Result<T, any Error>?

    func set(_ r: Result<T, any Error>) { lock.withLock { result = r } }
    func get() -> Result<T, any Error>? { lock.withLock { result } }
}

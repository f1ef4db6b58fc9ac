import Foundation

/// Stops a running data flow from another thread: workers finish the batch they hold and stop.
///
/// ```swift
/// let cancel = FlowCancellation()
/// // elsewhere: cancel.cancel()
/// try engine.run(graph, cancellation: cancel)   // throws SLUICE_E_DATAFLOW_CANCELED
/// ```
public final class FlowCancellation: @unchecked Sendable {
    // @unchecked Sendable: every field is touched only under `lock`.
    private let lock = NSLock()
    private var canceled = false
    private var handlers: [Int: @Sendable () -> Void] = [:]
    private var nextHandler = 0

    public init() {}

    public var isCanceled: Bool { lock.withLock { canceled } }

    public func cancel() {
        let toCall: [@Sendable () -> Void] = lock.withLock {
            guard !canceled else { return [] }
            canceled = true
            return Array(handlers.values)
        }
        for handler in toCall { handler() }
    }

    /// Calls `handler` on cancellation (at once if already canceled); returns a key for ``remove(_:)``.
    func onCancel(_ handler: @escaping @Sendable () -> Void) -> Int {
        let (key, already): (Int, Bool) = lock.withLock {
            nextHandler += 1
            if !canceled { handlers[nextHandler] = handler }
            return (nextHandler, canceled)
        }
        if already { handler() }
        return key
    }

    func remove(_ key: Int) { _ = lock.withLock { handlers.removeValue(forKey: key) } }
}

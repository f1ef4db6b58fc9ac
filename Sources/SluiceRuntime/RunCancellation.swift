import Foundation

/// Asks a run to stop. Tasks see it through `TaskContext.isCanceled` (SSIS QueryCancel); the
/// scheduler starts nothing new once it is set, and the run ends as Canceled.
///
/// ```swift
/// let cancel = RunCancellation()
/// signal(SIGINT) { _ in cancel.cancel(reason: "Ctrl-C") }   // from a signal source
/// let result = runner.run(package, options: RunOptions(cancellation: cancel))
/// ```
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var canceledReason: String?

    public init() {}

    public func cancel(reason: String = "canceled by the caller") {
        lock.lock()
        if canceledReason == nil { canceledReason = reason }
        lock.unlock()
    }

    public var isCanceled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return canceledReason != nil
    }

    public var reason: String? {
        lock.lock()
        defer { lock.unlock() }
        return canceledReason
    }
}

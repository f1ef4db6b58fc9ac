import Foundation
import SluiceCore

/// How a data flow runs.
public struct FlowOptions: Sendable {
    /// Worker threads: the whole flow runs on these, whatever its number of components.
    public var workerCount: Int
    /// The most rows a source puts in one batch (SSIS `DefaultBufferMaxRows`).
    public var defaultBufferMaxRows: Int
    /// The most batches waiting on one path: an upstream component is not called while a
    /// queue after it holds this many.
    public var queueCapacity: Int
    /// A prefix for the worker threads' names (at most 15 bytes in all, as Linux keeps them).
    public var threadNamePrefix: String

    /// - Parameter workerCount: default: the number of cores.
    public init(workerCount: Int? = nil, defaultBufferMaxRows: Int = 10_000, queueCapacity: Int = 4, threadNamePrefix: String = "sluice-df") {
        self.workerCount = workerCount ?? ProcessInfo.processInfo.activeProcessorCount
        self.defaultBufferMaxRows = defaultBufferMaxRows
        self.queueCapacity = queueCapacity
        self.threadNamePrefix = threadNamePrefix
    }

    func validate() throws {
        func invalid(_ option: String, _ reason: String) -> SluiceError { SluiceError(.dataFlowOptionInvalid, ["option": option, "reason": reason]) }
        guard (1...1024).contains(workerCount) else { throw invalid("workerCount", "\(workerCount) is not in 1...1024") }
        guard (1...Int(Int32.max)).contains(defaultBufferMaxRows) else {
            throw invalid("defaultBufferMaxRows", "\(defaultBufferMaxRows) is not in 1...\(Int32.max)")
        }
        guard (1...1_000_000).contains(queueCapacity) else { throw invalid("queueCapacity", "\(queueCapacity) is not in 1...1000000") }
    }
}

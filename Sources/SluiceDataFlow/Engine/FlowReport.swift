/// What a finished data flow did.
public struct FlowReport: Sendable {
    /// Rows that went along each path (by position in ``FlowGraph/paths``).
    public var rowsPerPath: [Int]
    /// Time each component spent in its calls, in nanoseconds (by position in ``FlowGraph/names``).
    public var busyNanosecondsPerComponent: [UInt64]
    /// The most batches waiting in all the queues at once.
    public var peakQueuedBatches: Int
    /// Worker threads started, and joined before the run returned.
    public var workersStarted: Int
    public var workersJoined: Int
}

/// Receives progress from a running data flow, to map onto the runtime's events (`OnProgress`,
/// `OnInformation` with row counts). Called from worker threads, once per batch or component,
/// never per row, and outside the engine's lock.
public protocol DataFlowEventSink: Sendable {
    /// `rows` more rows went along `path`.
    func rowsMoved(along path: FlowPath, rows: Int)
    /// A component has handled its last input (or produced its last batch).
    func componentFinished(_ name: String, busyNanoseconds: UInt64)
}

extension DataFlowEventSink {
    public func rowsMoved(along path: FlowPath, rows: Int) {}
    public func componentFinished(_ name: String, busyNanoseconds: UInt64) {}
}

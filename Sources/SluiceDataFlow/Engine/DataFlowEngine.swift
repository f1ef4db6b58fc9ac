import SluiceCore

/// Runs a ``FlowGraph``: a fixed pool of worker threads moves batches along bounded queues, with
/// components running concurrently (pipelined). See docs/dataflow-engine.md.
///
/// ```swift
/// let engine = DataFlowEngine(options: FlowOptions(workerCount: 2))
/// let report = try engine.run(try flow.build())
/// report.rowsPerPath        // rows along each path
/// ```
public struct DataFlowEngine: Sendable {
    public let options: FlowOptions

    public init(options: FlowOptions = FlowOptions()) {
        self.options = options
    }

    /// Runs `graph` to the end on the calling thread's behalf: returns (or throws) only after every
    /// worker thread has ended.
    /// - Parameters:
    ///   - cancellation: stops the flow within one batch per worker.
    ///   - sink: progress (rows per path, time per component), called from the workers.
    /// - Throws: `SLUICE_E_DATAFLOW_COMPONENT_FAILED` naming the component (its error is the cause),
    ///   `SLUICE_E_DATAFLOW_CANCELED`, `SLUICE_E_DATAFLOW_OPTION_INVALID`, `…_THREAD_START_FAILED`, `…_STALLED`, and
    ///   `…_GRAPH_REUSED` for a graph that has already run.
    @discardableResult
    public func run(_ graph: FlowGraph, cancellation: FlowCancellation? = nil, sink: (any DataFlowEventSink)? = nil) throws -> FlowReport {
        try options.validate()
        try graph.claim()
        let scheduler = FlowScheduler(graph: graph, options: options, sink: sink)
        let key = cancellation?.onCancel { scheduler.stop(SluiceError(.dataFlowCanceled)) }
        defer { if let key { cancellation?.remove(key) } }
        let threads = WorkerThreads()
        var startError: (any Error)?
        for i in 0..<options.workerCount {
            do {
                try threads.start(name: "\(options.threadNamePrefix)\(i)") { scheduler.work() }
            } catch {
                scheduler.stop(error)
                startError = error
                break
            }
        }
        let started = threads.started
        let joined = threads.joinAll()
        if let failure = scheduler.failure ?? startError { throw failure }
        return FlowReport(
            rowsPerPath: scheduler.rowsPerPath, busyNanosecondsPerComponent: scheduler.busy,
            peakQueuedBatches: scheduler.peakQueued, workersStarted: started, workersJoined: joined)
    }
}

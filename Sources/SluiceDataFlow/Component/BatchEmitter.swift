import SluiceCore

/// What a component emits during one call: batches for its outputs, handed to the engine when the
/// call returns (a failed call emits nothing).
///
/// ```swift
/// try emitter.emit(batch, to: 0)
/// ```
/// Emitting never blocks: the engine only calls a component while every queue after it has room,
/// and a component that emits a bounded number of batches per call keeps the flow's memory bounded.
public final class BatchEmitter {
    /// The most rows a batch should hold (`defaultBufferMaxRows`): what a source puts in one batch.
    public let maxRows: Int
    let component: String
    let outputCount: Int
    /// Batches emitted in this call, in order.
    var emitted: [(output: Int, batch: ColumnBatch)] = []

    init(component: String, outputCount: Int, maxRows: Int) {
        self.component = component
        self.outputCount = outputCount
        self.maxRows = maxRows
    }

    /// Sends `batch` to output `output` (counted from 0). An empty batch is dropped.
    /// - Throws: `SLUICE_E_DATAFLOW_OUTPUT_INVALID` when the component has no such output.
    public func emit(_ batch: ColumnBatch, to output: Int) throws {
        guard output >= 0 && output < outputCount else {
            throw SluiceError(.dataFlowOutputInvalid, ["component": component, "output": String(output), "count": String(outputCount)])
        }
        if batch.length > 0 { emitted.append((output, batch)) }
    }
}

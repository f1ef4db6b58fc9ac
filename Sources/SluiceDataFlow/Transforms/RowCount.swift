import Foundation
import SluiceCore

/// A count of rows that the runtime reads after (or during) the flow, to write to a variable.
public final class RowCounter: @unchecked Sendable {
    // @unchecked Sendable: `count` is only touched under `lock`.
    private let lock = NSLock()
    private var count = 0

    public init() {}

    public var value: Int { lock.withLock { count } }

    func add(_ rows: Int) { lock.withLock { count += rows } }
}

/// Row Count: counts the rows going through (once per batch) and passes them on unchanged.
///
/// ```swift
/// let counter = RowCounter()
/// flow.add("Count", RowCount(counter))
/// // after the run: variables["User::Rows"] = counter.value
/// ```
public final class RowCount: FlowComponent {
    public let inputCount = 1
    public let outputs = [OutputDescription("Row Count Output", synchronousInput: 0)]
    public let counter: RowCounter

    public init(_ counter: RowCounter = RowCounter()) {
        self.counter = counter
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        counter.add(batch.length)
        try emitter.emit(batch, to: 0)
    }
}

import SluiceCore

/// Union All: the batches of every input on one asynchronous output, in the order they arrive.
/// The first batch fixes the columns (names and types); a batch of any input must have the same
/// columns, in any order (they are put in the first batch's order).
public final class UnionAll: FlowComponent {
    public let inputCount: Int
    public let outputs = [OutputDescription("Union All Output")]
    private let name: String
    private var schema: [(name: String, type: DataType)]?

    public init(name: String, inputCount: Int) {
        self.name = name
        self.inputCount = max(inputCount, 1)
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        guard let schema else {
            schema = zip(batch.names, batch.columns).map { ($0, $1.dataType) }
            return try emitter.emit(batch, to: 0)
        }
        func mismatch(_ reason: String) -> SluiceError { SluiceError(.dataFlowUnionMismatch, ["component": name, "input": String(input), "reason": reason]) }
        guard batch.columns.count == schema.count else {
            throw mismatch("has \(batch.columns.count) columns where the first batch had \(schema.count)")
        }
        if batch.names.elementsEqual(schema.map(\.name)) && batch.columns.map(\.dataType).elementsEqual(schema.map(\.type)) {
            return try emitter.emit(batch, to: 0)
        }
        let reordered = try schema.map { column -> (String, Column) in
            guard let c = batch[column.name] else { throw mismatch("has no column [\(column.name)]") }
            guard c.dataType == column.type else {
                throw mismatch("has column [\(column.name)] as \(c.dataType.rawValue), not \(column.type.rawValue)")
            }
            return (column.name, c)
        }
        try emitter.emit(try ColumnBatch(reordered), to: 0)
    }
}

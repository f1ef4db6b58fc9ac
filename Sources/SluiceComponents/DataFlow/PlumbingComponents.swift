import SluiceCore
import SluiceDataFlow

/// Turns an error batch's `ErrorColumn` from the engine's position (1-based, in the failing
/// component's input batch) into the lineage id of that column, as the package model names
/// columns; 0 stays 0 (a failure not about one input column). Once per batch.
final class ErrorColumnLineage: FlowComponent {
    let inputCount = 1
    let outputs = [OutputDescription("Output", synchronousInput: 0)]
    private let lineage: [String: Int32]

    init(_ columns: [FlowColumn]) {
        var lineage: [String: Int32] = [:]
        for c in columns { lineage[c.name] = Int32(truncatingIfNeeded: c.lineageID) }
        self.lineage = lineage
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        guard let positions = batch[ErrorRows.columnColumn] else { return try emitter.emit(batch, to: 0) }
        // Position → lineage id for this batch's columns (a handful), then one pass over the rows.
        let table = batch.names.map { lineage[$0] ?? 0 }
        var mapped: [Int32?] = []
        mapped.reserveCapacity(batch.length)
        for row in 0..<batch.length {
            guard positions.isValid(row), case .int(let p) = positions.value(at: row) else { mapped.append(nil); continue }
            mapped.append(p >= 1 && p <= Int64(table.count) ? table[Int(p) - 1] : 0)
        }
        let columns = zip(batch.names, batch.columns).map { name, column in
            (name: name, column: name == ErrorRows.columnColumn ? Column(mapped) : column)
        }
        try emitter.emit(try ColumnBatch(columns), to: 0)
    }
}

/// Passes only the named columns, renamed: what Union All's inputs need to agree.
final class ColumnProjection: FlowComponent {
    let inputCount = 1
    let outputs = [OutputDescription("Output")]
    private let component: String
    private let mapping: [(from: String, to: String)]

    init(component: String, _ mapping: [(from: String, to: String)]) {
        self.component = component
        self.mapping = mapping
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        let columns = try mapping.map { m -> (name: String, column: Column) in
            guard let column = batch[m.from] else { throw SluiceError(.dataFlowColumnNotFound, ["component": component, "column": m.from]) }
            return (m.to, column)
        }
        try emitter.emit(try ColumnBatch(columns), to: 0)
    }
}

import SluiceCore

/// Merge (SSIS's): two inputs sorted on the same keys, interleaved into one output sorted on
/// them. Stable: of rows with equal keys, input 0's come first. Both inputs carry the same
/// columns by name (the Data Flow task renames them as the package maps them); the output has
/// input 0's column order.
///
/// ```swift
/// let merge = Merge(name: "Both years", keys: [SortKey("OrderDate")])
/// ```
///
/// Like ``MergeJoin``, each input is held until the other shows which rows may leave; an input
/// not sorted as declared fails with `SLUICE_E_JOIN_INPUT_NOT_SORTED` and its row.
public final class Merge: FlowComponent {
    public let inputCount = 2
    public let outputs = [OutputDescription("Merge Output")]
    public let name: String
    public let keys: [SortKey]
    private let inputs: [SortedInput]
    private var schemaChecked = false
    private var picks: [RowPick] = []

    public init(name: String, keys: [SortKey]) {
        self.name = name
        self.keys = keys
        inputs = ["Merge Input 1", "Merge Input 2"].map { SortedInput(component: name, label: $0, keys: keys) }
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        try inputs[input].add(batch)
        try checkSchemas()
        try merge(emitter)
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        inputs[input].ended = true
        try merge(emitter)
    }

    private func merge(_ emitter: BatchEmitter) throws {
        let first = inputs[0], second = inputs[1]
        // Picks name input 0's held batches first, then input 1's.
        let offset = first.batches.count
        var picked = picks
        picked.removeAll(keepingCapacity: true)
        defer { picks = picked }
        while true {
            let takeFirst: Bool
            if first.hasRow && second.hasRow {
                takeFirst = first.compareCurrent(with: second) <= 0  // a tie: input 0 first
            } else if first.hasRow && second.ended {
                takeFirst = true
            } else if second.hasRow && first.ended {
                takeFirst = false
            } else {
                break
            }
            if takeFirst {
                picked.append(first.currentPick)
                first.advance(&first.cursor)
            } else {
                picked.append(RowPick(source: offset + second.cursor.batch, row: second.cursor.row))
                second.advance(&second.cursor)
            }
            if picked.count >= emitter.maxRows { try flush(&picked, emitter) }
        }
        try flush(&picked, emitter)
        first.dropPassed()
        second.dropPassed()
    }

    private func flush(_ picked: inout [RowPick], _ emitter: BatchEmitter) throws {
        guard !picked.isEmpty, let schema = inputs[0].schema ?? inputs[1].schema else { return }
        let batch = try picked.withUnsafeBufferPointer { p in
            try ColumnBatch(schema.map { c in
                let sources = try (inputs[0].batches + inputs[1].batches).map { try $0.column(c.name, for: name) }
                return (c.name, try Column.checkedPicking(p, from: sources, component: name, column: c.name))
            })
        }
        picked.removeAll(keepingCapacity: true)
        try emitter.emit(batch, to: 0)
    }

    /// Both inputs must carry the same columns (names, types, scales), in any order.
    private func checkSchemas() throws {
        guard !schemaChecked, let a = inputs[0].schema, let b = inputs[1].schema else { return }
        schemaChecked = true
        let same = a.count == b.count && a.allSatisfy { c in b.contains { $0.name == c.name && $0.type == c.type && $0.scale == c.scale } }
        guard same else {
            func describe(_ c: [(name: String, type: DataType, scale: Int)]) -> String { c.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") }
            throw SluiceError(.joinSchemaChanged, ["component": name, "input": inputs[1].label, "columns": describe(b), "expected": describe(a)])
        }
    }
}

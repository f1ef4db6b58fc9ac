import SluiceCore

/// What an ``Aggregate`` resolved from its first batch: the input columns it reads (with their
/// types, which later batches must keep), the key encoders and the accumulators.
final class AggregatePlan {
    let component: String
    let columns: [AggregateColumn]
    /// The distinct input columns read, by name, with the type of the first batch.
    private var inputNames: [String] = []
    private var inputTypes: [DataType] = []
    /// Per output column: its key encoder (group by) and word offset, or nil.
    private var keys: [(encoder: KeyEncoder, input: Int, offset: Int)?] = []
    /// Per output column: its accumulator and the position of its input in `inputs`, or nil.
    private(set) var accumulators: [(any GroupAccumulator)?] = []
    private(set) var accumulatorInputs: [Int?] = []
    private let table: WordKeyTable?
    private let keyWidth: Int
    private let valueWords: Int

    init(component: String, columns: [AggregateColumn], first batch: ColumnBatch) throws {
        self.component = component
        self.columns = columns
        guard !columns.isEmpty else { throw SluiceError(.dataFlowTransformInvalid, ["component": component, "reason": "it has no output columns"]) }
        var offset = 0
        var names: [String] = [], types: [DataType] = []
        var keys: [(encoder: KeyEncoder, input: Int, offset: Int)?] = []
        var accumulators: [(any GroupAccumulator)?] = [], accumulatorInputs: [Int?] = []
        for column in columns {
            var position: Int?
            if let input = column.input {
                let c = try batch.column(input, for: component)
                if let known = names.firstIndex(of: input) {
                    position = known
                } else {
                    names.append(input)
                    types.append(c.dataType)
                    position = names.count - 1
                }
            }
            if column.operation == .groupBy, let position, let input = column.input {
                let encoder = KeyEncoder(try batch.column(input, for: component))
                keys.append((encoder, position, offset))
                offset += encoder.words
                accumulators.append(nil)
                accumulatorInputs.append(nil)
            } else {
                keys.append(nil)
                let c = try column.input.map { try batch.column($0, for: component) }
                accumulators.append(try Self.accumulator(for: column, c, component: component))
                accumulatorInputs.append(position)
            }
        }
        inputNames = names
        inputTypes = types
        self.keys = keys
        self.accumulators = accumulators
        self.accumulatorInputs = accumulatorInputs
        valueWords = offset
        let keyCount = keys.compactMap { $0 }.count
        keyWidth = keyCount == 0 ? 0 : offset + (keyCount + 63) / 64
        table = keyCount == 0 ? nil : WordKeyTable(width: keyWidth)
    }

    var byteCount: Int {
        var total = table?.byteCount ?? 0
        for k in keys { total += k?.encoder.interner?.byteCount ?? 0 }
        for a in accumulators { total += a?.byteCount ?? 0 }
        return total
    }

    /// The input columns of `batch`, in plan order, each of the first batch's type.
    func inputs(of batch: ColumnBatch) throws -> [Column] {
        try zip(inputNames, inputTypes).map { name, type in
            let c = try batch.column(name, for: component)
            guard c.dataType == type else {
                throw SluiceError(.dataFlowColumnType, [
                    "component": component, "column": name,
                    "reason": "is \(c.dataType.rawValue) in this batch but was \(type.rawValue) in the first",
                ])
            }
            return c
        }
    }

    /// Writes each row's group id into `ids` and returns the number of groups so far.
    func assignGroups(_ inputs: [Column], rows: Int, keys rowKeys: GrowableBuffer<UInt64>, into ids: UnsafeMutablePointer<Int32>) throws -> Int {
        guard let table else {
            ids.update(repeating: 0, count: rows)
            return 1
        }
        let w = keyWidth
        rowKeys.grow(to: rows * w)
        let buffer = rowKeys.base
        for r in 0..<rows { for i in valueWords..<w { buffer[r * w + i] = 0 } }
        var keyIndex = 0
        for key in keys {
            guard let key else { continue }
            let nullWord = valueWords + keyIndex / 64
            key.encoder.encode(inputs[key.input], into: buffer, stride: w, offset: key.offset, nullWord: nullWord, nullBit: 1 << UInt64(keyIndex % 64))
            keyIndex += 1
        }
        table.assign(buffer, rows: rows, into: ids)
        guard table.count <= Int(Int32.max) else {
            throw SluiceError(.aggregateMemoryExceeded, ["component": component, "groups": String(table.count), "bytes": String(byteCount), "limit": "2^31 groups"])
        }
        return table.count
    }

    /// The output: one row per group, the columns in the order configured.
    func finish() throws -> ColumnBatch {
        let groupCount = table?.count ?? 1
        var out: [(String, Column)] = []
        var keyIndex = 0
        for (i, column) in columns.enumerated() {
            if let key = keys[i], let table {
                let nullWord = valueWords + keyIndex / 64
                out.append((column.output, key.encoder.decode(
                    count: groupCount, keys: table.key, offset: key.offset, nullWord: nullWord, nullBit: 1 << UInt64(keyIndex % 64))))
                keyIndex += 1
            } else if let accumulator = accumulators[i] {
                out.append((column.output, accumulator.finish(groupCount: groupCount)))
            }
        }
        return try ColumnBatch(out)
    }
}

import SluiceCore

/// Lookup's full cache: the reference rows held as they arrived, and a hash table from each
/// distinct key (its columns as words, ``KeyEncoder``) to the first reference row that has it.
///
/// Built a batch at a time with one typed loop per key column and one table pass; probed the
/// same way, without adding anything (a key the reference lacks cannot grow the cache).
final class LookupCache {
    let component: String
    /// Reference key columns, in join order.
    let keys: [String]
    private var encoders: [KeyEncoder] = []
    private var offsets: [Int] = []
    private var width = 0
    private var table: WordKeyTable?
    private(set) var batches: [ColumnBatch] = []
    /// Per key id: where its first reference row is.
    private(set) var firstRows: [RowPick] = []
    /// Reference rows whose key was already cached (SSIS: the first row wins, with a warning).
    private(set) var duplicates = 0

    init(component: String, keys: [String]) {
        self.component = component
        self.keys = keys
    }

    var keyTypes: [(type: DataType, scale: Int)] { encoders.map { ($0.dataType, $0.decimalScale) } }

    /// Adds the rows of a reference batch.
    func add(_ batch: ColumnBatch) throws {
        guard batch.length > 0 else { return }
        let columns = try keys.map { try batch.column($0, for: component) }
        if table == nil {
            encoders = columns.map(KeyEncoder.init)
            var word = 0
            offsets = encoders.map { e in defer { word += e.words }; return word }
            width = word + 1  // then the null bits, one per key
            table = WordKeyTable(width: width)
        }
        for (c, e) in zip(columns, encoders) where c.dataType != e.dataType || c.decimalScale != e.decimalScale {
            throw SluiceError(.joinSchemaChanged, ["component": component, "input": "reference", "columns": c.dataType.rawValue, "expected": e.dataType.rawValue])
        }
        guard let table else { return }
        let source = batches.count
        batches.append(batch)
        try withKeyWords(columns, probe: false) { words in
            let ids = UnsafeMutablePointer<Int32>.allocate(capacity: batch.length)
            defer { ids.deallocate() }
            table.assign(words, rows: batch.length, into: ids)
            var first = firstRows
            firstRows = []
            for r in 0..<batch.length {
                // Ids are handed out in row order: a new key's id is the next one.
                if Int(ids[r]) == first.count { first.append(RowPick(source: source, row: r)) } else { duplicates += 1 }
            }
            firstRows = first
        }
    }

    /// The key id of each row of `columns` (the input's join columns, in key order), -1 when the
    /// reference has no such key.
    /// - Throws: `SLUICE_E_JOIN_KEY_TYPE_MISMATCH` when a column's type is not its key's.
    func probe(_ columns: [Column], names: [String], rows: Int) throws -> [Int32] {
        guard rows > 0 else { return [] }
        guard let table else { return Array(repeating: -1, count: rows) }
        for (k, (c, e)) in zip(columns, encoders).enumerated() where c.dataType != e.dataType || c.decimalScale != e.decimalScale {
            throw SluiceError(.joinKeyTypeMismatch, [
                "component": component, "left": names[k], "leftType": c.dataType.rawValue, "right": keys[k], "rightType": e.dataType.rawValue,
            ])
        }
        var ids = [Int32](repeating: -1, count: rows)
        try withKeyWords(columns, probe: true) { words in
            ids.withUnsafeMutableBufferPointer { if let base = $0.baseAddress { table.find(words, rows: rows, into: base) } }
        }
        return ids
    }

    /// The reference batches' column `name`, then a row of NULLs of that type.
    func sources(_ name: String, type: DataType?, scale: Int) throws -> [Column] {
        let held = try batches.map { try $0.column(name, for: component) }
        guard let t = held.first?.dataType ?? type, t.columnLayout != nil else {
            throw SluiceError(.lookupReferenceFailed, ["component": component, "reason": "the reference has no rows and the type of [\(name)] is not known"])
        }
        return held + [Column.nullRow(t, scale: held.first?.decimalScale ?? scale)]
    }

    private func withKeyWords(_ columns: [Column], probe: Bool, _ body: (UnsafePointer<UInt64>) throws -> Void) throws {
        let rows = columns.first?.length ?? 0
        let words = UnsafeMutablePointer<UInt64>.allocate(capacity: max(rows * width, 1))
        defer { words.deallocate() }
        words.initialize(repeating: 0, count: max(rows * width, 1))
        for (k, (column, encoder)) in zip(columns, encoders).enumerated() {
            let nullBit = UInt64(1) << UInt64(k & 63)
            if probe {
                encoder.probe(column, into: words, stride: width, offset: offsets[k], nullWord: width - 1, nullBit: nullBit)
            } else {
                encoder.encode(column, into: words, stride: width, offset: offsets[k], nullWord: width - 1, nullBit: nullBit)
            }
        }
        try body(UnsafePointer(words))
    }
}

extension KeyEncoder {
    /// As ``encode(_:into:stride:offset:nullWord:nullBit:)``, but a string the reference does not
    /// hold gets an id no key has, instead of being interned.
    func probe(_ column: Column, into keys: UnsafeMutablePointer<UInt64>, stride: Int, offset: Int, nullWord: Int, nullBit: UInt64) {
        guard case .bytes = kind, let interner else {
            return encode(column, into: keys, stride: stride, offset: offset, nullWord: nullWord, nullBit: nullBit)
        }
        let n = column.length
        interner.existingIds(of: UnsafeRawPointer(column.valueBuffer.bytes), offsets: column.offsets, rows: n, into: keys + offset, stride: stride)
        guard let validity = column.validityBitmap else { return }
        for r in 0..<n where validity[r >> 3] & (1 << UInt8(r & 7)) == 0 {
            keys[r * stride + offset] = 0
            keys[r * stride + nullWord] |= nullBit
        }
    }
}

import SluiceCore

/// One sorted input of a Merge or a Merge Join: its batches are held, with their keys encoded
/// (``SortKeyBlock``), from arrival until a cursor has passed every row. Each batch is checked,
/// as it arrives, to continue the order of the input (one key comparison per row).
final class SortedInput {
    /// A row of the held batches (a struct, not a tuple: comparing tuples goes through generic
    /// runtime metadata per call).
    struct Position: Equatable {
        var batch: Int
        var row: Int
    }

    let component: String
    /// The input's name in errors ("left", "Merge Input 2").
    let label: String
    let keys: [SortKey]
    private(set) var schema: [(name: String, type: DataType, scale: Int)]?
    private(set) var layouts: [SortKeyBlock.Layout] = []
    private var width = 0

    /// Held batches (never empty ones) and their keys; the cursor is the first row not yet used.
    private(set) var batches: [ColumnBatch] = []
    private(set) var blocks: [SortKeyBlock] = []
    /// Per held batch: rows with a NULL in any key (nil: none).
    private var nullKeys: [[Bool]?] = []
    var cursor = Position(batch: 0, row: 0)
    var ended = false
    /// One row of NULLs in every column: what an outer join's missing side shows.
    private(set) var nullRow: ColumnBatch?

    /// How far ``runEnd()`` scanned the run starting at `start` without finding its end: the
    /// next row to compare. A run held over many batches is resumed there when more arrive, not
    /// rescanned from its start (which made a long run of equal keys quadratic).
    private var runScan: (start: Position, next: Position)?
    /// Rows ``runEnd()`` compared with a run's first row, over the input's life (tests check it
    /// stays linear in the rows held).
    private(set) var runComparisons = 0

    private var rowsSeen = 0
    private var last: (block: SortKeyBlock, row: Int)?

    init(component: String, label: String, keys: [SortKey]) {
        self.component = component
        self.label = label
        self.keys = keys
    }

    /// Holds `batch` after checking its columns and its order against the rows before it.
    /// - Throws: `SLUICE_E_JOIN_INPUT_NOT_SORTED` naming the input's 1-based row;
    ///   `SLUICE_E_JOIN_SCHEMA_CHANGED`; `SLUICE_E_DATAFLOW_COLUMN_NOT_FOUND` for a missing key.
    func add(_ batch: ColumnBatch) throws {
        try checkSchema(batch)
        guard batch.length > 0 else { return }
        let block = SortKeyBlock(batch, layouts: layouts, width: width)
        if let last, block.compare(0, last.block, last.row) < 0 { throw notSorted(rowsSeen + 1) }
        for r in 1..<max(block.rows, 1) where block.compare(r, block, r - 1) < 0 { throw notSorted(rowsSeen + r + 1) }
        last = (block, block.rows - 1)
        rowsSeen += block.rows
        batches.append(batch)
        blocks.append(block)
        nullKeys.append(Self.nullKeyRows(batch, layouts))
    }

    var hasRow: Bool { cursor.batch < blocks.count }
    /// Whether the row at the cursor has a NULL key (it never matches).
    var currentHasNullKey: Bool { nullKeys[cursor.batch]?[cursor.row] ?? false }
    var currentPick: RowPick { RowPick(source: cursor.batch, row: cursor.row) }

    func advance(_ p: inout Position) {
        p.row += 1
        if p.row == blocks[p.batch].rows { p = Position(batch: p.batch + 1, row: 0) }
    }

    /// Orders this input's cursor row against `other`'s on the keys.
    func compareCurrent(with other: SortedInput) -> Int {
        blocks[cursor.batch].compare(cursor.row, other.blocks[other.cursor.batch], other.cursor.row)
    }

    /// Where the run of rows equal to the cursor row ends (the first row past it), or nil when
    /// the run reaches the last held row and more rows may still come.
    func runEnd() -> Position? {
        let start = cursor
        let first = blocks[start.batch]
        var p = start
        if let runScan, runScan.start == start { p = runScan.next } else { advance(&p) }
        while p.batch < blocks.count {
            runComparisons &+= 1
            if blocks[p.batch].compare(p.row, first, start.row) != 0 {
                runScan = nil
                return p
            }
            advance(&p)
        }
        runScan = ended ? nil : (start, p)
        return ended ? p : nil
    }

    /// Releases the batches the cursor has passed (call once their picks are emitted).
    func dropPassed() {
        guard cursor.batch > 0 else { return }
        if let scan = runScan {
            // Batch numbers shift down with the dropped batches; a scan from elsewhere is stale.
            runScan = scan.start == cursor
                ? (Position(batch: 0, row: scan.start.row), Position(batch: scan.next.batch - cursor.batch, row: scan.next.row))
                : nil
        }
        batches.removeFirst(cursor.batch)
        blocks.removeFirst(cursor.batch)
        nullKeys.removeFirst(cursor.batch)
        cursor.batch = 0
    }

    /// The batches to pick from: the held ones, then ``nullRow`` (source `batches.count`).
    func sources(_ column: String) throws -> [Column] {
        guard let nullRow else { return [] }
        return try (batches + [nullRow]).map { try $0.column(column, for: component) }
    }

    private func notSorted(_ row: Int) -> SluiceError {
        let described = keys.map { "[\($0.column)] \($0.ascending ? "ascending" : "descending")" }.joined(separator: ", ")
        return SluiceError(.joinInputNotSorted, ["component": component, "input": label, "row": String(row), "keys": described])
    }

    private func checkSchema(_ batch: ColumnBatch) throws {
        let columns = zip(batch.names, batch.columns).map { (name: $0, type: $1.dataType, scale: $1.decimalScale) }
        guard let schema else {
            guard !keys.isEmpty else { throw SluiceError(.joinKeysInvalid, ["component": component, "reason": "it has no key columns"]) }
            var word = 0
            layouts = try keys.map { key in
                guard let position = batch.position(of: key.column) else {
                    throw SluiceError(.dataFlowColumnNotFound, ["component": component, "column": key.column])
                }
                let type = batch.columns[position].dataType
                guard type != .object else { throw SluiceError(.joinKeysInvalid, ["component": component, "reason": "key [\(key.column)] is \(type.rawValue)"]) }
                let layout = SortKeyBlock.Layout(
                    position: position, firstWord: word, valueWords: type.columnLayout == .fixedWidth(byteWidth: 16) ? 2 : 1,
                    isString: type.columnLayout == .variableWidth, ascending: key.ascending)
                word += 1 + layout.valueWords
                return layout
            }
            width = word
            self.schema = columns
            nullRow = try ColumnBatch(columns.map { ($0.name, Column.nullRow($0.type, scale: $0.scale)) })
            return
        }
        guard columns.elementsEqual(schema, by: { $0.name == $1.name && $0.type == $1.type && $0.scale == $1.scale }) else {
            func describe(_ c: [(name: String, type: DataType, scale: Int)]) -> String { c.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") }
            throw SluiceError(.joinSchemaChanged, ["component": component, "input": label, "columns": describe(columns), "expected": describe(schema)])
        }
    }

    private static func nullKeyRows(_ batch: ColumnBatch, _ layouts: [SortKeyBlock.Layout]) -> [Bool]? {
        var flags: [Bool]?
        for layout in layouts {
            guard let validity = batch.columns[layout.position].validityBitmap else { continue }
            var f = flags ?? Array(repeating: false, count: batch.length)
            for r in 0..<batch.length where validity[r >> 3] & (1 << UInt8(r & 7)) == 0 { f[r] = true }
            flags = f
        }
        return flags
    }
}

extension Column {
    /// ``picking(_:from:)``, after checking that a string or bytes column's picked values fit
    /// its 32-bit offsets (a cross product may repeat one long value many times).
    /// - Throws: `SLUICE_E_JOIN_OUTPUT_TOO_LARGE`.
    static func checkedPicking(_ picks: UnsafeBufferPointer<RowPick>, from sources: [Column], component: String, column: String) throws -> Column {
        if sources.first?.layout == .variableWidth {
            let offsets = sources.map { $0.offsets }
            var total = 0
            for p in picks { total += Int(offsets[p.source][p.row + 1]) - Int(offsets[p.source][p.row]) }
            guard total <= Int(Int32.max) else {
                throw SluiceError(.joinOutputTooLarge, ["component": component, "rows": String(picks.count), "bytes": String(total), "column": column])
            }
        }
        return picking(picks, from: sources)
    }

    /// One NULL of `type`: the row an outer join shows for the side that has no match.
    static func nullRow(_ type: DataType, scale: Int) -> Column {
        let offsets: ColumnBuffer? = type.columnLayout == .variableWidth ? ColumnBuffer(byteCount: 8) : nil
        return Column(type, length: 1, validity: ColumnBuffer(byteCount: 1), values: ColumnBuffer(byteCount: 16), offsets: offsets, decimalScale: scale)
    }
}

import Foundation
import SluiceCore

/// Sort (SSIS's): the rows of its input ordered by key columns, each ascending or descending,
/// on one asynchronous output emitted at the end of input.
///
/// ```swift
/// let sort = Sort(name: "By date", keys: [SortKey("OrderDate"), SortKey("Amount", ascending: false)],
///                 removeDuplicates: true, memoryLimit: 64 << 20)
/// ```
///
/// - Stable: rows equal on every key keep their arrival order. NULL sorts before every value
///   (after them when descending). Strings by UTF-8 bytes (code point order).
/// - `removeDuplicates`: of rows equal on the sort keys only the first is kept (SSIS's "remove
///   rows with duplicate sort values").
/// - Memory: batches are held until their buffers (plus the encoded keys) pass `memoryLimit`
///   bytes; then they are sorted into a run written to a temporary file in
///   `temporaryDirectory`, and at the end the runs are merged. A run's file is unlinked as soon
///   as it is created (``SpillFile``), so nothing is left behind on success, failure or cancel.
public final class Sort: FlowComponent {
    public let inputCount = 1
    public let outputs = [OutputDescription("Sort Output")]
    public let name: String
    public let keys: [SortKey]
    public let removeDuplicates: Bool
    public let memoryLimit: Int
    public let temporaryDirectory: String
    /// Runs written to temporary files so far (for tests and reports).
    public private(set) var spilledRuns = 0

    private var schema: [(name: String, type: DataType, scale: Int)]?
    private var layouts: [SortKeyBlock.Layout] = []
    private var width = 0
    private var held: [ColumnBatch] = []
    private var blocks: [SortKeyBlock] = []
    private var heldBytes = 0
    private var runs: [SpillFile] = []

    /// - Parameters:
    ///   - memoryLimit: bytes of held rows before a run is spilled (default 256 MiB).
    ///   - temporaryDirectory: where runs go (default `$TMPDIR`, else `/tmp`).
    public init(
        name: String, keys: [SortKey], removeDuplicates: Bool = false, memoryLimit: Int = 256 << 20,
        temporaryDirectory: String? = nil
    ) {
        self.name = name
        self.keys = keys
        self.removeDuplicates = removeDuplicates
        self.memoryLimit = memoryLimit
        self.temporaryDirectory = temporaryDirectory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        do {
            try checkSchema(batch)
            let block = SortKeyBlock(batch, layouts: layouts, width: width)
            held.append(batch)
            blocks.append(block)
            heldBytes += block.byteCount + batch.columns.reduce(0) { $0 + Self.bytes(of: $1) }
            if heldBytes > memoryLimit { try spill(maxRows: emitter.maxRows) }
        } catch {
            release()
            throw error
        }
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        defer { release() }
        guard let schema else { return }
        if runs.isEmpty {
            let order = sortedHeldRows()
            try order.withUnsafeBufferPointer { picks in
                try forEachChunk(picks, maxRows: emitter.maxRows) { try emitter.emit(try ColumnBatch.picking($0, from: held), to: 0) }
            }
            return
        }
        if !held.isEmpty { try spill(maxRows: emitter.maxRows) }
        try SortMerge(runs: runs, schema: schema, layouts: layouts, width: width, removeDuplicates: removeDuplicates)
            .merge(maxRows: emitter.maxRows) { try emitter.emit($0, to: 0) }
    }

    deinit { release() }

    /// Drops held rows and closes (so removes) every run.
    private func release() {
        held = []
        blocks = []
        runs = []
        heldBytes = 0
    }

    /// Sorts the held rows into a new run on disk.
    private func spill(maxRows: Int) throws {
        let run = try SpillFile(directory: temporaryDirectory, component: name)
        let order = sortedHeldRows()
        try order.withUnsafeBufferPointer { picks in
            try forEachChunk(picks, maxRows: maxRows) { try run.append(try ColumnBatch.picking($0, from: held)) }
        }
        runs.append(run)
        spilledRuns += 1
        held = []
        blocks = []
        heldBytes = 0
    }

    /// The held rows in order (stable: ties by arrival), without duplicates when asked.
    ///
    /// The keys of all held rows are copied into one flat word matrix so the comparator reads
    /// raw memory (no class or array access per comparison); only a string key whose 8-byte
    /// prefixes tie goes back to the batches' bytes.
    private func sortedHeldRows() -> [RowPick] {
        let total = held.reduce(0) { $0 + $1.length }
        var origin: [RowPick] = []
        origin.reserveCapacity(total)
        for (b, batch) in held.enumerated() { for r in 0..<batch.length { origin.append(RowPick(source: b, row: r)) } }
        let w = width
        let matrix = UnsafeMutablePointer<UInt64>.allocate(capacity: max(total * w, 1))
        defer { matrix.deallocate() }
        var at = 0
        for block in blocks {
            block.copyWords(to: matrix + at * w)
            at += block.rows
        }
        // For each word: the string key whose prefix it is (or -1), and the valid-row null word.
        let stringKey = UnsafeMutablePointer<Int>.allocate(capacity: max(w, 1))
        let validWord = UnsafeMutablePointer<UInt64>.allocate(capacity: max(w, 1))
        defer { stringKey.deallocate(); validWord.deallocate() }
        stringKey.initialize(repeating: -1, count: max(w, 1))
        validWord.initialize(repeating: 0, count: max(w, 1))
        for (k, layout) in layouts.enumerated() where layout.isString {
            stringKey[layout.firstWord + 1] = k
            validWord[layout.firstWord + 1] = layout.ascending ? 1 : ~1
        }
        let blocks = blocks
        let hasStrings = layouts.contains { $0.isString }
        func compare(_ x: Int, _ y: Int) -> Int {
            let wa = matrix + x * w, wb = matrix + y * w
            for i in 0..<w {
                if wa[i] != wb[i] { return wa[i] < wb[i] ? -1 : 1 }
                if hasStrings, stringKey[i] >= 0, wa[i - 1] == validWord[i] {
                    let px = origin[x], py = origin[y]
                    let order = blocks[px.source].compareString(stringKey[i], px.row, blocks[py.source], py.row)
                    if order != 0 { return order }
                }
            }
            return 0
        }
        var order = Array(0..<total)
        // Indices are in arrival order, so comparing them breaks ties stably.
        order.sort { x, y in
            let c = compare(x, y)
            return c != 0 ? c < 0 : x < y
        }
        guard removeDuplicates, var last = order.first else { return order.map { origin[$0] } }
        var kept = [origin[last]]
        for i in order.dropFirst() where compare(i, last) != 0 {
            kept.append(origin[i])
            last = i
        }
        return kept
    }

    private func forEachChunk(_ picks: UnsafeBufferPointer<RowPick>, maxRows: Int, _ body: (UnsafeBufferPointer<RowPick>) throws -> Void) throws {
        var start = 0
        let size = max(maxRows, 1)
        while start < picks.count {
            let end = min(start + size, picks.count)
            try body(UnsafeBufferPointer(rebasing: picks[start..<end]))
            start = end
        }
    }

    private func checkSchema(_ batch: ColumnBatch) throws {
        let columns = zip(batch.names, batch.columns).map { (name: $0, type: $1.dataType, scale: $1.decimalScale) }
        guard let schema else {
            guard !keys.isEmpty else { throw SluiceError(.sortKeysInvalid, ["component": name, "reason": "it has no sort keys"]) }
            var word = 0
            layouts = try keys.map { key in
                guard let position = batch.position(of: key.column) else { throw SluiceError(.dataFlowColumnNotFound, ["component": name, "column": key.column]) }
                let type = batch.columns[position].dataType
                guard type != .object else { throw SluiceError(.sortKeysInvalid, ["component": name, "reason": "[\(key.column)] is \(type.rawValue)"]) }
                let isWide = type.columnLayout == .fixedWidth(byteWidth: 16)
                let layout = SortKeyBlock.Layout(
                    position: position, firstWord: word, valueWords: isWide ? 2 : 1,
                    isString: type.columnLayout == .variableWidth, ascending: key.ascending)
                word += 1 + layout.valueWords
                return layout
            }
            width = word
            self.schema = columns
            return
        }
        guard columns.elementsEqual(schema, by: { $0.name == $1.name && $0.type == $1.type && $0.scale == $1.scale }) else {
            func describe(_ c: [(name: String, type: DataType, scale: Int)]) -> String { c.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ") }
            throw SluiceError(.sortSchemaChanged, ["component": name, "columns": describe(columns), "expected": describe(schema)])
        }
    }

    private static func bytes(of column: Column) -> Int {
        column.valueBuffer.capacity + (column.validityBuffer?.capacity ?? 0) + (column.offsetBuffer?.capacity ?? 0)
    }
}

import SluiceCore

/// Merge Join (SSIS's): two inputs sorted on their key columns joined on equal keys, inner,
/// left outer or full outer, on one asynchronous output.
///
/// ```swift
/// let join = MergeJoin(name: "Orders x Customers", type: .leftOuter,
///                      keys: [.init(left: "CustomerID", right: "ID")],
///                      columns: [.init(.left, "OrderID"), .init(.right, "Name", as: "Customer")])
/// ```
///
/// - Rows with equal keys on both sides give the cross product of the two runs; a row with a
///   NULL in any key never matches (left and full outer joins still emit it, with NULLs for
///   the other side).
/// - Batches arrive on either input in any order: each input is held (``SortedInput``) until
///   the rows of a key have been passed on both sides, so rows leave as soon as they can, and
///   the input that runs ahead is what waits in memory. Picks are gathered into batches of
///   about ``BatchEmitter/maxRows`` rows, a column at a time.
/// - An input not sorted as declared fails with `SLUICE_E_JOIN_INPUT_NOT_SORTED` and its row.
public final class MergeJoin: FlowComponent {
    public enum JoinType: String, Sendable, CaseIterable { case inner, leftOuter, fullOuter }
    public enum Side: Int, Sendable { case left = 0, right = 1 }

    /// One key: a left column, the right column it equals, and the order both are sorted in.
    public struct Key: Sendable, Hashable {
        public let left: String
        public let right: String
        public let ascending: Bool
        public init(left: String, right: String, ascending: Bool = true) {
            self.left = left
            self.right = right
            self.ascending = ascending
        }
    }

    /// One output column: a column of one side, under its output name. Its type, when given,
    /// lets an outer join fill NULLs for a side that sent no rows at all.
    public struct OutputColumn: Sendable, Hashable {
        public let side: Side
        public let column: String
        public let name: String
        public let type: DataType?
        public let scale: Int
        public init(_ side: Side, _ column: String, as name: String? = nil, type: DataType? = nil, scale: Int = 0) {
            self.side = side
            self.column = column
            self.name = name ?? column
            self.type = type
            self.scale = scale
        }
    }

    public let inputCount = 2
    public let outputs = [OutputDescription("Merge Join Output")]
    public let name: String
    public let type: JoinType
    public let columns: [OutputColumn]
    private let left: SortedInput
    private let right: SortedInput
    private var keyTypesChecked = false
    private var leftPicks: [RowPick] = []
    private var rightPicks: [RowPick] = []

    public init(name: String, type: JoinType, keys: [Key], columns: [OutputColumn]) {
        self.name = name
        self.type = type
        self.columns = columns
        left = SortedInput(component: name, label: "left", keys: keys.map { SortKey($0.left, ascending: $0.ascending) })
        right = SortedInput(component: name, label: "right", keys: keys.map { SortKey($0.right, ascending: $0.ascending) })
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        try (input == 0 ? left : right).add(batch)
        try checkKeyTypes()
        try join(emitter)
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        (input == 0 ? left : right).ended = true
        try join(emitter)
    }

    /// Moves both cursors as far as the held rows allow, then emits what was picked.
    private func join(_ emitter: BatchEmitter) throws {
        // Until each side has shown its columns (or ended), an outer row could not be given the
        // other side's NULLs.
        guard left.schema != nil || left.ended, right.schema != nil || right.ended else { return }
        let leftNull = left.batches.count, rightNull = right.batches.count
        let keepLeft = type != .inner, keepRight = type == .fullOuter
        var picksLeft = leftPicks, picksRight = rightPicks  // locals in the loop (dataflow-limits.md rule 2)
        picksLeft.removeAll(keepingCapacity: true)
        picksRight.removeAll(keepingCapacity: true)
        defer { leftPicks = picksLeft; rightPicks = picksRight }
        func flushIfFull() throws {
            if picksLeft.count >= emitter.maxRows { try flush(&picksLeft, &picksRight, emitter) }
        }
        func unmatchedLeft() throws {
            if keepLeft { picksLeft.append(left.currentPick); picksRight.append(RowPick(source: rightNull, row: 0)); try flushIfFull() }
            left.advance(&left.cursor)
        }
        func unmatchedRight() throws {
            if keepRight { picksLeft.append(RowPick(source: leftNull, row: 0)); picksRight.append(right.currentPick); try flushIfFull() }
            right.advance(&right.cursor)
        }
        while true {
            if left.hasRow && left.currentHasNullKey { try unmatchedLeft(); continue }
            if right.hasRow && right.currentHasNullKey { try unmatchedRight(); continue }
            if left.hasRow && right.hasRow {
                let order = left.compareCurrent(with: right)
                if order < 0 { try unmatchedLeft(); continue }
                if order > 0 { try unmatchedRight(); continue }
                guard let leftEnd = left.runEnd(), let rightEnd = right.runEnd() else { break }
                // The cross product of the two runs of equal keys.
                var l = left.cursor
                while l != leftEnd {
                    var r = right.cursor
                    while r != rightEnd {
                        picksLeft.append(RowPick(source: l.batch, row: l.row))
                        picksRight.append(RowPick(source: r.batch, row: r.row))
                        try flushIfFull()
                        right.advance(&r)
                    }
                    left.advance(&l)
                }
                left.cursor = leftEnd
                right.cursor = rightEnd
            } else if left.hasRow && right.ended {
                try unmatchedLeft()
            } else if right.hasRow && left.ended {
                try unmatchedRight()
            } else {
                break
            }
        }
        try flush(&picksLeft, &picksRight, emitter)
        left.dropPassed()
        right.dropPassed()
    }

    private func flush(_ picksLeft: inout [RowPick], _ picksRight: inout [RowPick], _ emitter: BatchEmitter) throws {
        guard !picksLeft.isEmpty else { return }
        let batch = try picksLeft.withUnsafeBufferPointer { l in
            try picksRight.withUnsafeBufferPointer { r in
                try ColumnBatch(columns.map { c in
                    return (c.name, try Column.checkedPicking(c.side == .left ? l : r, from: try sources(c), component: name, column: c.name))
                })
            }
        }
        picksLeft.removeAll(keepingCapacity: true)
        picksRight.removeAll(keepingCapacity: true)
        try emitter.emit(batch, to: 0)
    }

    /// The batches `c` picks from: its side's held batches and then a row of NULLs.
    private func sources(_ c: OutputColumn) throws -> [Column] {
        let side = c.side == .left ? left : right
        if side.schema != nil { return try side.sources(c.column) }
        // A side that sent no rows: only its NULL row is ever picked.
        guard let type = c.type, type.columnLayout != nil else {
            throw SluiceError(.joinKeysInvalid, ["component": name, "reason": "the \(side.label) input sent no rows and the type of [\(c.column)] is not known"])
        }
        return [Column.nullRow(type, scale: c.scale)]
    }

    /// Keys compare as encoded words: both sides' keys must have the same types (and scales).
    private func checkKeyTypes() throws {
        guard !keyTypesChecked, let l = left.schema, let r = right.schema else { return }
        keyTypesChecked = true
        for (lk, rk) in zip(left.keys, right.keys) {
            guard let a = l.first(where: { $0.name == lk.column }), let b = r.first(where: { $0.name == rk.column }) else { continue }
            guard a.type == b.type && a.scale == b.scale else {
                throw SluiceError(.joinKeyTypeMismatch, [
                    "component": name, "left": lk.column, "leftType": a.type.rawValue, "right": rk.column, "rightType": b.type.rawValue,
                ])
            }
        }
    }
}

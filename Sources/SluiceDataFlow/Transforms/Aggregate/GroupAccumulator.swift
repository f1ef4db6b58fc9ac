import SluiceCore

/// The per-group state of one aggregate output column. Called once per batch with the group
/// id of every row (dispatch per batch); each implementation is one typed loop over raw
/// buffers (dataflow-limits.md rules 1-3).
protocol GroupAccumulator: AnyObject {
    /// The type of the output column.
    var outputType: DataType { get }
    /// Adds the `rows` rows of `column` (nil for count(*)) to the groups in `groups`, every id
    /// below `groupCount`.
    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws
    /// The output column, one row per group.
    func finish(groupCount: Int) -> Column
    /// Memory held, for the component's limit.
    var byteCount: Int { get }
}

/// Count (non-NULL values) and count(*) (rows): DT_UI8, as SSIS gives them.
final class CountAccumulator: GroupAccumulator {
    private let counts = GrowableBuffer<UInt64>(zero: 0)
    let outputType = DataType.ui8
    var byteCount: Int { counts.byteCount }

    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        counts.grow(to: groupCount)
        let c = counts.base
        if let validity = column?.validityBitmap {
            for r in 0..<rows where validity[r >> 3] & (1 << UInt8(r & 7)) != 0 { c[Int(groups[r])] &+= 1 }
        } else {
            for r in 0..<rows { c[Int(groups[r])] &+= 1 }
        }
    }

    func finish(groupCount: Int) -> Column {
        counts.grow(to: groupCount)
        let column = Column(.ui8, length: groupCount)
        column.mutableValues(as: UInt64.self).baseAddress?.update(from: counts.base, count: groupCount)
        return column
    }
}

/// Count distinct: the number of distinct non-NULL values per group (DT_UI8). A seen-set of
/// (group, value) keys in a ``WordKeyTable``.
final class CountDistinctAccumulator: GroupAccumulator {
    private let encoder: KeyEncoder
    private let seen: WordKeyTable
    private let counts = GrowableBuffer<UInt64>(zero: 0)
    private let scratch = GrowableBuffer<UInt64>(zero: 0)
    let outputType = DataType.ui8
    var byteCount: Int { counts.byteCount + scratch.byteCount + seen.byteCount + (encoder.interner?.byteCount ?? 0) }

    init(_ first: Column) {
        encoder = KeyEncoder(first)
        seen = WordKeyTable(width: 1 + encoder.words)
    }

    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        counts.grow(to: groupCount)
        let w = seen.width
        scratch.grow(to: rows * w)
        let keys = scratch.base
        for r in 0..<rows { keys[r * w] = UInt64(truncatingIfNeeded: groups[r]) }
        // Group ids are below 2^31, so bit 63 of the group word is free to mark NULL values.
        encoder.encode(column, into: keys, stride: w, offset: 1, nullWord: 0, nullBit: 1 << 63)
        let c = counts.base
        for r in 0..<rows where keys[r * w] >> 63 == 0 {
            let before = seen.count
            seen.id(of: keys + r * w)
            if seen.count != before { c[Int(groups[r])] &+= 1 }
        }
    }

    func finish(groupCount: Int) -> Column {
        counts.grow(to: groupCount)
        let column = Column(.ui8, length: groupCount)
        column.mutableValues(as: UInt64.self).baseAddress?.update(from: counts.base, count: groupCount)
        return column
    }
}

/// Writes `count` values and a validity bitmap (NULL where `valid[g] == 0`) into a new column.
func groupColumn<T>(
    _ type: DataType, _: T.Type, count: Int, scale: Int? = nil, valid: UnsafePointer<UInt64>,
    value: (Int) -> T
) -> Column {
    var hasNull = false
    for g in 0..<count where valid[g] == 0 { hasNull = true; break }
    let column = Column(type, length: count, nullable: hasNull, decimalScale: scale)
    let out = column.valueBuffer.bytes.assumingMemoryBound(to: T.self)
    for g in 0..<count {
        if valid[g] == 0 { column.setValid(false, at: g) } else { out[g] = value(g) }
    }
    return column
}

import SluiceCore

/// How a vectorized node holds one chunk of values: `Int64` for the integer types (every
/// integer type but `DT_UI8` fits), `Double` for `DT_R4`/`DT_R8` (a `DT_R4` value is a
/// `Double` that a `Float` holds exactly, as in scalar evaluation), bit-packed `UInt64` words
/// for `DT_BOOL`, least significant bit first, like Arrow booleans.
enum LaneKind: Sendable, Hashable {
    case int, real, bool

    /// The lane kind of values of `type`, or nil when the type is evaluated row by row.
    init?(_ type: ExpressionType) {
        switch type.dataType {
        case .i1, .i2, .i4, .i8, .ui1, .ui2, .ui4: self = .int
        case .r4, .r8: self = .real
        case .bool: self = .bool
        default: return nil
        }
    }
}

/// What a node computed over one chunk: its values, its validity (bit-packed words, nil when
/// every row is valid) and the rows whose evaluation threw, in row order. Values of NULL or
/// failed rows are unspecified. Pointers are valid until the next chunk.
struct Lanes {
    var values: UnsafeRawPointer
    var validity: UnsafePointer<UInt64>?
    var errors: [RowError] = []
    /// Whether every row holds the same value (a constant or a variable), so that a kernel may
    /// read row 0 once.
    var isUniform = false

    func ints() -> UnsafePointer<Int64> { values.assumingMemoryBound(to: Int64.self) }
    func reals() -> UnsafePointer<Double> { values.assumingMemoryBound(to: Double.self) }

    /// Real lanes as a kernel input (with their one value when uniform).
    var realInput: RealInput { RealInput(lanes: reals(), scalar: isUniform ? reals()[0] : nil) }
    func words() -> UnsafePointer<UInt64> { values.assumingMemoryBound(to: UInt64.self) }

    /// Whether row `i` (of the chunk) is valid.
    func isValid(_ i: Int) -> Bool { validity.map { $0[i >> 6] & (1 << UInt64(i & 63)) != 0 } ?? true }
}

/// An error thrown while evaluating one row of a chunk (`row` counts from the chunk's start).
struct RowError {
    var row: Int
    var error: any Error
}

extension [RowError] {
    /// Merges two row-ordered lists; on the same row the receiver's error wins, because the
    /// scalar evaluator would have thrown it first (left operands evaluate before right ones).
    func merged(with later: [RowError]) -> [RowError] {
        if later.isEmpty { return self }
        if isEmpty { return later }
        var out: [RowError] = []
        out.reserveCapacity(count + later.count)
        var i = 0, j = 0
        while i < count || j < later.count {
            if j == later.count || (i < count && self[i].row <= later[j].row) {
                if j < later.count && self[i].row == later[j].row { j += 1 }
                out.append(self[i])
                i += 1
            } else {
                out.append(later[j])
                j += 1
            }
        }
        return out
    }

    /// The rows that failed, for skipping them.
    var rows: Set<Int> { Set(map(\.row)) }
}

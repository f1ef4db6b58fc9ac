import SluiceCore

/// The buffers of one column of the batch being read: raw Arrow-layout memory filled by the
/// converters, handed over as a ``Column`` when the batch is full and then allocated afresh
/// (a finished column is shared and read-only).
final class ColumnAccumulator {
    let kind: FieldKind
    let column: CSVColumn
    let capacity: Int
    /// Fixed-width values, the bits of `DT_BOOL`, or the UTF-8 bytes of a string column.
    private(set) var values: ColumnBuffer
    /// Bit i set where row i is valid; every bit starts clear (NULL).
    private(set) var validity: ColumnBuffer
    /// `capacity + 1` int32 offsets of a string column.
    private(set) var offsets: ColumnBuffer?
    /// Bytes of `values` used by a string column.
    var dataUsed = 0

    init(_ column: CSVColumn, kind: FieldKind, capacity: Int) {
        self.kind = kind
        self.column = column
        self.capacity = capacity
        (values, validity, offsets) = Self.freshBuffers(kind, capacity)
    }

    private static func freshBuffers(_ kind: FieldKind, _ capacity: Int) -> (ColumnBuffer, ColumnBuffer, ColumnBuffer?) {
        let validity = ColumnBuffer(byteCount: Column.bitmapBytes(capacity))
        switch kind {
        case .bool: return (ColumnBuffer(byteCount: Column.bitmapBytes(capacity)), validity, nil)
        case .string: return (ColumnBuffer(byteCount: max(64, 16 * capacity)), validity, ColumnBuffer(byteCount: 4 * (capacity + 1)))
        default: return (ColumnBuffer(byteCount: kind.byteWidth * capacity), validity, nil)
        }
    }

    /// Makes room for `extra` more string bytes (doubling, so growth is amortized).
    func reserveData(_ extra: Int) {
        let needed = dataUsed + extra
        guard needed > values.byteCount else { return }
        var size = values.byteCount
        while size < needed { size *= 2 }
        let grown = ColumnBuffer(byteCount: size)
        grown.bytes.copyMemory(from: values.bytes, byteCount: dataUsed)
        values = grown
    }

    /// The first `rows` rows as a column; the accumulator starts a new batch.
    func finish(rows: Int) -> Column {
        let nullCount = rows - Column.countSetBits(validity.bytes, rows)
        let column = Column(
            self.column.dataType, length: rows, validity: nullCount == 0 ? nil : validity, values: values, offsets: offsets,
            decimalScale: kind == .decimal ? self.column.effectiveScale : nil)
        (values, validity, offsets) = Self.freshBuffers(kind, capacity)
        dataUsed = 0
        return column
    }
}

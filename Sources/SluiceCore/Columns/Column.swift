/// One column of a batch, laid out exactly as the Arrow C Data Interface lays out an array, so
/// it can cross the plugin boundary without a copy.
///
/// ```swift
/// let prices = Column([9.5, nil, 12] as [Double?])       // DT_R8, row 1 NULL
/// prices.values(as: Double.self)[2]                        // 12.0 (the fast path)
/// prices.value(at: 1)                                      // .null (the slow path)
/// ```
///
/// - Validity: an optional bitmap, bit `i` of byte `i / 8`, least significant bit first,
///   1 = valid. Absent means every row is valid.
/// - Fixed-width types: one values buffer (``ColumnLayout``); `DT_BOOL` is bit-packed the
///   same way as validity; dates are int64 microseconds since 1970 (timestamps), int32 days
///   (`DT_DBDATE`) or int64 microseconds since midnight (`DT_DBTIME`).
/// - Strings and bytes: `length + 1` int32 offsets and a data buffer (UTF-8 for strings).
///
/// Every buffer is 64-byte aligned, zero-padded to a multiple of 64 bytes, and owned by one
/// ``ColumnBuffer``. Offsets into a parent array are always zero.
public final class Column: @unchecked Sendable {
    // @unchecked Sendable: the buffers are raw memory. A column is written (through the
    // `mutable…` accessors) only by whoever is building it, before it is shared; once shared it
    // is read-only, as the Arrow C Data Interface requires of exported data.

    public let dataType: DataType
    /// The number of rows.
    public let length: Int
    /// Digits after the point of a decimal128 column (`DT_CY`, `DT_DECIMAL`, `DT_NUMERIC`); 0 otherwise.
    public let decimalScale: Int
    /// The validity bitmap (`ceil(length / 8)` bytes), or nil when every row is valid.
    public let validityBuffer: ColumnBuffer?
    /// The values (fixed-width and boolean types) or the data bytes (strings and bytes).
    public let valueBuffer: ColumnBuffer
    /// The `length + 1` int32 offsets of a string or bytes column; nil for other types.
    public let offsetBuffer: ColumnBuffer?

    /// Wraps buffers that already hold a column. The sizes are checked; the contents are not.
    public init(
        _ dataType: DataType, length: Int, validity: ColumnBuffer?, values: ColumnBuffer, offsets: ColumnBuffer? = nil,
        decimalScale: Int? = nil
    ) {
        guard let layout = dataType.columnLayout else { preconditionFailure("\(dataType.rawValue) has no column layout") }
        precondition(length >= 0, "a column cannot have a negative length")
        precondition((validity?.byteCount ?? Column.bitmapBytes(length)) >= Column.bitmapBytes(length), "validity bitmap too small")
        switch layout {
        case .bits: precondition(values.byteCount >= Column.bitmapBytes(length), "boolean values too small")
        case .fixedWidth(let width): precondition(values.byteCount >= width * length, "values buffer too small")
        case .variableWidth:
            precondition((offsets?.byteCount ?? 0) >= 4 * (length + 1), "a string or bytes column needs length + 1 offsets")
        }
        self.dataType = dataType
        self.length = length
        self.decimalScale = decimalScale ?? dataType.decimalPrecisionAndScale?.scale ?? 0
        validityBuffer = validity
        valueBuffer = values
        offsetBuffer = layout == .variableWidth ? offsets : nil
    }

    /// A fixed-width or boolean column of `length` rows, all zero (or false) and valid. With
    /// `nullable`, it has a validity bitmap (all valid) that ``setValid(_:at:)`` can clear.
    public convenience init(_ dataType: DataType, length: Int, nullable: Bool = false, decimalScale: Int? = nil) {
        guard let layout = dataType.columnLayout, layout != .variableWidth else {
            preconditionFailure("\(dataType.rawValue) is not a fixed-width type; use ColumnBuilder")
        }
        let validity = nullable ? Column.allValidBitmap(length) : nil
        let bytes = layout == .bits ? Column.bitmapBytes(length) : Column.byteWidth(layout) * length
        self.init(dataType, length: length, validity: validity, values: ColumnBuffer(byteCount: bytes), decimalScale: decimalScale)
    }

    /// The layout of the column's type.
    public var layout: ColumnLayout { dataType.columnLayout! }

    // MARK: - Validity

    /// Whether row `row` holds a value (is not NULL).
    @inlinable public func isValid(_ row: Int) -> Bool {
        precondition(row >= 0 && row < length, "row \(row) out of 0..<\(length)")
        guard let validityBuffer else { return true }
        return validityBuffer.bytes.load(fromByteOffset: row >> 3, as: UInt8.self) & (1 << UInt8(row & 7)) != 0
    }

    /// Marks row `row` valid or NULL. The column must have been made nullable.
    public func setValid(_ valid: Bool, at row: Int) {
        precondition(row >= 0 && row < length, "row \(row) out of 0..<\(length)")
        guard let validityBuffer else { preconditionFailure("the column has no validity bitmap (make it nullable)") }
        Column.setBit(validityBuffer.bytes, row, valid)
    }

    /// The number of NULL rows (counted from the bitmap on each call).
    public var nullCount: Int {
        guard let validityBuffer else { return 0 }
        return length - Column.countSetBits(validityBuffer.bytes, length)
    }

    /// The validity bitmap as bytes, or nil when every row is valid.
    public var validityBitmap: UnsafeBufferPointer<UInt8>? {
        validityBuffer.map { $0.typed(UInt8.self, count: Column.bitmapBytes(length)) }
    }

    // MARK: - Typed access (the fast path)

    /// The values of a fixed-width column as `T` (`Double` for `DT_R8`, …; see ``ColumnElement``).
    /// Rows that are NULL hold unspecified values. The pointer is valid while the column is
    /// alive: keep it alive (`withExtendedLifetime`, or use ``withValues(as:_:)``).
    public func values<T: ColumnElement>(as _: T.Type) -> UnsafeBufferPointer<T> {
        precondition(T.isElement(of: dataType), "a \(dataType.rawValue) column does not hold \(T.self)")
        return valueBuffer.typed(T.self, count: length)
    }

    /// Calls `body` with the values of a fixed-width column as `T`, keeping the column alive
    /// meanwhile (``values(as:)`` leaves that to the caller).
    public func withValues<T: ColumnElement, R>(as _: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(values(as: T.self)) }
    }

    /// The values of a fixed-width column as `T`, writable (only while building the column).
    public func mutableValues<T: ColumnElement>(as _: T.Type) -> UnsafeMutableBufferPointer<T> {
        precondition(T.isElement(of: dataType), "a \(dataType.rawValue) column does not hold \(T.self)")
        return valueBuffer.mutableTyped(T.self, count: length)
    }

    /// The bit of row `row` of a `DT_BOOL` column (false for NULL rows written by builders).
    public func bool(at row: Int) -> Bool {
        precondition(dataType == .bool && row >= 0 && row < length, "not a DT_BOOL row")
        return valueBuffer.bytes.load(fromByteOffset: row >> 3, as: UInt8.self) & (1 << UInt8(row & 7)) != 0
    }

    /// Sets the bit of row `row` of a `DT_BOOL` column.
    public func setBool(_ value: Bool, at row: Int) {
        precondition(dataType == .bool && row >= 0 && row < length, "not a DT_BOOL row")
        Column.setBit(valueBuffer.bytes, row, value)
    }

    /// The `length + 1` offsets of a string or bytes column.
    public var offsets: UnsafeBufferPointer<Int32> {
        guard let offsetBuffer else { preconditionFailure("a \(dataType.rawValue) column has no offsets") }
        return offsetBuffer.typed(Int32.self, count: length + 1)
    }

    /// The bytes of row `row` of a string (UTF-8) or bytes column; empty for NULL rows.
    public func bytes(at row: Int) -> UnsafeRawBufferPointer {
        precondition(row >= 0 && row < length, "row \(row) out of 0..<\(length)")
        let o = offsets
        return UnsafeRawBufferPointer(start: valueBuffer.bytes + Int(o[row]), count: Int(o[row + 1] - o[row]))
    }

    /// The buffers as the Arrow C Data Interface lists them in `ArrowArray.buffers`: validity
    /// (nil when every row is valid), then values, or offsets then data for strings and bytes.
    public var arrowBuffers: [UnsafeRawPointer?] {
        let validity = validityBuffer.map { UnsafeRawPointer($0.bytes) }
        if let offsetBuffer { return [validity, UnsafeRawPointer(offsetBuffer.bytes), UnsafeRawPointer(valueBuffer.bytes)] }
        return [validity, UnsafeRawPointer(valueBuffer.bytes)]
    }

    /// The Arrow format string; decimal columns carry their own scale (`d:38,2`).
    public var arrowFormat: String {
        if let (precision, _) = dataType.decimalPrecisionAndScale { return "d:\(precision),\(decimalScale)" }
        return dataType.arrowFormat!
    }
}

// MARK: - Bitmaps

extension Column {
    /// Bytes of a bitmap of `bits` bits.
    public static func bitmapBytes(_ bits: Int) -> Int { (bits + 7) / 8 }

    static func byteWidth(_ layout: ColumnLayout) -> Int {
        if case .fixedWidth(let width) = layout { return width }
        return 0
    }

    /// A validity bitmap of `length` rows, all valid (padding bits stay zero).
    package static func allValidBitmap(_ length: Int) -> ColumnBuffer {
        let buffer = ColumnBuffer(byteCount: bitmapBytes(length))
        let bytes = buffer.bytes.bindMemory(to: UInt8.self, capacity: buffer.capacity)
        for i in 0..<(length / 8) { bytes[i] = 0xFF }
        if length % 8 != 0 { bytes[length / 8] = UInt8((1 << (length % 8)) - 1) }
        return buffer
    }

    @inline(__always) static func setBit(_ base: UnsafeMutableRawPointer, _ i: Int, _ on: Bool) {
        let byte = base.load(fromByteOffset: i >> 3, as: UInt8.self)
        let mask = UInt8(1) << UInt8(i & 7)
        base.storeBytes(of: on ? byte | mask : byte & ~mask, toByteOffset: i >> 3, as: UInt8.self)
    }

    /// Set bits among the first `bits` of a bitmap.
    package static func countSetBits(_ base: UnsafeRawPointer, _ bits: Int) -> Int {
        var count = 0
        let words = bits / 64
        for w in 0..<words { count += base.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self).nonzeroBitCount }
        for i in (words * 64)..<bits where base.load(fromByteOffset: i >> 3, as: UInt8.self) & (1 << UInt8(i & 7)) != 0 {
            count += 1
        }
        return count
    }
}

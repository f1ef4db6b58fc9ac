/// Builds one output column row by row, in Arrow's layout, for a ``FlowOutputBatch``. Use the
/// concrete builders (``Int64ColumnBuilder``, ``StringColumnBuilder``, …); their `append`
/// methods are final, so a row costs no dynamic dispatch.
///
/// A builder's buffers move into the batch when it is emitted; the builder is empty after.
public class FlowColumnBuilder {
    /// The column's type.
    public let type: FlowType
    /// Rows appended so far.
    public internal(set) var count = 0
    /// NULLs appended so far.
    public internal(set) var nullCount = 0
    var validity = AlignedBuffer()

    init(type: FlowType) { self.type = type }

    /// Sets the validity bit of the row being appended (row `count`).
    @inline(__always)
    final func appendValidity(_ valid: Bool) {
        if count & 7 == 0 { validity.reserve(1); validity.count += 1 }
        if valid {
            validity.bytes.storeBytes(
                of: validity.bytes.load(fromByteOffset: count >> 3, as: UInt8.self) | UInt8(1 << (count & 7)),
                toByteOffset: count >> 3, as: UInt8.self)
        } else {
            nullCount += 1
        }
    }

    /// Hands the buffers over (validity first, as Arrow orders them) and empties the builder.
    /// Every concrete builder overrides it; the class is not open, so no other can exist.
    func seal() throws -> SealedColumn {
        throw PluginError(.unsupported, "column builder of type \(type) cannot be sealed: only the SDK's concrete builders can")
    }

    final func takeValidity() -> AlignedBuffer? {
        let taken = validity
        validity = AlignedBuffer()
        return nullCount == 0 ? nil : taken
    }

    final func resetCounts() -> (count: Int, nullCount: Int) {
        defer { count = 0; nullCount = 0 }
        return (count, nullCount)
    }
}

/// A built column's buffers, owned by the exported batch until the host releases it.
struct SealedColumn {
    let type: FlowType
    let length: Int
    let nullCount: Int
    /// Arrow's buffers in order; nil is a NULL buffer pointer (no validity bitmap).
    let buffers: [AlignedBuffer?]
}

/// Fixed-width values stored as their bytes: the base of the int, double, date and decimal builders.
public class FixedWidthColumnBuilder<Value: BitwiseCopyable>: FlowColumnBuilder {
    private var values = AlignedBuffer()

    override init(type: FlowType) {
        super.init(type: type)
    }

    /// Appends one row; nil appends a NULL.
    @inline(__always)
    public final func append(_ value: Value?) {
        appendValidity(value != nil)
        let width = MemoryLayout<Value>.stride
        values.reserve(width)
        if let value { values.bytes.storeBytes(of: value, toByteOffset: values.count, as: Value.self) }
        values.count += width
        count += 1
    }

    override func seal() throws -> SealedColumn {
        let validity = takeValidity()
        let taken = values
        values = AlignedBuffer()
        let (length, nulls) = resetCounts()
        return SealedColumn(type: type, length: length, nullCount: nulls, buffers: [validity, taken])
    }
}

public final class Int32ColumnBuilder: FixedWidthColumnBuilder<Int32> {
    public init() { super.init(type: .int32) }
}

public final class Int64ColumnBuilder: FixedWidthColumnBuilder<Int64> {
    public init() { super.init(type: .int64) }
}

public final class DoubleColumnBuilder: FixedWidthColumnBuilder<Double> {
    public init() { super.init(type: .float64) }
}

/// Days since 1970-01-01.
public final class Date32ColumnBuilder: FixedWidthColumnBuilder<Int32> {
    public init() { super.init(type: .date32) }
}

/// Unscaled 128-bit values of a decimal column of the given precision and scale.
public final class Decimal128ColumnBuilder: FixedWidthColumnBuilder<FlowDecimal128> {
    public init(precision: Int, scale: Int) { super.init(type: .decimal128(precision: precision, scale: scale)) }
}

/// Booleans, one bit each.
public final class BoolColumnBuilder: FlowColumnBuilder {
    private var values = AlignedBuffer()

    public init() { super.init(type: .bool) }

    @inline(__always)
    public func append(_ value: Bool?) {
        appendValidity(value != nil)
        if count & 7 == 0 { values.reserve(1); values.count += 1 }
        if value == true {
            values.bytes.storeBytes(
                of: values.bytes.load(fromByteOffset: count >> 3, as: UInt8.self) | UInt8(1 << (count & 7)),
                toByteOffset: count >> 3, as: UInt8.self)
        }
        count += 1
    }

    override func seal() throws -> SealedColumn {
        let validity = takeValidity()
        let taken = values
        values = AlignedBuffer()
        let (length, nulls) = resetCounts()
        return SealedColumn(type: type, length: length, nullCount: nulls, buffers: [validity, taken])
    }
}

/// UTF-8 text: int32 offsets and the bytes. A column holds at most Int32.max bytes of text in
/// one batch; more fails the emit.
public final class StringColumnBuilder: FlowColumnBuilder {
    private var offsets = AlignedBuffer()
    private var data = AlignedBuffer()
    private var overflowed = false

    public init() {
        super.init(type: .utf8)
        startOffsets()
    }

    private func startOffsets() {
        offsets.reserve(4)
        offsets.bytes.storeBytes(of: Int32(0), as: Int32.self)
        offsets.count = 4
    }

    /// Appends one row; nil appends a NULL.
    public func append(_ value: String?) {
        guard var value else { return appendBytes(nil) }
        value.withUTF8 { appendBytes($0) }
    }

    /// Appends one row of UTF-8 bytes (not checked); nil appends a NULL.
    public func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>?) {
        appendValidity(bytes != nil)
        if let bytes, let base = bytes.baseAddress, bytes.count > 0 {
            if data.count > Int(Int32.max) - bytes.count {
                overflowed = true
            } else {
                data.reserve(bytes.count)
                (data.bytes + data.count).copyMemory(from: base, byteCount: bytes.count)
                data.count += bytes.count
            }
        }
        offsets.reserve(4)
        offsets.bytes.storeBytes(of: Int32(truncatingIfNeeded: data.count), toByteOffset: offsets.count, as: Int32.self)
        offsets.count += 4
        count += 1
    }

    override func seal() throws -> SealedColumn {
        defer { overflowed = false }
        guard !overflowed else {
            throw PluginError(.invalidArgument, "a string column holds more than \(Int32.max) bytes in one batch: emit smaller batches")
        }
        let validity = takeValidity()
        let (takenOffsets, takenData) = (offsets, data)
        offsets = AlignedBuffer()
        data = AlignedBuffer()
        startOffsets()
        let (length, nulls) = resetCounts()
        return SealedColumn(type: type, length: length, nullCount: nulls, buffers: [validity, takenOffsets, takenData])
    }
}

import Foundation

/// Builds a ``Column`` of any type one ``Value`` at a time (the slow path: tests, row-by-row
/// fallbacks, sources that produce values).
///
/// ```swift
/// var builder = ColumnBuilder(.wstr)
/// try builder.append(.string("a"))
/// builder.appendNull()
/// let column = builder.finish()      // 2 rows, offsets [0, 1, 1]
/// ```
/// A value of another kind is converted as a variable of the column's type would convert it
/// (``Value/converted(to:)``); integers are range-checked, decimals rounded to the column's
/// scale, dates kept to the microsecond.
public struct ColumnBuilder {
    public let dataType: DataType
    public let decimalScale: Int
    /// Rows appended so far.
    public private(set) var count = 0

    private let layout: ColumnLayout
    private var validity: [UInt8] = []
    private var hasNull = false
    /// Fixed-width values, bit-packed booleans, or the data bytes of strings and bytes.
    private var values: [UInt8] = []
    private var offsets: [Int32] = [0]

    /// - Parameter decimalScale: digits after the point of a decimal column (default: the
    ///   type's scale in ``DataType/arrowFormat``).
    public init(_ dataType: DataType, capacity: Int = 0, decimalScale: Int? = nil) {
        guard let layout = dataType.columnLayout else { preconditionFailure("\(dataType.rawValue) has no column layout") }
        self.dataType = dataType
        self.layout = layout
        self.decimalScale = decimalScale ?? dataType.decimalPrecisionAndScale?.scale ?? 0
        validity.reserveCapacity(Column.bitmapBytes(capacity))
        if case .fixedWidth(let width) = layout { values.reserveCapacity(width * capacity) }
    }

    public mutating func appendNull() {
        hasNull = true
        appendRow(valid: false)
    }

    /// Appends a value, converting it to the column's type.
    /// - Throws: `SLUICE_E_TYPE_MISMATCH` when the value has no conversion or does not fit.
    public mutating func append(_ value: Value) throws {
        if value.isNull { return appendNull() }
        let v = value.kind == dataType.valueKind ? value : try value.converted(to: dataType)
        switch (v, dataType) {
        case (.bool(let b), _):
            if count % 8 == 0 { values.append(0) }
            if b { values[count / 8] |= 1 << UInt8(count % 8) }
        case (.int(let i), _): try appendInteger(i, original: v)
        case (.uint(let u), .ui8): append(bytesOf: u)
        case (.uint(let u), _):
            guard let i = Int64(exactly: u) else { throw mismatch(v, "out of range") }
            try appendInteger(i, original: v)
        case (.real(let d), .r4): append(bytesOf: Float(d))
        case (.real(let d), _): append(bytesOf: d)
        case (.decimal(let d), _):
            guard let scaled = ColumnEncoding.decimal128(d, scale: decimalScale) else {
                throw mismatch(v, "does not fit in 38 digits with \(decimalScale) after the point")
            }
            append(bytesOf: scaled)
        case (.date(let d), .dbDate):
            guard let days = ColumnEncoding.days(d) else { throw mismatch(v, "out of range") }
            append(bytesOf: days)
        case (.date(let d), .dbTime), (.date(let d), .dbTime2):
            guard let us = ColumnEncoding.timeOfDay(d) else { throw mismatch(v, "out of range") }
            append(bytesOf: us)
        case (.date(let d), _):
            guard let us = ColumnEncoding.micros(d) else { throw mismatch(v, "out of range") }
            append(bytesOf: us)
        case (.dateTimeOffset(let o), _):
            // A DT_DBTIMESTAMPOFFSET column holds instants (Arrow tsu:UTC); the other date
            // columns read the local time, as a conversion to their type does.
            let converted = dataType == .dbTimestampOffset ? Value.date(o.instant) : Value.date(o.wallClock)
            try append(converted)
            return
        case (.guid(let g), _): append(bytesOf: g.uuid)
        case (.string(let s), _): try appendVariable(Array(s.utf8), original: v)
        case (.bytes(let b), _): try appendVariable(b, original: v)
        case (.null, _), (.object, _): throw mismatch(v, "no column holds this value")
        }
        if layout == .variableWidth { offsets.append(Int32(values.count)) }
        appendValidity(true)
    }

    /// The finished column; its buffers are copies, aligned and padded.
    public func finish() -> Column {
        let validityBuffer = hasNull ? validity.withUnsafeBytes { ColumnBuffer(copying: $0) } : nil
        let valueBuffer = values.withUnsafeBytes { ColumnBuffer(copying: $0) }
        let offsetBuffer = layout == .variableWidth ? offsets.withUnsafeBytes { ColumnBuffer(copying: $0) } : nil
        return Column(
            dataType, length: count, validity: validityBuffer, values: valueBuffer, offsets: offsetBuffer,
            decimalScale: decimalScale)
    }

    // MARK: - Rows

    private mutating func appendRow(valid: Bool) {
        switch layout {
        case .bits: if count % 8 == 0 { values.append(0) }
        case .fixedWidth(let width): values.append(contentsOf: repeatElement(0, count: width))
        case .variableWidth: offsets.append(Int32(values.count))
        }
        appendValidity(valid)
    }

    private mutating func appendValidity(_ valid: Bool) {
        if count % 8 == 0 { validity.append(0) }
        if valid { validity[count / 8] |= 1 << UInt8(count % 8) }
        count += 1
    }

    private mutating func append<T>(bytesOf value: T) {
        withUnsafeBytes(of: value) { values.append(contentsOf: $0) }
    }

    private mutating func appendInteger(_ i: Int64, original: Value) throws {
        switch dataType {
        case .i1: append(bytesOf: try narrow(i, Int8.self, original))
        case .i2: append(bytesOf: try narrow(i, Int16.self, original))
        case .i4: append(bytesOf: try narrow(i, Int32.self, original))
        case .i8: append(bytesOf: i)
        case .ui1: append(bytesOf: try narrow(i, UInt8.self, original))
        case .ui2: append(bytesOf: try narrow(i, UInt16.self, original))
        case .ui4: append(bytesOf: try narrow(i, UInt32.self, original))
        case .ui8: append(bytesOf: try narrow(i, UInt64.self, original))
        default: throw mismatch(original, "not an integer column")
        }
    }

    private func narrow<T: FixedWidthInteger>(_ i: Int64, _: T.Type, _ original: Value) throws -> T {
        guard let t = T(exactly: i) else { throw mismatch(original, "out of range") }
        return t
    }

    private mutating func appendVariable(_ bytes: [UInt8], original: Value) throws {
        guard values.count + bytes.count <= Int(Int32.max) else { throw mismatch(original, "the column's data exceeds 2 GiB") }
        values.append(contentsOf: bytes)
    }

    private func mismatch(_ v: Value, _ reason: String) -> SluiceError {
        let shown = v.description.count > 60 ? String(v.description.prefix(57)) + "..." : v.description
        return SluiceError(.typeMismatch, ["value": shown, "type": dataType.rawValue, "reason": reason])
    }
}

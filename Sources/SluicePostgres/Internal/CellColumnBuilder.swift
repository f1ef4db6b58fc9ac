import PostgresNIO
import SluiceCore

/// Builds one output column from binary result cells, appending raw bytes (no `Value` per cell).
/// A cell that does not decode is a ``CellProblem``; the cursor adds the row and column.
struct CellColumnBuilder {
    let kind: CellKind
    let type: DataType
    let scale: Int
    private(set) var count = 0
    private var hasNull = false
    private var validity: [UInt8] = []
    private var values: [UInt8] = []
    private var offsets: [Int32] = [0]

    /// Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01.
    static let epochDays: Int32 = 10_957
    static let epochMicros: Int64 = 946_684_800_000_000

    init(kind: CellKind, type: DataType, scale: Int, capacity: Int) {
        self.kind = kind
        self.type = type
        self.scale = scale
        validity.reserveCapacity(Column.bitmapBytes(capacity))
        if case .fixedWidth(let width) = type.columnLayout { values.reserveCapacity(width * capacity) }
    }

    mutating func append(_ cell: ByteBuffer?) throws(CellProblem) {
        guard let cell else { return appendNull() }
        switch kind {
        case .int2: append(try Self.integer(cell, Int16.self))
        case .int4: append(try Self.integer(cell, Int32.self))
        case .int8: append(try Self.integer(cell, Int64.self))
        case .float4: append(Float(bitPattern: try Self.integer(cell, UInt32.self)))
        case .float8: append(Double(bitPattern: try Self.integer(cell, UInt64.self)))
        case .numeric: append(try PostgresNumeric.decimal128(cell, scale: scale))
        case .bool:
            if count % 8 == 0 { values.append(0) }
            guard cell.readableBytes == 1, let byte = cell.getInteger(at: cell.readerIndex, as: UInt8.self) else {
                throw CellProblem("a bool is 1 byte, not \(cell.readableBytes)")
            }
            if byte != 0 { values[count / 8] |= 1 << UInt8(count % 8) }
        case .date:
            let days = try Self.integer(cell, Int32.self)
            guard days != .max, days != .min else { throw CellProblem("infinity has no DT_DBDATE value") }
            let (shifted, overflow) = days.addingReportingOverflow(Self.epochDays)
            guard !overflow else { throw CellProblem("the date is out of range") }
            append(shifted)
        case .timestamp:
            let micros = try Self.integer(cell, Int64.self)
            guard micros != .max, micros != .min else { throw CellProblem("infinity has no \(type.rawValue) value") }
            let (shifted, overflow) = micros.addingReportingOverflow(Self.epochMicros)
            guard !overflow else { throw CellProblem("the timestamp is out of range") }
            append(shifted)
        case .text, .bytea:
            guard values.count + cell.readableBytes <= Int(Int32.max) else { throw CellProblem("the batch's data for this column exceeds 2 GiB") }
            cell.withUnsafeReadableBytes { values.append(contentsOf: $0) }
            offsets.append(Int32(values.count))
        }
        appendValidity(true)
    }

    private mutating func appendNull() {
        hasNull = true
        switch type.columnLayout {
        case .bits: if count % 8 == 0 { values.append(0) }
        case .fixedWidth(let width): values.append(contentsOf: repeatElement(0, count: width))
        case .variableWidth, nil: offsets.append(Int32(values.count))
        }
        appendValidity(false)
    }

    private mutating func appendValidity(_ valid: Bool) {
        if count % 8 == 0 { validity.append(0) }
        if valid { validity[count / 8] |= 1 << UInt8(count % 8) }
        count += 1
    }

    private mutating func append<T: BitwiseCopyable>(_ value: T) {
        withUnsafeBytes(of: value) { values.append(contentsOf: $0) }
    }

    private static func integer<T: FixedWidthInteger>(_ cell: ByteBuffer, _: T.Type) throws(CellProblem) -> T {
        guard cell.readableBytes == MemoryLayout<T>.size, let v = cell.getInteger(at: cell.readerIndex, endianness: .big, as: T.self) else {
            throw CellProblem("expected \(MemoryLayout<T>.size) bytes, got \(cell.readableBytes)")
        }
        return v
    }

    /// The column; its buffers are aligned copies.
    func finish() -> Column {
        let validityBuffer = hasNull ? validity.withUnsafeBytes { ColumnBuffer(copying: $0) } : nil
        let valueBuffer = values.withUnsafeBytes { ColumnBuffer(copying: $0) }
        let offsetBuffer = type.columnLayout == .variableWidth ? offsets.withUnsafeBytes { ColumnBuffer(copying: $0) } : nil
        return Column(type, length: count, validity: validityBuffer, values: valueBuffer, offsets: offsetBuffer, decimalScale: scale)
    }
}

/// Why one cell did not decode.
struct CellProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

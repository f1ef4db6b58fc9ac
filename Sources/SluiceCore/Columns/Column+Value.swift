import Foundation

extension Column {
    /// Makes a column of `dataType` from values (NULLs as `.null`), converting each as
    /// ``ColumnBuilder/append(_:)`` does.
    ///
    /// ```swift
    /// let c = try Column(.i4, values: [.int(1), .null, .int(3)])
    /// ```
    public convenience init(_ dataType: DataType, values: [Value], decimalScale: Int? = nil) throws {
        var builder = ColumnBuilder(dataType, capacity: values.count, decimalScale: decimalScale)
        for v in values { try builder.append(v) }
        let built = builder.finish()
        self.init(
            dataType, length: built.length, validity: built.validityBuffer, values: built.valueBuffer,
            offsets: built.offsetBuffer, decimalScale: built.decimalScale)
    }

    /// The value of row `row` as a ``Value`` of the column's type (the slow path: tests and
    /// row-by-row fallbacks). `DT_I…` give `.int`, `DT_UI…` `.uint`, `DT_R4`/`DT_R8` `.real`,
    /// dates and times `.date` (a `DT_DBTIME` on 1899-12-30), decimals `.decimal`.
    public func value(at row: Int) -> Value {
        guard isValid(row) else { return .null }
        let p = UnsafeRawPointer(valueBuffer.bytes)
        func load<T>(_: T.Type) -> T { p.load(fromByteOffset: row * MemoryLayout<T>.stride, as: T.self) }
        switch dataType {
        case .bool: return .bool(bool(at: row))
        case .i1: return .int(Int64(load(Int8.self)))
        case .i2: return .int(Int64(load(Int16.self)))
        case .i4: return .int(Int64(load(Int32.self)))
        case .i8: return .int(load(Int64.self))
        case .ui1: return .uint(UInt64(load(UInt8.self)))
        case .ui2: return .uint(UInt64(load(UInt16.self)))
        case .ui4: return .uint(UInt64(load(UInt32.self)))
        case .ui8: return .uint(load(UInt64.self))
        case .r4: return .real(Double(load(Float.self)))
        case .r8: return .real(load(Double.self))
        case .currency, .decimal, .numeric: return .decimal(ColumnEncoding.decimal(load(Int128.self), scale: decimalScale))
        case .guid: return .guid(UUID(uuid: load(uuid_t.self)))
        case .str, .wstr, .text, .ntext: return .string(String(decoding: bytes(at: row), as: UTF8.self))
        case .bytes, .image: return .bytes(Array(bytes(at: row)))
        case .dbDate: return .date(ColumnEncoding.date(days: load(Int32.self)))
        case .dbTime, .dbTime2: return .date(ColumnEncoding.date(timeOfDay: load(Int64.self)))
        case .date, .dbTimestamp, .dbTimestamp2, .dbTimestampOffset, .fileTime:
            return .date(ColumnEncoding.date(micros: load(Int64.self)))
        case .object: preconditionFailure("DT_OBJECT has no column")
        }
    }

    /// All rows as values.
    public var allValues: [Value] { (0..<length).map(value(at:)) }
}

extension Column {
    /// Makes a fixed-width column from Swift values, `nil` for NULL.
    ///
    /// ```swift
    /// Column([1.5, nil, 3] as [Double?])              // DT_R8
    /// Column([19_000, nil] as [Int32?], as: .dbDate)  // days since 1970-01-01
    /// ```
    /// - Parameter dataType: the column's type (default: `T`'s ``ColumnElement/columnType``).
    public convenience init<T: ColumnElement>(_ values: [T?], as dataType: DataType = T.columnType) {
        precondition(T.isElement(of: dataType), "a \(dataType.rawValue) column does not hold \(T.self)")
        let n = values.count
        let hasNull = values.contains { $0 == nil }
        let buffer = ColumnBuffer(byteCount: MemoryLayout<T>.stride * n)
        let typed = buffer.mutableTyped(T.self, count: n)
        for (i, v) in values.enumerated() where v != nil { typed[i] = v! }  // NULL rows stay zero
        self.init(dataType, length: n, validity: hasNull ? Column.bitmap(values.map { $0 != nil }) : nil, values: buffer)
    }

    /// Makes a `DT_BOOL` column (bit-packed), `nil` for NULL.
    public convenience init(_ values: [Bool?]) {
        let bits = Column.bitmap(values.map { $0 == true })
        let hasNull = values.contains { $0 == nil }
        self.init(.bool, length: values.count, validity: hasNull ? Column.bitmap(values.map { $0 != nil }) : nil, values: bits)
    }

    /// Makes a string column (UTF-8 with int32 offsets), `nil` for NULL.
    public convenience init(_ values: [String?], as dataType: DataType = .wstr) {
        precondition(dataType.columnLayout == .variableWidth, "\(dataType.rawValue) is not a string type")
        var offsets: [Int32] = [0]
        var data: [UInt8] = []
        offsets.reserveCapacity(values.count + 1)
        for v in values {
            if let v { data.append(contentsOf: v.utf8) }
            precondition(data.count <= Int(Int32.max), "string data exceeds 2 GiB")
            offsets.append(Int32(data.count))
        }
        let hasNull = values.contains { $0 == nil }
        self.init(
            dataType, length: values.count, validity: hasNull ? Column.bitmap(values.map { $0 != nil }) : nil,
            values: data.withUnsafeBytes { ColumnBuffer(copying: $0) },
            offsets: offsets.withUnsafeBytes { ColumnBuffer(copying: $0) })
    }

    /// A bitmap with bit `i` set where `bits[i]` is true.
    static func bitmap(_ bits: [Bool]) -> ColumnBuffer {
        let buffer = ColumnBuffer(byteCount: bitmapBytes(bits.count))
        for (i, on) in bits.enumerated() where on { setBit(buffer.bytes, i, true) }
        return buffer
    }
}

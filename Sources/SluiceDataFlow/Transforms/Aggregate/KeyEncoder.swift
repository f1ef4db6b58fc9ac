import SluiceCore

/// Turns one column's values into fixed-width words that compare equal exactly when the values
/// do, and back: how Aggregate groups by any column type with one word-key table.
///
/// Integers, dates and times widen to one word; reals are normalized first (-0 is 0, every NaN
/// one NaN); decimals and GUIDs take two words; strings and bytes become ids of a
/// ``ByteInterner``. NULL is a group of its own: its words are 0 and a separate null bit says so.
final class KeyEncoder {
    enum Kind { case bits, signed(Int), unsigned(Int), float, double, wide, bytes }

    let dataType: DataType
    let decimalScale: Int
    let kind: Kind
    let interner: ByteInterner?
    /// Words per value: 2 for decimals and GUIDs, else 1.
    var words: Int { if case .wide = kind { 2 } else { 1 } }

    init(_ column: Column) {
        dataType = column.dataType
        decimalScale = column.decimalScale
        switch column.layout {
        case .bits: kind = .bits
        case .variableWidth: kind = .bytes
        case .fixedWidth(let width):
            switch (column.dataType, width) {
            case (.r4, _): kind = .float
            case (.r8, _): kind = .double
            case (_, 16): kind = .wide
            case (.ui1, _), (.ui2, _), (.ui4, _), (.ui8, _): kind = .unsigned(width)
            default: kind = .signed(width)
            }
        }
        interner = if case .bytes = kind { ByteInterner() } else { nil }
    }

    /// Writes the words of each row's value at `keys[r * stride + offset]`, and sets `nullBit` in
    /// `keys[r * stride + nullWord]` for NULL rows (whose value words are 0).
    func encode(_ column: Column, into keys: UnsafeMutablePointer<UInt64>, stride: Int, offset: Int, nullWord: Int, nullBit: UInt64) {
        let n = column.length
        let raw = UnsafeRawPointer(column.valueBuffer.bytes)
        let at = keys + offset
        switch kind {
        case .bits:
            for r in 0..<n { at[r * stride] = UInt64((raw.load(fromByteOffset: r >> 3, as: UInt8.self) >> UInt8(r & 7)) & 1) }
        case .signed(1): Self.widen(raw, Int8.self, n, at, stride)
        case .signed(2): Self.widen(raw, Int16.self, n, at, stride)
        case .signed(4): Self.widen(raw, Int32.self, n, at, stride)
        case .signed: Self.widen(raw, Int64.self, n, at, stride)
        case .unsigned(1): Self.widen(raw, UInt8.self, n, at, stride)
        case .unsigned(2): Self.widen(raw, UInt16.self, n, at, stride)
        case .unsigned(4): Self.widen(raw, UInt32.self, n, at, stride)
        case .unsigned: Self.widen(raw, UInt64.self, n, at, stride)
        case .float:
            let v = raw.assumingMemoryBound(to: Float.self)
            for r in 0..<n { at[r * stride] = Self.normalized(Double(v[r])) }
        case .double:
            let v = raw.assumingMemoryBound(to: Double.self)
            for r in 0..<n { at[r * stride] = Self.normalized(v[r]) }
        case .wide:
            let v = raw.assumingMemoryBound(to: UInt64.self)
            for r in 0..<n {
                at[r * stride] = v[2 * r]
                at[r * stride + 1] = v[2 * r + 1]
            }
        case .bytes:
            interner?.ids(of: raw, offsets: column.offsets, rows: n, into: at, stride: stride)
        }
        guard let validity = column.validityBitmap else { return }
        let w = words
        for r in 0..<n where validity[r >> 3] & (1 << UInt8(r & 7)) == 0 {
            for i in 0..<w { at[r * stride + i] = 0 }
            keys[r * stride + nullWord] |= nullBit
        }
    }

    /// A column of `count` values read back from the words of `keys(id)` at `offset` (NULL where
    /// the null bit at `nullWord` is set).
    func decode(count: Int, keys: (Int) -> UnsafePointer<UInt64>, offset: Int, nullWord: Int, nullBit: UInt64) -> Column {
        var hasNull = false
        for g in 0..<count where keys(g)[nullWord] & nullBit != 0 { hasNull = true; break }
        let validity: ColumnBuffer? = hasNull ? Column.allValidBitmap(count) : nil
        if let validity {
            for g in 0..<count where keys(g)[nullWord] & nullBit != 0 { RawBits.clear(validity.bytes, g) }
        }
        if case .bytes = kind, let interner {
            var total = 0
            for g in 0..<count { total += interner.bytes(of: Int(keys(g)[offset])).count }
            let offsets = ColumnBuffer(byteCount: 4 * (count + 1))
            let data = ColumnBuffer(byteCount: total)
            let o = offsets.mutableTyped(Int32.self, count: count + 1)
            var end = 0
            for g in 0..<count {
                let isNull = keys(g)[nullWord] & nullBit != 0
                if !isNull, let value = Optional(interner.bytes(of: Int(keys(g)[offset]))), let base = value.baseAddress {
                    (data.bytes + end).copyMemory(from: base, byteCount: value.count)
                    end += value.count
                }
                o[g + 1] = Int32(truncatingIfNeeded: end)
            }
            return Column(dataType, length: count, validity: validity, values: data, offsets: offsets, decimalScale: decimalScale)
        }
        let width = if case .fixedWidth(let w) = dataType.columnLayout { w } else { 0 }
        let values = ColumnBuffer(byteCount: kind.isBits ? Column.bitmapBytes(count) : width * count)
        for g in 0..<count {
            let key = keys(g) + offset
            switch kind {
            case .bits: if key[0] != 0 { RawBits.set(values.bytes, g) }
            case .float: values.bytes.storeBytes(of: Float(Double(bitPattern: key[0])), toByteOffset: 4 * g, as: Float.self)
            case .wide:
                values.bytes.storeBytes(of: key[0], toByteOffset: 16 * g, as: UInt64.self)
                values.bytes.storeBytes(of: key[1], toByteOffset: 16 * g + 8, as: UInt64.self)
            default:
                let word = key[0]
                switch width {
                case 1: values.bytes.storeBytes(of: UInt8(truncatingIfNeeded: word), toByteOffset: g, as: UInt8.self)
                case 2: values.bytes.storeBytes(of: UInt16(truncatingIfNeeded: word), toByteOffset: 2 * g, as: UInt16.self)
                case 4: values.bytes.storeBytes(of: UInt32(truncatingIfNeeded: word), toByteOffset: 4 * g, as: UInt32.self)
                default: values.bytes.storeBytes(of: word, toByteOffset: 8 * g, as: UInt64.self)
                }
            }
        }
        return Column(dataType, length: count, validity: validity, values: values, decimalScale: decimalScale)
    }

    private static func widen<T: FixedWidthInteger>(_ raw: UnsafeRawPointer, _: T.Type, _ n: Int, _ at: UnsafeMutablePointer<UInt64>, _ stride: Int) {
        let v = raw.assumingMemoryBound(to: T.self)
        for r in 0..<n { at[r * stride] = UInt64(truncatingIfNeeded: v[r]) }
    }

    /// The bits of `d`, with -0 as 0 and every NaN as one NaN, so equal values share a key.
    @inline(__always) static func normalized(_ d: Double) -> UInt64 {
        if d == 0 { return 0 }
        if d.isNaN { return Double.nan.bitPattern }
        return d.bitPattern
    }
}

extension KeyEncoder.Kind {
    var isBits: Bool { if case .bits = self { true } else { false } }
}

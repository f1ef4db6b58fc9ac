import Foundation
import SluiceCore

/// Minimum or maximum of a numeric, date or time column, of the input's type. NULLs are
/// skipped; a group with no value gives NULL. `T` is the column's storage type (`Int32` for
/// DT_I4 and DT_DBDATE, `Int128` for decimals, …).
final class MinMaxAccumulator<T: Comparable & BitwiseCopyable>: GroupAccumulator {
    private let best: GrowableBuffer<T>
    private let seen = GrowableBuffer<UInt64>(zero: 0)
    private let maximum: Bool
    private let scale: Int
    let outputType: DataType
    var byteCount: Int { best.byteCount + seen.byteCount }

    init(_ type: DataType, scale: Int, maximum: Bool, zero: T) {
        outputType = type
        self.scale = scale
        self.maximum = maximum
        best = GrowableBuffer(zero: zero)
    }

    // Specialized per storage type: through `any GroupAccumulator` the generic body would
    // otherwise run per row on witness tables (dataflow-limits.md rule 3).
    @_specialize(where T == Int8)
    @_specialize(where T == Int16)
    @_specialize(where T == Int32)
    @_specialize(where T == Int64)
    @_specialize(where T == UInt8)
    @_specialize(where T == UInt16)
    @_specialize(where T == UInt32)
    @_specialize(where T == UInt64)
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    @_specialize(where T == Int128)
    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        best.grow(to: groupCount)
        seen.grow(to: groupCount)
        let b = best.base, s = seen.base
        let v = UnsafeRawPointer(column.valueBuffer.bytes).assumingMemoryBound(to: T.self)
        let validity = column.validityBitmap
        let maximum = maximum
        for r in 0..<rows {
            if let validity, validity[r >> 3] & (1 << UInt8(r & 7)) == 0 { continue }
            let g = Int(groups[r])
            let x = v[r]
            if s[g] == 0 || (maximum ? x > b[g] : x < b[g]) { b[g] = x }
            s[g] = 1
        }
    }

    func finish(groupCount: Int) -> Column {
        best.grow(to: groupCount)
        seen.grow(to: groupCount)
        let b = best.base
        return groupColumn(outputType, T.self, count: groupCount, scale: scale, valid: seen.base) { b[$0] }
    }
}

/// Minimum or maximum of a string column, by UTF-8 bytes (= Unicode code point order; SSIS's
/// own comparison flags are not modelled). Values are interned, so a group holds an id.
final class StringMinMaxAccumulator: GroupAccumulator {
    private let interner = ByteInterner()
    private let best = GrowableBuffer<Int64>(zero: -1)
    private let maximum: Bool
    let outputType: DataType
    var byteCount: Int { best.byteCount + interner.byteCount }

    init(_ type: DataType, maximum: Bool) {
        outputType = type
        self.maximum = maximum
    }

    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        best.grow(to: groupCount)
        let b = best.base
        let data = UnsafeRawPointer(column.valueBuffer.bytes)
        let offsets = column.offsets
        let validity = column.validityBitmap
        for r in 0..<rows {
            if let validity, validity[r >> 3] & (1 << UInt8(r & 7)) == 0 { continue }
            let g = Int(groups[r])
            let start = Int(offsets[r])
            let value = UnsafeRawBufferPointer(start: data + start, count: Int(offsets[r + 1]) - start)
            if b[g] >= 0 {
                let order = Self.compare(value, interner.bytes(of: Int(b[g])))
                if maximum ? order <= 0 : order >= 0 { continue }
            }
            b[g] = Int64(interner.id(of: value))
        }
    }

    func finish(groupCount: Int) -> Column {
        best.grow(to: groupCount)
        let b = best.base
        var total = 0
        for g in 0..<groupCount where b[g] >= 0 { total += interner.bytes(of: Int(b[g])).count }
        let offsets = ColumnBuffer(byteCount: 4 * (groupCount + 1))
        let data = ColumnBuffer(byteCount: total)
        let o = offsets.mutableTyped(Int32.self, count: groupCount + 1)
        var hasNull = false
        for g in 0..<groupCount where b[g] < 0 { hasNull = true; break }
        let validity: ColumnBuffer? = hasNull ? Column.allValidBitmap(groupCount) : nil
        var end = 0
        for g in 0..<groupCount {
            if b[g] < 0 {
                if let validity { RawBits.clear(validity.bytes, g) }
            } else {
                let value = interner.bytes(of: Int(b[g]))
                if let base = value.baseAddress { (data.bytes + end).copyMemory(from: base, byteCount: value.count) }
                end += value.count
            }
            // `end` stays below the interned bytes, which Aggregate's memory limit keeps < 2 GiB.
            o[g + 1] = Int32(truncatingIfNeeded: end)
        }
        return Column(outputType, length: groupCount, validity: validity, values: data, offsets: offsets)
    }

    /// memcmp order, a prefix before the longer string.
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let c = memcmp(pa, pb, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }
}

import Foundation
import SluiceCore

/// Sum or average of an integer column. Sums are DT_I8 for signed and DT_UI8 for unsigned
/// inputs (SSIS widens a sum of DT_I4 to DT_I8); averages are DT_R8. NULLs are skipped; a group
/// with no value gives NULL. A sum that leaves the 64-bit range fails with a coded error
/// rather than wrapping.
final class IntegerSumAccumulator<Input: FixedWidthInteger & BitwiseCopyable, Total: FixedWidthInteger & BitwiseCopyable>: GroupAccumulator {
    private let totals = GrowableBuffer<Total>(zero: 0)
    private let counts = GrowableBuffer<UInt64>(zero: 0)
    private let average: Bool
    private let overflow: () -> SluiceError
    let outputType: DataType
    var byteCount: Int { totals.byteCount + counts.byteCount }

    init(average: Bool, overflow: @escaping () -> SluiceError) {
        self.average = average
        self.overflow = overflow
        outputType = average ? .r8 : (Total.isSigned ? .i8 : .ui8)
    }

    // Called through `any GroupAccumulator`, a generic class's method would run unspecialized
    // (generic conversions per row); these make the per-type kernels (dataflow-limits.md rule 3).
    @_specialize(where Input == Int8, Total == Int64)
    @_specialize(where Input == Int16, Total == Int64)
    @_specialize(where Input == Int32, Total == Int64)
    @_specialize(where Input == Int64, Total == Int64)
    @_specialize(where Input == UInt8, Total == UInt64)
    @_specialize(where Input == UInt16, Total == UInt64)
    @_specialize(where Input == UInt32, Total == UInt64)
    @_specialize(where Input == UInt64, Total == UInt64)
    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        let v = UnsafeRawPointer(column.valueBuffer.bytes).assumingMemoryBound(to: Input.self)
        let validity = column.validityBitmap
        var overflowed = false
        for r in 0..<rows {
            if let validity, validity[r >> 3] & (1 << UInt8(r & 7)) == 0 { continue }
            let g = Int(groups[r])
            let (sum, o) = t[g].addingReportingOverflow(Total(truncatingIfNeeded: v[r]))
            t[g] = sum
            overflowed = overflowed || o
            c[g] &+= 1
        }
        if overflowed { throw overflow() }
    }

    @_specialize(where Input == Int8, Total == Int64)
    @_specialize(where Input == Int16, Total == Int64)
    @_specialize(where Input == Int32, Total == Int64)
    @_specialize(where Input == Int64, Total == Int64)
    @_specialize(where Input == UInt8, Total == UInt64)
    @_specialize(where Input == UInt16, Total == UInt64)
    @_specialize(where Input == UInt32, Total == UInt64)
    @_specialize(where Input == UInt64, Total == UInt64)
    func finish(groupCount: Int) -> Column {
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        if average {
            return groupColumn(.r8, Double.self, count: groupCount, valid: c) { Double(t[$0]) / Double(c[$0]) }
        }
        return groupColumn(outputType, Total.self, count: groupCount, valid: c) { t[$0] }
    }
}

/// Sum or average of a DT_R4 / DT_R8 column, in Double: both give DT_R8.
final class RealSumAccumulator<Input: BinaryFloatingPoint & BitwiseCopyable>: GroupAccumulator {
    private let totals = GrowableBuffer<Double>(zero: 0)
    private let counts = GrowableBuffer<UInt64>(zero: 0)
    private let average: Bool
    let outputType = DataType.r8
    var byteCount: Int { totals.byteCount + counts.byteCount }

    init(average: Bool) { self.average = average }

    @_specialize(where Input == Float)
    @_specialize(where Input == Double)
    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        let v = UnsafeRawPointer(column.valueBuffer.bytes).assumingMemoryBound(to: Input.self)
        if let validity = column.validityBitmap {
            for r in 0..<rows where validity[r >> 3] & (1 << UInt8(r & 7)) != 0 {
                let g = Int(groups[r])
                t[g] += Double(v[r])
                c[g] &+= 1
            }
        } else {
            for r in 0..<rows {
                let g = Int(groups[r])
                t[g] += Double(v[r])
                c[g] &+= 1
            }
        }
    }

    func finish(groupCount: Int) -> Column {
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        return groupColumn(.r8, Double.self, count: groupCount, valid: c) { average ? t[$0] / Double(c[$0]) : t[$0] }
    }
}

/// Sum or average of a decimal column (DT_CY, DT_DECIMAL, DT_NUMERIC), exact in 128 bits at the
/// input's scale. The sum is DT_NUMERIC (precision 38, the input's scale) and fails with a
/// coded error past 38 digits; the average is DT_R8.
final class DecimalSumAccumulator: GroupAccumulator {
    private let totals = GrowableBuffer<Int128>(zero: 0)
    private let counts = GrowableBuffer<UInt64>(zero: 0)
    private let average: Bool
    private let scale: Int
    private let overflow: () -> SluiceError
    let outputType: DataType
    var byteCount: Int { totals.byteCount + counts.byteCount }
    private static let limit: Int128 = {
        var p: Int128 = 1
        for _ in 0..<38 { p *= 10 }
        return p
    }()

    init(average: Bool, scale: Int, overflow: @escaping () -> SluiceError) {
        self.average = average
        self.scale = scale
        self.overflow = overflow
        outputType = average ? .r8 : .numeric
    }

    func add(_ column: Column?, rows: Int, groups: UnsafePointer<Int32>, groupCount: Int) throws {
        guard let column else { return }
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        let v = UnsafeRawPointer(column.valueBuffer.bytes).assumingMemoryBound(to: Int128.self)
        let validity = column.validityBitmap
        var overflowed = false
        for r in 0..<rows {
            if let validity, validity[r >> 3] & (1 << UInt8(r & 7)) == 0 { continue }
            let g = Int(groups[r])
            let (sum, o) = t[g].addingReportingOverflow(v[r])
            t[g] = sum
            overflowed = overflowed || o || sum >= Self.limit || sum <= -Self.limit
            c[g] &+= 1
        }
        if overflowed { throw overflow() }
    }

    func finish(groupCount: Int) -> Column {
        totals.grow(to: groupCount)
        counts.grow(to: groupCount)
        let t = totals.base, c = counts.base
        if average {
            let unit = pow(10.0, Double(scale))
            return groupColumn(.r8, Double.self, count: groupCount, valid: c) { Double(t[$0]) / unit / Double(c[$0]) }
        }
        return groupColumn(.numeric, Int128.self, count: groupCount, scale: scale, valid: c) { t[$0] }
    }
}

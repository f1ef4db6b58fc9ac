import SluiceCore

/// The tight loops of the batch evaluator, over lanes of one chunk (see ``LaneKind``). Each
/// computes every row, NULL or not, and reports whether some row may need the scalar
/// evaluator (an overflow, a division by zero, a value out of range); the caller then finds
/// those rows and lets the scalar operator decide their value or error.
enum Kernels {
    // MARK: - Arithmetic

    /// `r = a op b` on reals (`DT_R4` results rounded to `Float`, as the scalar evaluator
    /// does). Returns whether a result is not finite: an overflow, or a division by zero.
    static func real(_ op: ArithmeticOperator, _ a: RealInput, _ b: RealInput, _ r: UnsafeMutablePointer<Double>, _ n: Int, r4: Bool)
        -> Bool
    {
        switch (a.scalar, b.scalar) {
        case (nil, let k?): return real(op, Stream(a.lanes), Broadcast(k), r, n, r4: r4)
        case (let k?, nil): return real(op, Broadcast(k), Stream(b.lanes), r, n, r4: r4)
        default: return real(op, Stream(a.lanes), Stream(b.lanes), r, n, r4: r4)
        }
    }

    @inline(__always)
    private static func real<A: RealOperand, B: RealOperand>(
        _ op: ArithmeticOperator, _ a: A, _ b: B, _ r: UnsafeMutablePointer<Double>, _ n: Int, r4: Bool
    ) -> Bool {
        if r4 {
            switch op {
            case .add: return realLoop(a, b, r, n) { Double(Float($0 + $1)) }
            case .subtract: return realLoop(a, b, r, n) { Double(Float($0 - $1)) }
            case .multiply: return realLoop(a, b, r, n) { Double(Float($0 * $1)) }
            case .divide, .remainder: return realLoop(a, b, r, n) { Double(Float($0 / $1)) }
            }
        }
        switch op {
        case .add: return realLoop(a, b, r, n, +)
        case .subtract: return realLoop(a, b, r, n, -)
        case .multiply: return realLoop(a, b, r, n, *)
        case .divide, .remainder: return realLoop(a, b, r, n, /)
        }
    }

    @inline(__always)
    private static func realLoop<A: RealOperand, B: RealOperand>(
        _ a: A, _ b: B, _ r: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double
    ) -> Bool {
        var bits: UInt64 = 0
        for i in 0..<n {
            let x = f(a[i], b[i])
            r[i] = x
            bits |= zeroOrNaN(x)
        }
        return anyNonFinite(bits)
    }

    /// The bits of `x * 0`: ±0 when `x` is finite, NaN when it is infinite or NaN. OR-ing them
    /// over a loop and testing ``anyNonFinite(_:)`` once finds a non-finite value with one
    /// multiply and one OR per row, and no branch, so the loop vectorizes.
    @inline(__always) static func zeroOrNaN(_ x: Double) -> UInt64 { (x * 0).bitPattern }

    /// Whether OR-ed ``zeroOrNaN(_:)`` bits came from a non-finite value (exponent bits set).
    @inline(__always) static func anyNonFinite(_ bits: UInt64) -> Bool { bits & 0x7FF0_0000_0000_0000 != 0 }

    /// 1 when `x` is infinite or NaN, else 0.
    @inline(__always) static func nonFinite(_ x: Double) -> UInt64 { x.isFinite ? 0 : 1 }

    /// `r = a op b` on integers, checked against Int64 overflow and the result type's range.
    /// Returns whether any row overflowed, left the range, or divided by zero.
    static func int(
        _ op: ArithmeticOperator, _ a: UnsafePointer<Int64>, _ b: UnsafePointer<Int64>, _ r: UnsafeMutablePointer<Int64>,
        _ n: Int, _ range: ClosedRange<Int64>
    ) -> Bool {
        let lo = range.lowerBound, hi = range.upperBound
        switch op {
        case .add: return intLoop(a, b, r, n, lo, hi) { $0.addingReportingOverflow($1) }
        case .subtract: return intLoop(a, b, r, n, lo, hi) { $0.subtractingReportingOverflow($1) }
        case .multiply: return intLoop(a, b, r, n, lo, hi) { $0.multipliedReportingOverflow(by: $1) }
        // Division by zero reports overflow (and does not trap), so the row is rechecked.
        case .divide: return intLoop(a, b, r, n, lo, hi) { $0.dividedReportingOverflow(by: $1) }
        case .remainder: return intLoop(a, b, r, n, lo, hi) { $0.remainderReportingOverflow(dividingBy: $1) }
        }
    }

    @inline(__always)
    private static func intLoop(
        _ a: UnsafePointer<Int64>, _ b: UnsafePointer<Int64>, _ r: UnsafeMutablePointer<Int64>, _ n: Int, _ lo: Int64,
        _ hi: Int64, _ f: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)
    ) -> Bool {
        var bad: UInt8 = 0
        for i in 0..<n {
            let (x, o) = f(a[i], b[i])
            r[i] = x
            bad |= (o ? 1 : 0) | (x < lo ? 1 : 0) | (x > hi ? 1 : 0)
        }
        return bad != 0
    }

    /// Whether `a op b` overflows, divides by zero or leaves `range` (one row of ``int``).
    static func intFails(_ op: ArithmeticOperator, _ a: Int64, _ b: Int64, _ range: ClosedRange<Int64>) -> Bool {
        let (x, o): (Int64, Bool) =
            switch op {
            case .add: a.addingReportingOverflow(b)
            case .subtract: a.subtractingReportingOverflow(b)
            case .multiply: a.multipliedReportingOverflow(by: b)
            case .divide: a.dividedReportingOverflow(by: b)
            case .remainder: a.remainderReportingOverflow(dividingBy: b)
            }
        return o || !range.contains(x)
    }

    /// The values of an integer type with lanes (every one but `DT_UI8`).
    static func range(_ t: DataType) -> ClosedRange<Int64> {
        switch t {
        case .i1: Int64(Int8.min)...Int64(Int8.max)
        case .i2: Int64(Int16.min)...Int64(Int16.max)
        case .i4: Int64(Int32.min)...Int64(Int32.max)
        case .ui1: 0...Int64(UInt8.max)
        case .ui2: 0...Int64(UInt16.max)
        case .ui4: 0...Int64(UInt32.max)
        default: Int64.min...Int64.max
        }
    }

    // MARK: - Comparison

    /// Bit `i` of `out` = `a[i] op b[i]`, with the scalar evaluator's order: a NaN is neither
    /// less than nor equal to anything, so it is greater (`>`, `>=` and `!=` hold).
    static func compare<T: Comparable>(
        _ op: ComparisonOperator, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<UInt64>, _ n: Int
    ) {
        switch op {
        case .equal: pack(a, b, out, n) { $0 == $1 }
        case .notEqual: pack(a, b, out, n) { !($0 == $1) }
        case .less: pack(a, b, out, n) { $0 < $1 }
        case .greater: pack(a, b, out, n) { !($0 < $1 || $0 == $1) }
        case .lessOrEqual: pack(a, b, out, n) { $0 < $1 || $0 == $1 }
        case .greaterOrEqual: pack(a, b, out, n) { !($0 < $1) }
        }
    }

    @inline(__always)
    private static func pack<T>(
        _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<UInt64>, _ n: Int, _ f: (T, T) -> Bool
    ) {
        var base = 0
        while base < n {
            let m = min(64, n - base)
            var bits: UInt64 = 0
            for j in 0..<m { bits |= (f(a[base + j], b[base + j]) ? 1 : 0) << UInt64(j) }
            out[base >> 6] = bits
            base += 64
        }
    }

    /// Equality of booleans, a word (64 rows) at a time.
    static func compareBits(
        equal: Bool, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>, _ out: UnsafeMutablePointer<UInt64>, _ words: Int
    ) {
        for w in 0..<words { out[w] = equal ? ~(a[w] ^ b[w]) : a[w] ^ b[w] }
    }
}

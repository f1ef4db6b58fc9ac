extension Kernels {
    /// `r = a ⊕ (c ⊗ d)` (or `(c ⊗ d) ⊕ a` when `innerOnLeft`) on `DT_R8` lanes in one pass,
    /// so every input streams from memory at once instead of one loop after another. Returns
    /// whether the inner or outer result of a row is not finite; the caller then evaluates the
    /// chunk node by node instead, to find the row and the error.
    static func fused(
        _ outer: ArithmeticOperator, _ inner: ArithmeticOperator, innerOnLeft: Bool, _ a: UnsafePointer<Double>,
        _ c: UnsafePointer<Double>, _ d: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int
    ) -> Bool {
        switch outer {
        case .add: return fusedInner(inner, innerOnLeft, false, a, c, d, r, n, +)
        case .subtract: return fusedInner(inner, innerOnLeft, false, a, c, d, r, n, -)
        case .multiply: return fusedInner(inner, innerOnLeft, false, a, c, d, r, n, *)
        case .divide, .remainder: return fusedInner(inner, innerOnLeft, true, a, c, d, r, n, /)
        }
    }

    @inline(__always)
    private static func fusedInner(
        _ inner: ArithmeticOperator, _ innerOnLeft: Bool, _ outerDivides: Bool, _ a: UnsafePointer<Double>, _ c: UnsafePointer<Double>,
        _ d: UnsafePointer<Double>, _ r: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double
    ) -> Bool {
        switch inner {
        case .add: return fusedLoop(innerOnLeft, outerDivides, a, c, d, r, n, f, +)
        case .subtract: return fusedLoop(innerOnLeft, outerDivides, a, c, d, r, n, f, -)
        case .multiply: return fusedLoop(innerOnLeft, outerDivides, a, c, d, r, n, f, *)
        case .divide, .remainder: return fusedLoop(innerOnLeft, outerDivides, a, c, d, r, n, f, /)
        }
    }

    @inline(__always)
    private static func fusedLoop(
        _ innerOnLeft: Bool, _ outerDivides: Bool, _ a: UnsafePointer<Double>, _ c: UnsafePointer<Double>, _ d: UnsafePointer<Double>,
        _ r: UnsafeMutablePointer<Double>, _ n: Int, _ f: (Double, Double) -> Double, _ g: (Double, Double) -> Double
    ) -> Bool {
        // A non-finite inner result makes the outer one non-finite (inf ⊕ a, a ⊕ inf and
        // a * inf are inf or NaN), except a / inf, which is 0: only then is the inner checked.
        var bits: UInt64 = 0
        if innerOnLeft {
            for i in 0..<n {
                let x = f(g(c[i], d[i]), a[i])
                r[i] = x
                bits |= zeroOrNaN(x)
            }
        } else if !outerDivides {
            for i in 0..<n {
                let x = f(a[i], g(c[i], d[i]))
                r[i] = x
                bits |= zeroOrNaN(x)
            }
        } else {
            for i in 0..<n {
                let t = g(c[i], d[i])
                let x = f(a[i], t)
                r[i] = x
                bits |= zeroOrNaN(t) | zeroOrNaN(x)
            }
        }
        return anyNonFinite(bits)
    }
}

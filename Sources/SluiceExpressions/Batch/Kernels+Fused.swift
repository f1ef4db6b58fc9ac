extension Kernels {
    /// `r = a ⊕ (c ⊗ d)` (or `(c ⊗ d) ⊕ a` when `innerOnLeft`) on `DT_R8` lanes in one pass,
    /// so every input streams from memory at once instead of one loop after another. An input
    /// that is the same for every row (a literal, a variable) is read once, not as lanes.
    /// Returns whether the inner or outer result of a row is not finite; the caller then
    /// evaluates the chunk node by node instead, to find the row and the error.
    static func fused(
        _ outer: ArithmeticOperator, _ inner: ArithmeticOperator, innerOnLeft: Bool, _ a: RealInput, _ c: RealInput,
        _ d: RealInput, _ r: UnsafeMutablePointer<Double>, _ n: Int
    ) -> Bool {
        let shape = FusedShape(outer: outer, inner: inner, innerOnLeft: innerOnLeft)
        switch (a.scalar, c.scalar, d.scalar) {
        case (nil, nil, nil): return shape.run(Stream(a.lanes), Stream(c.lanes), Stream(d.lanes), r, n)
        case (nil, let k?, nil): return shape.run(Stream(a.lanes), Broadcast(k), Stream(d.lanes), r, n)
        case (nil, nil, let k?): return shape.run(Stream(a.lanes), Stream(c.lanes), Broadcast(k), r, n)
        case (let k?, nil, nil): return shape.run(Broadcast(k), Stream(c.lanes), Stream(d.lanes), r, n)
        default: return shape.run(Stream(a.lanes), Stream(c.lanes), Stream(d.lanes), r, n)  // rare: two constants
        }
    }
}

/// The operators and order of a fused `a ⊕ (c ⊗ d)`.
private struct FusedShape {
    let outer: ArithmeticOperator
    let inner: ArithmeticOperator
    let innerOnLeft: Bool

    @inline(__always)
    func run<A: RealOperand, C: RealOperand, D: RealOperand>(_ a: A, _ c: C, _ d: D, _ r: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        switch outer {
        case .add: return withInner(a, c, d, r, n, divides: false, +)
        case .subtract: return withInner(a, c, d, r, n, divides: false, -)
        case .multiply: return withInner(a, c, d, r, n, divides: false, *)
        case .divide, .remainder: return withInner(a, c, d, r, n, divides: true, /)
        }
    }

    @inline(__always)
    private func withInner<A: RealOperand, C: RealOperand, D: RealOperand>(
        _ a: A, _ c: C, _ d: D, _ r: UnsafeMutablePointer<Double>, _ n: Int, divides: Bool, _ f: (Double, Double) -> Double
    ) -> Bool {
        switch inner {
        case .add: return loop(a, c, d, r, n, divides, f, +)
        case .subtract: return loop(a, c, d, r, n, divides, f, -)
        case .multiply: return loop(a, c, d, r, n, divides, f, *)
        case .divide, .remainder: return loop(a, c, d, r, n, divides, f, /)
        }
    }

    @inline(__always)
    private func loop<A: RealOperand, C: RealOperand, D: RealOperand>(
        _ a: A, _ c: C, _ d: D, _ r: UnsafeMutablePointer<Double>, _ n: Int, _ outerDivides: Bool,
        _ f: (Double, Double) -> Double, _ g: (Double, Double) -> Double
    ) -> Bool {
        // A non-finite inner result makes the outer one non-finite (inf ⊕ a, a ⊕ inf and
        // a * inf are inf or NaN), except a / inf, which is 0: only then is the inner checked.
        var bits: UInt64 = 0
        if innerOnLeft {
            for i in 0..<n {
                let x = f(g(c[i], d[i]), a[i])
                r[i] = x
                bits |= Kernels.zeroOrNaN(x)
            }
        } else if !outerDivides {
            for i in 0..<n {
                let x = f(a[i], g(c[i], d[i]))
                r[i] = x
                bits |= Kernels.zeroOrNaN(x)
            }
        } else {
            for i in 0..<n {
                let t = g(c[i], d[i])
                let x = f(a[i], t)
                r[i] = x
                bits |= Kernels.zeroOrNaN(t) | Kernels.zeroOrNaN(x)
            }
        }
        return Kernels.anyNonFinite(bits)
    }
}

extension Kernels {
    /// Words of a chunk of `n` rows.
    @inline(__always) static func words(_ n: Int) -> Int { (n + 63) >> 6 }

    /// The validity of a result that is NULL when either operand is: the AND of the operands'
    /// bitmaps, written to `out` only when both have one.
    static func and(
        _ a: UnsafePointer<UInt64>?, _ b: UnsafePointer<UInt64>?, into out: UnsafeMutablePointer<UInt64>, _ n: Int
    ) -> UnsafePointer<UInt64>? {
        guard let a else { return b }
        guard let b else { return a }
        for w in 0..<words(n) { out[w] = a[w] & b[w] }
        return UnsafePointer(out)
    }

    /// SSIS's three-valued `&&` / `||`, with the scalar evaluator's short circuit: FALSE && x is
    /// FALSE and TRUE || x is TRUE whatever x is (even NULL); otherwise NULL if either is NULL.
    static func logical(
        and: Bool, _ x: UnsafePointer<UInt64>, _ xValid: UnsafePointer<UInt64>?, _ y: UnsafePointer<UInt64>,
        _ yValid: UnsafePointer<UInt64>?, values: UnsafeMutablePointer<UInt64>, validity: UnsafeMutablePointer<UInt64>,
        _ n: Int
    ) {
        for w in 0..<words(n) {
            let xv = xValid?[w] ?? ~0, yv = yValid?[w] ?? ~0
            let xt = x[w] & xv, yt = y[w] & yv
            if and {
                let decided = (xv & ~xt) | (yv & ~yt)  // a valid FALSE on either side
                validity[w] = decided | (xv & yv)
                values[w] = xt & yt
            } else {
                let decided = xt | yt  // a valid TRUE on either side
                validity[w] = decided | (xv & yv)
                values[w] = decided
            }
        }
    }

    /// Bit `i` of a bitmap.
    @inline(__always) static func bit(_ words: UnsafePointer<UInt64>, _ i: Int) -> Bool {
        words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// Sets or clears bit `i` of a bitmap.
    @inline(__always) static func setBit(_ words: UnsafeMutablePointer<UInt64>, _ i: Int, _ on: Bool) {
        if on { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
    }
}

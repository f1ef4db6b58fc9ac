import SluiceCore

extension Kernels {
    /// Casts a chunk from lanes of `from` to lanes of `to` (the type `target`), as the scalar
    /// `Casts.convert` does for numbers and booleans: reals round half away from zero to
    /// integers, booleans are -1 / 0 as numbers, numbers are TRUE when not zero. Returns whether
    /// a row may fail (out of range, not finite); those rows are rechecked by the scalar cast.
    static func cast(
        from: LaneKind, _ a: UnsafeRawPointer, to: LaneKind, _ target: DataType, _ r: UnsafeMutableRawPointer, _ n: Int
    ) -> Bool {
        let range = range(target)
        let r4 = target == .r4
        switch (from, to) {
        case (.int, .int):
            return castLoop(a, r, n) { (x: Int64) -> (Int64, Bool) in (x, !range.contains(x)) }
        case (.int, .real):
            // Through Double first, as `Value.double` is: a DT_R4 result is rounded twice.
            return castLoop(a, r, n) { (x: Int64) -> (Double, Bool) in (r4 ? Double(Float(Double(x))) : Double(x), false) }
        case (.real, .int):
            return castLoop(a, r, n) { (d: Double) -> (Int64, Bool) in
                guard d.isFinite && abs(d) < 9.2e18 else { return (0, true) }
                let x = Int64(d.rounded(.toNearestOrAwayFromZero))
                return (x, !range.contains(x))
            }
        case (.real, .real):
            if r4 { return castLoop(a, r, n) { (d: Double) -> (Double, Bool) in let x = Double(Float(d)); return (x, nonFinite(x) != 0) } }
            return castLoop(a, r, n) { (d: Double) -> (Double, Bool) in (d, nonFinite(d) != 0) }
        case (.int, .bool):
            packUnary(a.assumingMemoryBound(to: Int64.self), r, n) { $0 != 0 }
            return false
        case (.real, .bool):
            packUnary(a.assumingMemoryBound(to: Double.self), r, n) { $0 != 0 }
            return false
        case (.bool, .int):
            let bits = a.assumingMemoryBound(to: UInt64.self)
            let out = r.assumingMemoryBound(to: Int64.self)
            for i in 0..<n { out[i] = bit(bits, i) ? -1 : 0 }
            return range.lowerBound > -1  // TRUE is -1: out of range of an unsigned type
        case (.bool, .real):
            let bits = a.assumingMemoryBound(to: UInt64.self)
            let out = r.assumingMemoryBound(to: Double.self)
            for i in 0..<n { out[i] = bit(bits, i) ? -1 : 0 }
            return false
        case (.bool, .bool):
            r.copyMemory(from: a, byteCount: words(n) * 8)
            return false
        }
    }

    @inline(__always)
    private static func castLoop<A, R>(_ a: UnsafeRawPointer, _ r: UnsafeMutableRawPointer, _ n: Int, _ f: (A) -> (R, Bool)) -> Bool {
        let src = a.assumingMemoryBound(to: A.self)
        let out = r.assumingMemoryBound(to: R.self)
        var bad = false
        for i in 0..<n {
            let (x, fails) = f(src[i])
            out[i] = x
            bad = bad || fails
        }
        return bad
    }

    @inline(__always)
    private static func packUnary<T>(_ a: UnsafePointer<T>, _ r: UnsafeMutableRawPointer, _ n: Int, _ f: (T) -> Bool) {
        let out = r.assumingMemoryBound(to: UInt64.self)
        var base = 0
        while base < n {
            var bits: UInt64 = 0
            for j in 0..<min(64, n - base) { bits |= (f(a[base + j]) ? 1 : 0) << UInt64(j) }
            out[base >> 6] = bits
            base += 64
        }
    }

    /// Whether one row of ``cast(from:_:to:_:_:_:)`` may fail.
    static func castFails(from: LaneKind, _ a: UnsafeRawPointer, _ i: Int, to target: DataType) -> Bool {
        let range = range(target)
        switch (from, LaneKind(ExpressionType(target))) {
        case (.int, .int): return !range.contains(a.assumingMemoryBound(to: Int64.self)[i])
        case (.real, .int):
            let d = a.assumingMemoryBound(to: Double.self)[i]
            return !(d.isFinite && abs(d) < 9.2e18) || !range.contains(Int64(d.rounded(.toNearestOrAwayFromZero)))
        case (.real, .real):
            let d = a.assumingMemoryBound(to: Double.self)[i]
            return nonFinite(target == .r4 ? Double(Float(d)) : d) != 0
        case (.bool, .int): return bit(a.assumingMemoryBound(to: UInt64.self), i) && range.lowerBound > -1
        default: return false
        }
    }
}

/// Parsers of the types added after the first cut: unsigned integers and timestamps.
extension FieldParsers {
    /// `[+]digits`, within UInt64 (`DT_UI8`; the narrower unsigned types check their range after).
    @inline(__always) static func uint64(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64? {
        var i = 0
        if n > 0, p[0] == UInt8(ascii: "+") { i = 1 }
        guard i < n else { return nil }
        var magnitude: UInt64 = 0
        while i < n {
            let d = p[i] &- 48
            guard d < 10 else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { return nil }
            magnitude = s
            i += 1
        }
        return magnitude
    }

    /// `YYYY-MM-DD[( |T)hh:mm[:ss[.f…]]]` as microseconds since 1970-01-01 00:00:00 (no time
    /// zone: `DT_DBTIMESTAMP` and `DT_DATE` are wall-clock values). Fraction digits past the sixth
    /// are dropped (the column holds microseconds); at most 9 are accepted.
    static func timestamp(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n >= 10, let days = date(p, 10) else { return nil }
        var micros = Int64(days) * 86_400_000_000
        if n == 10 { return micros }
        guard n >= 16, p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":") else { return nil }
        @inline(__always) func twoDigits(_ i: Int) -> Int64? {
            let a = p[i] &- 48, b = p[i + 1] &- 48
            return a < 10 && b < 10 ? Int64(a) * 10 + Int64(b) : nil
        }
        guard let hour = twoDigits(11), let minute = twoDigits(14), hour < 24, minute < 60 else { return nil }
        var second: Int64 = 0
        var i = 16
        if n > 16 {
            guard n >= 19, p[16] == UInt8(ascii: ":"), let s = twoDigits(17), s < 60 else { return nil }
            second = s
            i = 19
        }
        var fraction: Int64 = 0
        if i < n {
            guard p[i] == UInt8(ascii: "."), n - i - 1 >= 1, n - i - 1 <= 9 else { return nil }
            var digits = 0
            for j in (i + 1)..<n {
                let d = p[j] &- 48
                guard d < 10 else { return nil }
                if digits < 6 { fraction = fraction * 10 + Int64(d); digits += 1 }
            }
            while digits < 6 { fraction *= 10; digits += 1 }
        }
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000 + fraction
        return micros
    }
}

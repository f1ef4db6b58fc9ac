import Glibc

/// Hand-written parsers from the field's bytes: no String, no Foundation, no locale. Each
/// returns nil for text that is not a valid value of its type (the caller reports it).
enum FieldParsers {
    /// `[+-]digits`, within Int64.
    @inline(__always) static func int64(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { negative = p[0] == UInt8(ascii: "-"); i = 1 }
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
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// Exact powers of ten a Double holds (10^0 ... 10^22): the Clinger fast path.
    static let exactPowersOfTen: [Double] = (0...22).map { e in (0..<e).reduce(1.0) { acc, _ in acc * 10 } }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, correctly rounded: a mantissa of at most 15
    /// digits scaled by an exact power of ten (one correctly rounded operation), else `strtod`.
    @inline(__always) static func double(_ p: UnsafePointer<UInt8>, _ n: Int, _ powers: UnsafePointer<Double>) -> Double? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { negative = p[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fraction = 0
        var sawDigit = false
        while i < n, p[i] &- 48 < 10 {
            if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48) }
            if mantissa != 0 { digits += 1 }
            sawDigit = true
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, p[i] &- 48 < 10 {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(p[i] &- 48) }
                if mantissa != 0 { digits += 1 }
                fraction += 1
                sawDigit = true
                i += 1
            }
        }
        if i == n, sawDigit, digits <= 15, fraction <= 22 {
            let v = Double(mantissa) / powers[fraction]
            return negative ? -v : v
        }
        return slowDouble(p, n)
    }

    /// Exponents, long mantissas, `inf`/`nan`: `strtod` on a NUL-terminated copy, refusing
    /// what is not one whole decimal number (hex, leading blanks, trailing text).
    static func slowDouble(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n > 0, n < 512 else { return nil }
        for i in 0..<n {
            let c = p[i]
            let ok = c &- 48 < 10 || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
            guard ok else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return nil }
            UnsafeMutableRawPointer(base).copyMemory(from: p, byteCount: n)
            base[n] = 0
            var end: UnsafeMutablePointer<CChar>?
            let v = strtod(base, &end)
            guard let end, end - base == n else { return nil }
            return v
        }
    }

    /// `[+-]digits[.digits]` as a decimal128 mantissa at `scale`; extra fraction digits are
    /// rounded half away from zero; nil past 38 digits.
    @inline(__always) static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int, scale: Int) -> Int128? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { negative = p[0] == UInt8(ascii: "-"); i = 1 }
        var value: Int128 = 0
        var sawDigit = false
        var fraction = 0
        var roundUp = false
        var inFraction = false
        while i < n {
            let c = p[i]
            if c == UInt8(ascii: "."), !inFraction {
                inFraction = true
                i += 1
                continue
            }
            let d = c &- 48
            guard d < 10 else { return nil }
            sawDigit = true
            if inFraction {
                fraction += 1
                if fraction > scale {
                    // Past the scale: the first extra digit decides the rounding, the rest are only checked.
                    if fraction == scale + 1 { roundUp = d >= 5 }
                    i += 1
                    continue
                }
            }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int128(d))
            guard !o1, !o2 else { return nil }
            value = s
            i += 1
        }
        guard sawDigit else { return nil }
        while fraction < scale {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            guard !o else { return nil }
            value = m
            fraction += 1
        }
        if roundUp { value += 1 }
        guard value < maxDecimal else { return nil }
        return negative ? -value : value
    }

    /// 10^38: decimal128 holds 38 digits.
    static let maxDecimal: Int128 = {
        var v: Int128 = 1
        for _ in 0..<38 { v *= 10 }
        return v
    }()

    /// `YYYY-MM-DD` (a real day of the proleptic Gregorian calendar) as days since 1970-01-01.
    @inline(__always) static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let d = p[i] &- 48
            return d < 10 ? Int(d) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
            let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
        else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        let month = m0 * 10 + m1
        let day = d0 * 10 + d1
        guard year >= 1, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year, month) else { return nil }
        return Int32(daysFromCivil(year, month, day))
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil.
    @inline(__always) static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's civil_from_days.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// `true`/`false` in any case, `1`, `0` or `-1` (SSIS's TRUE).
    @inline(__always) static func bool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        if n == 1 { return p[0] == UInt8(ascii: "1") ? true : p[0] == UInt8(ascii: "0") ? false : nil }
        if n == 2, p[0] == UInt8(ascii: "-"), p[1] == UInt8(ascii: "1") { return true }
        @inline(__always) func lower(_ i: Int) -> UInt8 { p[i] | 0x20 }
        if n == 4, lower(0) == UInt8(ascii: "t"), lower(1) == UInt8(ascii: "r"), lower(2) == UInt8(ascii: "u"), lower(3) == UInt8(ascii: "e") {
            return true
        }
        if n == 5, lower(0) == UInt8(ascii: "f"), lower(1) == UInt8(ascii: "a"), lower(2) == UInt8(ascii: "l"),
            lower(3) == UInt8(ascii: "s"), lower(4) == UInt8(ascii: "e")
        {
            return false
        }
        return nil
    }

    /// Whether any of `n` bytes is `byte`: 8 bytes a word (exact zero-byte test), no call per field.
    @inline(__always) static func contains(_ p: UnsafePointer<UInt8>, _ n: Int, _ byte: UInt8) -> Bool {
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var i = 0
        while i &+ 8 <= n {
            let x = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) ^ pattern
            let t = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
            if t != 0 { return true }
            i &+= 8
        }
        while i < n {
            if p[i] == byte { return true }
            i &+= 1
        }
        return false
    }

    /// Whether `n` bytes are valid UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
    @inline(__always) static func isValidUTF8(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < n {
            let b0 = p[i]
            if b0 < 0x80 { i += 1; continue }
            var need = 0
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return false
            }
            guard i + need < n else { return false }
            let b1 = p[i + 1]
            guard b1 >= lo, b1 <= hi else { return false }
            var k = 2
            while k <= need {
                guard p[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += need + 1
        }
        return true
    }
}

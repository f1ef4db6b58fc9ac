/// The text forms the SQLite components write and read for values SQLite has no type for:
/// dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]` (what SQLite's own date
/// functions read and write) and exact decimals `-123.45`. Byte-level, no String per value.
enum SQLiteText {
    static let microsPerDay: Int64 = 86_400_000_000
    /// 10^38: decimal128 mantissas stay below it (38 digits).
    static let decimalLimit: Int128 = Int128(10).power(38)

    // MARK: Writing (into a caller's scratch buffer of at least 48 bytes)

    /// Writes `days` since 1970-01-01 as `YYYY-MM-DD`; returns the byte count.
    static func writeDate(_ days: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let (y, m, d) = civil(days)
        var n = 0
        if y < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
        n += digits(y.magnitude, width: 4, into: out + n)
        out[n] = UInt8(ascii: "-")
        n += 1 + digits(UInt64(m), width: 2, into: out + n + 1)
        out[n] = UInt8(ascii: "-")
        n += 1 + digits(UInt64(d), width: 2, into: out + n + 1)
        return n
    }

    /// Writes microseconds since 1970 as `YYYY-MM-DD HH:MM:SS`, plus `.ffffff` when not whole.
    static func writeTimestamp(_ micros: Int64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let (days, rest) = micros.quotientAndRemainder(dividingBy: microsPerDay)
        let (day, inDay) = rest < 0 ? (days - 1, rest + microsPerDay) : (days, rest)
        var n = writeDate(day, into: out)
        let seconds = inDay / 1_000_000
        out[n] = UInt8(ascii: " ")
        n += 1 + digits(UInt64(seconds / 3600), width: 2, into: out + n + 1)
        out[n] = UInt8(ascii: ":")
        n += 1 + digits(UInt64(seconds / 60 % 60), width: 2, into: out + n + 1)
        out[n] = UInt8(ascii: ":")
        n += 1 + digits(UInt64(seconds % 60), width: 2, into: out + n + 1)
        if inDay % 1_000_000 != 0 {
            out[n] = UInt8(ascii: ".")
            n += 1 + digits(UInt64(inDay % 1_000_000), width: 6, into: out + n + 1)
        }
        return n
    }

    /// Writes a decimal128 mantissa at `scale` as `-123.45` (always `scale` digits after the point).
    static func writeDecimal(_ value: Int128, scale requested: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        // Package columns hold scales 0...38 (the decoder checks); kept in range here so the
        // 48 bytes of scratch below can never be outgrown.
        let scale = min(max(requested, 0), 38)
        var reversed: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)  // 48 bytes of scratch
        return withUnsafeMutableBytes(of: &reversed) { raw in
            let tmp = raw.bindMemory(to: UInt8.self)
            var magnitude = value.magnitude
            var count = 0
            repeat {
                tmp[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0 || count <= scale
            var n = 0
            if value < 0 { out[0] = UInt8(ascii: "-"); n = 1 }
            for i in stride(from: count - 1, through: 0, by: -1) {
                if i == scale - 1 { out[n] = UInt8(ascii: "."); n += 1 }
                out[n] = tmp[i]
                n += 1
            }
            return n
        }
    }

    private static func digits(_ value: UInt64, width: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 0
        var v = value
        repeat { count += 1; v /= 10 } while v > 0
        let total = max(count, width)
        v = value
        for i in stride(from: total - 1, through: 0, by: -1) {
            out[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
        }
        return total
    }

    // MARK: Reading

    /// `YYYY-MM-DD` as days since 1970-01-01; nil when the text is anything else.
    static func date(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"),
            let y = number(p, 0, 4), let m = number(p, 5, 2), let d = number(p, 8, 2), valid(y, m, d)
        else { return nil }
        return days(y, m, d)
    }

    /// `YYYY-MM-DD`, optionally with ` HH:MM[:SS[.f…]]` (or `T` for the space, and a final `Z`),
    /// as microseconds since 1970; digits past the sixth of a fraction are dropped.
    static func timestamp(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int64? {
        var n = count
        if n > 10, p[n - 1] == UInt8(ascii: "Z") { n -= 1 }
        guard n >= 10, let day = date(p, 10) else { return nil }
        var micros = day * microsPerDay
        if n == 10 { return micros }
        guard n >= 16, p[10] == UInt8(ascii: " ") || p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":"),
            let h = number(p, 11, 2), let mi = number(p, 14, 2), h < 24, mi < 60
        else { return nil }
        var seconds = Int64(h * 3600 + mi * 60)
        var i = 16
        if n > 16 {
            guard n >= 19, p[16] == UInt8(ascii: ":"), let s = number(p, 17, 2), s < 60 else { return nil }
            seconds += Int64(s)
            i = 19
        }
        micros += seconds * 1_000_000
        if i < n {
            guard p[i] == UInt8(ascii: "."), i + 1 < n else { return nil }
            var fraction: Int64 = 0
            var scale: Int64 = 100_000
            for j in (i + 1)..<n {
                guard let digit = digit(p[j]) else { return nil }
                fraction += Int64(digit) * scale
                scale /= 10
            }
            micros += fraction
        }
        return micros
    }

    /// `-123.45` as a decimal128 mantissa at `scale`, extra fraction digits rounded half away
    /// from zero; nil when it is not such a number or needs more than 38 digits.
    static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int, scale: Int) -> Int128? {
        var i = 0
        var negative = false
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: Int128 = 0
        var seenDigit = false
        var fractionDigits = -1  // -1 until the point
        var roundUp = false
        while i < n {
            let b = p[i]
            i += 1
            if b == UInt8(ascii: "."), fractionDigits < 0 {
                fractionDigits = 0
                continue
            }
            guard let d = digit(b) else { return nil }
            seenDigit = true
            if fractionDigits >= 0 {
                if fractionDigits == scale {
                    // The first dropped digit decides the rounding; later ones are only checked.
                    roundUp = d >= 5
                    fractionDigits = scale + 1
                    continue
                }
                if fractionDigits > scale { continue }
                fractionDigits += 1
            }
            guard let next = timesTenPlus(mantissa, d) else { return nil }
            mantissa = next
        }
        guard seenDigit else { return nil }
        // Fewer fraction digits than the scale: pad. (More were rounded away above: a range
        // from the count to the scale would run backwards and trap.)
        for _ in 0..<max(scale - max(fractionDigits, 0), 0) {
            guard let next = timesTenPlus(mantissa, 0) else { return nil }
            mantissa = next
        }
        if roundUp {
            mantissa += 1
            guard mantissa < decimalLimit else { return nil }
        }
        return negative ? -mantissa : mantissa
    }

    /// `m * 10 + d` for a non-negative `m` and a digit `d`, nil when that reaches 10^38 (checked
    /// before multiplying: 10^38 * 10 is past Int128's range).
    static func timesTenPlus(_ m: Int128, _ d: Int) -> Int128? {
        guard m < decimalLimit / 10 else { return nil }
        return m * 10 + Int128(d)
    }

    // MARK: Calendar (proleptic Gregorian, Howard Hinnant's days-from-civil)

    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int64 {
        let year = Int64(m <= 2 ? y - 1 : y)
        let era = (year >= 0 ? year : year - 399) / 400
        let yoe = year - era * 400
        let mp = Int64(m > 2 ? m - 3 : m + 9)
        let doy = (153 * mp + 2) / 5 + Int64(d) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func valid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= lengths[m - 1]
    }

    @inline(__always) private static func digit(_ b: UInt8) -> Int? {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b &- UInt8(ascii: "0")) : nil
    }

    private static func number(_ p: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for i in start..<(start + count) {
            guard let d = digit(p[i]) else { return nil }
            value = value * 10 + d
        }
        return value
    }
}

extension Int128 {
    fileprivate func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { r, _ in r * self } }
}

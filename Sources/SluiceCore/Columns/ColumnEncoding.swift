import Foundation

/// Conversions between ``Value``s and the Arrow representations of dates, times, decimals and
/// GUIDs in column buffers.
enum ColumnEncoding {
    /// Seconds from 1970-01-01 back to 1899-12-30, SSIS's zero date: a `DT_DBTIME` value is a
    /// time of day on that date.
    static let timeBaseSeconds: Int64 = -2_209_161_600
    static let microsPerDay: Int64 = 86_400_000_000

    /// Microseconds since 1970-01-01, rounded to the nearest; nil beyond ±290,000 years.
    static func micros(_ d: Date) -> Int64? {
        let us = (d.timeIntervalSince1970 * 1e6).rounded()
        guard us.isFinite, abs(us) < 9.2e18 else { return nil }
        return Int64(us)
    }

    static func date(micros: Int64) -> Date { Date(timeIntervalSince1970: Double(micros) / 1e6) }

    /// Whole days since 1970-01-01 (the day a moment falls in).
    static func days(_ d: Date) -> Int32? {
        let days = (d.timeIntervalSince1970 / 86_400).rounded(.down)
        guard days.isFinite, let i = Int32(exactly: days) else { return nil }
        return i
    }

    static func date(days: Int32) -> Date { Date(timeIntervalSince1970: Double(days) * 86_400) }

    /// Microseconds since midnight.
    static func timeOfDay(_ d: Date) -> Int64? {
        guard let us = micros(d) else { return nil }
        return ((us % microsPerDay) + microsPerDay) % microsPerDay
    }

    static func date(timeOfDay: Int64) -> Date { date(micros: timeBaseSeconds * 1_000_000 + timeOfDay) }

    /// The decimal128 integer of `d` at `scale` (rounded half away from zero); nil when it
    /// needs more than 38 digits.
    static func decimal128(_ d: Decimal, scale: Int) -> Int128? {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        guard !rounded.isNaN else { return nil }
        // Decimal's description has no exponent: "-12.5", "0.001", "1000".
        var text = rounded.description
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= scale else { return nil }
        let digits = String(parts[0]) + fraction + String(repeating: "0", count: scale - fraction.count)
        guard digits.count <= 39, let magnitude = Int128(digits), magnitude < Int128(10).power(38) else { return nil }
        return negative ? -magnitude : magnitude
    }

    static func decimal(_ v: Int128, scale: Int) -> Decimal {
        var digits = String(v.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return Decimal(string: (v < 0 ? "-" : "") + digits)!
    }
}

extension Int128 {
    fileprivate func power(_ n: Int) -> Int128 { (0..<n).reduce(1) { r, _ in r * self } }
}

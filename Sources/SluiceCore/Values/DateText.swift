import Foundation

/// Reads and writes dates the way package files and `--set` spell them: ISO 8601 in the
/// proleptic Gregorian calendar, `2026-11-25` or `2026-11-25T10:00:00[.ffffff]` followed by
/// nothing, `Z` or an offset `±hh:mm`.
///
/// Reading is strict: a day the month does not have (`2026-02-30`), `24:00`, a leap second, a
/// year outside 0001-9999 or a fraction finer than a microsecond is refused, never rolled over
/// or rounded. Sluice's dates are wall-clock times held as UTC (as the expression language
/// reads them), so a date without an offset and one in `Z` mean the same.
package enum DateText {
    /// A date as written: the instant, and the offset when the text gave one.
    package struct Parsed {
        package var instant: Date
        /// Seconds east of UTC: nil without an offset, 0 for `Z`.
        package var offsetSeconds: Int?
        /// Whether the offset was written as `±hh:mm` (`+00:00` is not `Z` for DT_DBTIMESTAMPOFFSET).
        package var offsetIsNumeric: Bool
        /// Whether a time of day other than midnight was written.
        package var hasTimeOfDay: Bool
    }

    /// Reads a date, or says why it is not one.
    package static func parse(_ text: String) -> Result<Parsed, ValueRefusal> {
        var scanner = DateScanner(text)
        return scanner.read()
    }

    /// The text of a date value: UTC with `Z`, or the wall-clock time at `offsetSeconds` with
    /// that offset. Fractions are written to the microsecond (three digits when whole
    /// milliseconds), the precision a date value keeps.
    package static func valueText(_ date: Date, offsetSeconds: Int? = nil) -> String {
        // A package's offsets are within ±14:00; a wilder one made in code must not overflow.
        guard let (seconds, micros) = split(date), (offsetSeconds ?? 0).magnitude <= 86_400 else { return format(date) }
        let local = seconds + Int64(offsetSeconds ?? 0)
        let days = local.floorDivided(by: 86_400)
        guard let (y, m, d) = civil(fromDays: days), (1...9999).contains(y) else {
            return format(date)  // outside what a package can hold: Foundation's text
        }
        let secondOfDay = Int(local - days * 86_400)
        var text = digits(y, 4) + "-" + digits(m, 2) + "-" + digits(d, 2) + "T"
        text += digits(secondOfDay / 3600, 2) + ":" + digits(secondOfDay / 60 % 60, 2) + ":" + digits(secondOfDay % 60, 2)
        if micros != 0 { text += micros % 1000 == 0 ? "." + digits(micros / 1000, 3) : "." + digits(micros, 6) }
        guard let offsetSeconds else { return text + "Z" }
        let magnitude = offsetSeconds.magnitude
        return text + (offsetSeconds < 0 ? "-" : "+") + digits(Int(magnitude / 3600), 2) + ":" + digits(Int(magnitude / 60 % 60), 2)
    }

    /// Event and log times (milliseconds, UTC).
    package static func format(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: date.timeIntervalSince1970.rounded() != date.timeIntervalSince1970)
        return date.formatted(style)
    }

    // MARK: - Arithmetic (proleptic Gregorian, no time zones)

    /// The whole seconds since 1970 and the microseconds after them that `date` is written
    /// with: the fewest fraction digits (none, 3 or 6) that give back this very `Date`, else
    /// the microseconds rounded (a `Date` from a clock). Nil for a date no text holds.
    ///
    /// A `Date` is a Double of seconds since 2001, so far from 2001 it cannot tell microseconds
    /// apart (it steps by 30 µs in 9999): the milliseconds written there still come back.
    static func split(_ date: Date) -> (seconds: Int64, micros: Int)? {
        let t = date.timeIntervalSinceReferenceDate
        guard t.isFinite, abs(t) < 1e14 else { return nil }
        let whole = t.rounded(.down)
        let fraction = t - whole  // exact
        for unit in [1_000_000, 1000, 1] {  // in microseconds: a second, a millisecond, a microsecond
            var micros = Int((fraction * 1_000_000 / Double(unit)).rounded()) * unit
            var seconds = Int64(whole) + 978_307_200
            if micros >= 1_000_000 {
                seconds += 1
                micros -= 1_000_000
            }
            if unit == 1 || Self.date(seconds: seconds, micros: micros) == date { return (seconds, micros) }
        }
        return nil
    }

    /// Midnight (UTC) of the day of `date`.
    package static func startOfDay(_ date: Date) -> Date {
        let t = date.timeIntervalSince1970
        guard t.isFinite else { return date }
        return Date(timeIntervalSince1970: (t / 86_400).rounded(.down) * 86_400)
    }

    static func date(seconds: Int64, micros: Int) -> Date {
        // Since the reference date, whose seconds a Date holds: one rounding, not two.
        Date(timeIntervalSinceReferenceDate: Double(seconds - 978_307_200) + Double(micros) / 1_000_000)
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * Int64(month > 2 ? month - 3 : month + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays z: Int64) -> (year: Int, month: Int, day: Int)? {
        guard abs(z) < 1_000_000_000 else { return nil }
        let shifted = z + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0)), Int(month), Int(day))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Int64 {
    fileprivate func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}

/// Reads one date text, byte by byte (see ``DateText``).
private struct DateScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    mutating func read() -> Result<DateText.Parsed, ValueRefusal> {
        let expected = ValueRefusal("expected an ISO 8601 date such as 2026-01-31 or 2026-01-31T10:00:00")
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else {
            return .failure(expected)
        }
        guard (1...9999).contains(year) else { return .failure(.init("the year must be 0001 to 9999")) }
        guard (1...12).contains(month) else { return .failure(.init("there is no month \(month)")) }
        guard (1...DateText.daysIn(month: month, year: year)).contains(day) else {
            return .failure(.init("\(year)-\(pad(month)) has no day \(day)"))
        }
        var secondOfDay = 0
        var micros = 0
        var offset: Int?
        var numericOffset = false
        if index < bytes.count {
            guard take("T"), let hour = number(2), take(":"), let minute = number(2), take(":"), let second = number(2) else {
                return .failure(expected)
            }
            guard hour <= 23, minute <= 59, second <= 59 else {
                return .failure(.init("\(pad(hour)):\(pad(minute)):\(pad(second)) is not a time of day (00:00:00 to 23:59:59)"))
            }
            secondOfDay = hour * 3600 + minute * 60 + second
            if take(".") {
                var count = 0
                while index < bytes.count, let d = digit(bytes[index]) {
                    if count < 6 {
                        micros = micros * 10 + d
                    } else if d != 0 {
                        return .failure(.init("a date keeps microseconds: more than 6 digits of a second"))
                    }
                    count += 1
                    index += 1
                }
                guard count > 0 else { return .failure(expected) }
                for _ in min(count, 6)..<6 { micros *= 10 }
            }
            if take("Z") {
                offset = 0
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let h = number(2), take(":"), let m = number(2) else { return .failure(.init("an offset is written ±hh:mm")) }
                guard m <= 59, h * 60 + m <= 14 * 60 else { return .failure(.init("an offset is at most ±14:00")) }
                offset = sign * (h * 3600 + m * 60)
                numericOffset = true
            }
            guard index == bytes.count else { return .failure(expected) }
        }
        let local = DateText.days(year: year, month: month, day: day) * 86_400 + Int64(secondOfDay)
        let seconds = local - Int64(offset ?? 0)
        let instant = DateText.date(seconds: seconds, micros: micros)
        // A Date is a Double: far from 2001 it cannot tell microseconds apart. Refuse what would
        // be written back as another time.
        guard let back = DateText.split(instant), back.seconds == seconds, back.micros == micros else {
            return .failure(.init("a date this far from 2001 cannot hold that fraction of a second exactly"))
        }
        return .success(.init(instant: instant, offsetSeconds: offset, offsetIsNumeric: numericOffset, hasTimeOfDay: secondOfDay != 0 || micros != 0))
    }

    private mutating func take(_ c: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: c) else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits.
    private mutating func number(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var n = 0
        for i in index..<index + count {
            guard let d = digit(bytes[i]) else { return nil }
            n = n * 10 + d
        }
        index += count
        return n
    }

    private func digit(_ b: UInt8) -> Int? { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") ? Int(b - UInt8(ascii: "0")) : nil }
    private func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

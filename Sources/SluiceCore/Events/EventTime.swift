import Foundation

/// The time of an event on the wire: UTC, always six fraction digits,
/// `2026-05-04T10:11:12.000250Z`. Fixed width so lines sort and compare as text, and whole
/// microseconds so a time read back is the time written.
enum EventTime {
    /// Microseconds since 1970 of 0001-01-01T00:00:00Z and of 9999-12-31T23:59:59.999999Z.
    static let earliest = DateText.days(year: 1, month: 1, day: 1) * microsPerDay
    static let latest = DateText.days(year: 10_000, month: 1, day: 1) * microsPerDay - 1
    private static let microsPerDay: Int64 = 86_400_000_000

    /// `date` in whole microseconds, held within years 1 to 9999 (a clock gives nothing else;
    /// a date made in code might).
    static func microseconds(of date: Date) -> Int64 {
        guard let (seconds, micros) = DateText.split(date) else {
            return date.timeIntervalSinceReferenceDate < 0 ? earliest : latest
        }
        // Held in seconds first: a `Date` goes on far beyond what an Int64 of microseconds holds.
        if seconds < earliest / 1_000_000 { return earliest }
        if seconds > latest / 1_000_000 { return latest }
        return min(max(seconds * 1_000_000 + Int64(micros), earliest), latest)
    }

    static func date(_ micros: Int64) -> Date {
        let (seconds, rest) = floorSplit(micros, 1_000_000)
        return DateText.date(seconds: seconds, micros: Int(rest))
    }

    static func text(_ micros: Int64) -> String {
        let clamped = min(max(micros, earliest), latest)
        let (days, ofDay) = floorSplit(clamped, microsPerDay)
        // The clamp keeps the day within years 1 to 9999, which `civil` always converts.
        let (y, m, d) = DateText.civil(fromDays: days) ?? (1970, 1, 1)
        let secondOfDay = ofDay / 1_000_000
        return digits(Int64(y), 4) + "-" + digits(Int64(m), 2) + "-" + digits(Int64(d), 2) + "T"
            + digits(secondOfDay / 3600, 2) + ":" + digits(secondOfDay / 60 % 60, 2) + ":" + digits(secondOfDay % 60, 2)
            + "." + digits(ofDay % 1_000_000, 6) + "Z"
    }

    /// Reads exactly the form ``text(_:)`` writes; nil for anything else.
    static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 27, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), b[10] == UInt8(ascii: "T"),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"), b[19] == UInt8(ascii: "."), b[26] == UInt8(ascii: "Z"),
            let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
            let hour = number(b[11..<13]), let minute = number(b[14..<16]), let second = number(b[17..<19]),
            let micros = number(b[20..<26]),
            year >= 1, (1...12).contains(month), day >= 1, day <= DateText.daysIn(month: Int(month), year: Int(year)),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = DateText.days(year: Int(year), month: Int(month), day: Int(day))
        return days * microsPerDay + ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var n: Int64 = 0
        for c in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) else { return nil }
            n = n * 10 + Int64(c - UInt8(ascii: "0"))  // at most six digits
        }
        return n
    }

    private static func floorSplit(_ n: Int64, _ d: Int64) -> (quotient: Int64, remainder: Int64) {
        let r = n % d
        return r < 0 ? (n / d - 1, r + d) : (n / d, r)
    }

    private static func digits(_ n: Int64, _ width: Int) -> String {
        let text = String(n)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

import Foundation

/// Dates in expressions are wall-clock values held as `Date` in UTC: parts are read and
/// written with a Gregorian calendar in UTC, so no time-zone rule ever shifts a value.
enum DateTime {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// Reads `YYYY-MM-DD`, `YYYY-MM-DD hh:mm[:ss[.fffffff]]` (a `T` may stand for the space) and
    /// `hh:mm[:ss[.fff]]` (a time on 1899-12-30, SSIS's zero date). Nothing out of range rolls over.
    static func parse(_ text: String) -> Date? {
        let s = text.trimmingCharacters(in: .whitespaces)
        var date = DateComponents(year: 1899, month: 12, day: 30)
        var rest = Substring(s)
        if s.count >= 10, s[s.index(s.startIndex, offsetBy: 4)] == "-" {
            let parts = s.prefix(10).split(separator: "-")
            guard parts.count == 3, let y = digits(parts[0]), let m = digits(parts[1]), let d = digits(parts[2]),
                parts[0].count == 4, (1...12).contains(m), (1...daysIn(month: m, year: y)).contains(d)
            else { return nil }
            date = DateComponents(year: y, month: m, day: d)
            rest = s.dropFirst(10)
            if rest.isEmpty { return calendar.date(from: date) }
            guard rest.first == " " || rest.first == "T" else { return nil }
            rest = rest.dropFirst()
        }
        if rest.hasSuffix("Z") { rest = rest.dropLast() }
        let timeParts = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(timeParts.count), let h = digits(timeParts[0]), let mi = digits(timeParts[1]),
            (0...23).contains(h), (0...59).contains(mi), timeParts[0].count <= 2, timeParts[1].count == 2
        else { return nil }
        var seconds = 0.0
        if timeParts.count == 3 {
            guard let sec = secondsField(timeParts[2]), sec < 60 else { return nil }
            seconds = sec
        }
        date.hour = h
        date.minute = mi
        guard let base = calendar.date(from: date) else { return nil }
        return base.addingTimeInterval(seconds)
    }

    /// A field of ASCII digits only: `Int("+1")` and `Int("-1")` would read a sign no date has.
    static func digits(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    /// Seconds written `ss` or `ss.fffffff`, ASCII digits only: `Double` alone would also take
    /// `5e1`, `0x1p3`, `inf` and `nan`.
    static func secondsField(_ text: Substring) -> Double? {
        let halves = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = halves.first, whole.count <= 2, digits(whole) != nil else { return nil }
        if halves.count == 2 {
            guard !halves[1].isEmpty, halves[1].count <= 9, digits(halves[1]) != nil else { return nil }
        }
        return Double(text)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `2026-11-25 10:30:00`, with milliseconds when there are any; `dateOnly` for DT_DBDATE,
    /// `timeOnly` for DT_DBTIME.
    /// `fractionDigits` (0-7) writes that many digits of the second always (`10:30:00.0000000`).
    static func format(_ d: Date, dateOnly: Bool = false, timeOnly: Bool = false, fractionDigits: Int? = nil) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: d)
        func two(_ v: Int?) -> String { String(format: "%02d", v ?? 0) }
        let date = String(format: "%04d-%@-%@", c.year ?? 0, two(c.month), two(c.day))
        var time = "\(two(c.hour)):\(two(c.minute)):\(two(c.second))"
        let millis = Int(((Double(c.nanosecond ?? 0) / 1_000_000)).rounded())
        if let digits = fractionDigits.map({ min(max($0, 0), 7) }) {
            if digits > 0 {
                // Hundreds of nanoseconds, cut (not rounded) to the digits: the second never rolls over.
                let ticks = min(((c.nanosecond ?? 0) + 50) / 100, 9_999_999)
                time += "." + String(String(format: "%07d", ticks).prefix(digits))
            }
        } else if millis > 0 && millis < 1000 {
            time += String(format: ".%03d", millis)
        }
        if dateOnly { return date }
        if timeOnly { return time }
        return "\(date) \(time)"
    }

    /// Local wall-clock time now, as SSIS's GETDATE() gives it.
    static func localNow() -> Date {
        let now = Date()
        return now.addingTimeInterval(TimeInterval(TimeZone.current.secondsFromGMT(for: now)))
    }
}

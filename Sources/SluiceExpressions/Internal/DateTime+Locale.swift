import Foundation
import SluiceCore

/// Text to dates as the package's `LocaleID` writes them, beside the ISO forms that read the
/// same everywhere. Microsoft, "Cast (SSIS Expression)": a string converts to a date "using
/// the locale" of the package, so `(DT_DBTIMESTAMP)"11/04/2002"` is 4 November in en-US and
/// 11 April in en-GB.
extension DateTime {
    /// ISO first (`2002-11-04[ 10:30[:00[.fff]]]`, `10:30:00`); then the locale's numeric date:
    /// day, month and year split by `/`, `.` or `-` in the locale's order (a four-digit first
    /// part is always the year), an optional time after a space, and `AM`/`PM` on a 12-hour
    /// time. Two-digit years are 1930–2029, Windows' default window.
    static func parse(_ text: String, locale: PackageLocale) -> Date? {
        if let iso = parse(text) { return iso }
        let s = text.trimmingCharacters(in: .whitespaces)
        let datePart = s.prefix { $0 != " " && $0 != "T" }
        let timePart = s.dropFirst(datePart.count).trimmingCharacters(in: .whitespaces)
        let parts = datePart.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "." || $0 == "-" }
        guard parts.count == 3, parts.allSatisfy({ (1...4).contains($0.count) }),
            let p0 = digits(parts[0]), let p1 = digits(parts[1]), let p2 = digits(parts[2])
        else { return nil }
        var (year, month, day): (Int, Int, Int)
        if parts[0].count == 4 {
            (year, month, day) = (p0, p1, p2)
        } else {
            guard parts[2].count == 4 || parts[2].count == 2 else { return nil }
            year = parts[2].count == 2 ? (p2 <= 29 ? 2000 + p2 : 1900 + p2) : p2
            (month, day) = locale.dateOrder == .monthDayYear ? (p0, p1) : (p1, p0)
        }
        guard year >= 1, (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            let midnight = calendar.date(from: DateComponents(year: year, month: month, day: day))
        else { return nil }
        if timePart.isEmpty { return midnight }
        guard let seconds = secondsOfDay(timePart) else { return nil }
        return midnight.addingTimeInterval(seconds)
    }

    /// `hh:mm[:ss[.fff]]`, with `AM`/`PM` after it for a 12-hour clock.
    private static func secondsOfDay(_ text: String) -> TimeInterval? {
        var clock = text
        var meridiem: String?
        let upper = text.uppercased()
        if upper.hasSuffix("AM") || upper.hasSuffix("PM") {
            meridiem = String(upper.suffix(2))
            clock = String(text.dropLast(2)).trimmingCharacters(in: .whitespaces)
        }
        // A time of day only: the ISO parser also reads whole dates, which a time part is not.
        guard !clock.contains("-"), let time = parse(clock), let zero = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)) else { return nil }
        var seconds = time.timeIntervalSince(zero)
        guard (0..<86_400).contains(seconds) else { return nil }
        if let meridiem {
            let hour = Int(seconds / 3600)
            guard (1...12).contains(hour) else { return nil }
            if meridiem == "AM" && hour == 12 { seconds -= 12 * 3600 }
            if meridiem == "PM" && hour != 12 { seconds += 12 * 3600 }
        }
        return seconds
    }

    /// A `DT_DBTIMESTAMPOFFSET` from text: a date and time as ``parse(_:locale:)`` reads them,
    /// then `+hh:mm`, `-hh:mm` or `Z` (none is +00:00). Offsets run from -14:00 to +14:00, as
    /// SQL Server's datetimeoffset allows.
    static func parseOffset(_ text: String, locale: PackageLocale) -> DateTimeOffset? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        var offset = 0
        if s.hasSuffix("Z") {
            s = s.dropLast()
        } else if s.count > 6, let sign = s.dropLast(5).last, sign == "+" || sign == "-",
            s.suffix(5).dropFirst(2).first == ":"
        {
            // Only `±hh:mm` is an offset: "2002-11-04" also has a '-' sixth from the end.
            let hm = s.suffix(5).split(separator: ":", omittingEmptySubsequences: false)
            guard hm.count == 2, hm[0].count == 2, hm[1].count == 2, let h = digits(hm[0]), let m = digits(hm[1]),
                (0...59).contains(m), h * 60 + m <= 14 * 60
            else { return nil }
            offset = (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
            s = s.dropLast(6)
        }
        guard let wallClock = parse(String(s), locale: locale) else { return nil }
        return DateTimeOffset(instant: wallClock.addingTimeInterval(TimeInterval(-offset)), offsetSeconds: offset)
    }

    /// Midnight of today's local date: a time cast to a timestamp lands on it (Microsoft,
    /// "Integration Services Data Types", converting DT_DBTIME to DT_DBTIMESTAMP: "the date
    /// field is set to the current date").
    static func localToday() -> Date { calendar.startOfDay(for: localNow()) }
}

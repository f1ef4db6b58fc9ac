import Foundation
import SluiceCore

/// The date parts of DATEADD, DATEDIFF and DATEPART, with SSIS's names and abbreviations
/// (case-insensitive), and the arithmetic on them.
///
/// Dates are wall-clock values in UTC, so a day is always 86,400 seconds; parts are computed
/// from the value rounded to the millisecond, DT_DBTIMESTAMP's precision in practice.
enum DatePart: Sendable {
    case year, quarter, month, dayOfYear, day, week, weekday, hour, minute, second, millisecond

    init?(_ name: String) {
        switch name.lowercased() {
        case "year", "yy", "yyyy": self = .year
        case "quarter", "qq", "q": self = .quarter
        case "month", "mm", "m": self = .month
        case "dayofyear", "dy", "y": self = .dayOfYear
        case "day", "dd", "d": self = .day
        case "week", "wk", "ww": self = .week
        // SSIS's DATEADD and DATEDIFF pages also list "w"; Sluice accepts it everywhere.
        case "weekday", "dw", "w": self = .weekday
        case "hour", "hh": self = .hour
        case "minute", "mi", "n": self = .minute
        case "second", "ss", "s": self = .second
        case "millisecond", "ms": self = .millisecond
        default: return nil
        }
    }

    /// The part named by the first argument of `call`: a bare name (`dd`, read as a column node
    /// by the parser) or a string literal (`"dd"`). Anything else, or an unknown name, is an
    /// argument error at compile time.
    static func named(by call: FunctionCall) throws -> DatePart {
        let name: String
        switch call.nodes[0].kind {
        case .column(let n), .string(let n): name = n
        default: throw call.argumentError("the date part must be a name such as dd or a string literal such as \"day\"")
        }
        guard let part = DatePart(name) else { throw call.argumentError("unknown date part '\(name)'") }
        return part
    }

    // MARK: - Milliseconds

    static let millisecondsPerDay: Int64 = 86_400_000

    /// Milliseconds since 1970-01-01 00:00:00, rounded.
    static func milliseconds(_ d: Date) -> Int64 { Int64((d.timeIntervalSince1970 * 1000).rounded()) }
    static func date(milliseconds ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 { a - floorDivide(a, b) * b }

    // MARK: - DATEPART

    func value(of d: Date) -> Int64 {
        let ms = DatePart.milliseconds(d)
        let whole = DatePart.date(milliseconds: ms - DatePart.floorModulo(ms, 1000))
        let c = DateTime.calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: whole)
        switch self {
        case .year: return Int64(c.year!)
        case .quarter: return Int64((c.month! - 1) / 3 + 1)
        case .month: return Int64(c.month!)
        case .day: return Int64(c.day!)
        case .dayOfYear: return Int64(DateTime.calendar.ordinality(of: .day, in: .year, for: whole)!)
        case .weekday: return Int64(c.weekday!)  // 1 = Sunday, SQL Server's default DATEFIRST 7
        case .week:
            // SQL Server: week 1 holds January 1; weeks start on Sunday.
            let dayOfYear = DateTime.calendar.ordinality(of: .day, in: .year, for: whole)!
            let jan1Weekday = ((c.weekday! - dayOfYear) % 7 + 7) % 7 + 1  // 1 = Sunday
            return Int64((dayOfYear - 1 + jan1Weekday - 1) / 7 + 1)
        case .hour: return Int64(c.hour!)
        case .minute: return Int64(c.minute!)
        case .second: return Int64(c.second!)
        case .millisecond: return DatePart.floorModulo(ms, 1000)
        }
    }

    // MARK: - DATEDIFF

    /// The number of boundaries of this part crossed from `start` to `end` (SQL Server's rule:
    /// DATEDIFF(year, 2025-12-31, 2026-01-01) is 1). Nil when the count does not fit DT_I4.
    func difference(from start: Date, to end: Date) -> Int64? {
        let (a, b) = (DatePart.milliseconds(start), DatePart.milliseconds(end))
        let r: Int64
        switch self {
        case .year, .quarter, .month:
            let months = { (ms: Int64) -> Int64 in
                let c = DateTime.calendar.dateComponents([.year, .month], from: DatePart.date(milliseconds: ms))
                return Int64(c.year!) * 12 + Int64(c.month! - 1)
            }
            let (ma, mb) = (months(a), months(b))
            switch self {
            case .year: r = DatePart.floorDivide(mb, 12) - DatePart.floorDivide(ma, 12)
            case .quarter: r = DatePart.floorDivide(mb, 3) - DatePart.floorDivide(ma, 3)
            default: r = mb - ma
            }
        case .day, .dayOfYear, .weekday: r = DatePart.floorDivide(b, DatePart.millisecondsPerDay) - DatePart.floorDivide(a, DatePart.millisecondsPerDay)
        case .week:
            // Weeks end on Saturday night: 1970-01-01 was a Thursday, so day + 4 counts from a Sunday.
            let week = { (ms: Int64) in DatePart.floorDivide(DatePart.floorDivide(ms, DatePart.millisecondsPerDay) + 4, 7) }
            r = week(b) - week(a)
        case .hour: r = DatePart.floorDivide(b, 3_600_000) - DatePart.floorDivide(a, 3_600_000)
        case .minute: r = DatePart.floorDivide(b, 60_000) - DatePart.floorDivide(a, 60_000)
        case .second: r = DatePart.floorDivide(b, 1000) - DatePart.floorDivide(a, 1000)
        case .millisecond: r = b - a
        }
        return Int32(exactly: r) != nil ? r : nil
    }

    // MARK: - DATEADD

    /// `date` plus `n` of this part; months clamp to the end of a shorter month (January 31
    /// plus one month is February 28 or 29). Nil when the result leaves years 1…9999.
    func adding(_ n: Int64, to date: Date) -> Date? {
        let ms = DatePart.milliseconds(date)
        var result: Date?
        switch self {
        case .year, .quarter, .month:
            let perUnit: Int64 = self == .year ? 12 : self == .quarter ? 3 : 1
            let (months, overflow) = n.multipliedReportingOverflow(by: perUnit)
            guard !overflow, abs(months) <= 12 * 10_000 else { return nil }
            result = DateTime.calendar.date(byAdding: .month, value: Int(months), to: date)
        default:
            let unit: Int64 =
                switch self {
                case .week: 7 * DatePart.millisecondsPerDay
                case .hour: 3_600_000
                case .minute: 60_000
                case .second: 1000
                case .millisecond: 1
                default: DatePart.millisecondsPerDay  // day, dayofyear, weekday
                }
            let (delta, o1) = n.multipliedReportingOverflow(by: unit)
            let (sum, o2) = ms.addingReportingOverflow(delta)
            guard !o1, !o2 else { return nil }
            result = DatePart.date(milliseconds: sum)
        }
        guard let result else { return nil }
        let c = DateTime.calendar.dateComponents([.era, .year], from: result)
        guard c.era == 1, (1...9999).contains(c.year!) else { return nil }
        return result
    }
}

import Foundation
import SluiceCore

/// Casts `(DT_…)expr` and the implicit conversions the compiler inserts, with SSIS's rules:
/// numbers convert among themselves (reals and decimals round to integers, half away from
/// zero), booleans are -1 / 0 as numbers, anything converts to and from text, dates among
/// themselves. A cast to a string type truncates to the type's length.
enum Casts {
    static func compile(
        _ x: Compiled, to t: ExpressionType, at p: SourcePosition, locale: PackageLocale = .englishUnitedStates
    ) throws -> Operators.Result {
        guard allowed(from: x.type, to: t) else {
            throw typeError("cannot cast \(x.type) to \(t)", at: p)
        }
        let e = x.evaluate
        let from = x.type
        // A time cast to a timestamp takes today's date: not constant, so never folded.
        let readsToday = (from.dataType == .dbTime || from.dataType == .dbTime2) && takesToday(t.dataType)
        return (Compiled(t) { try convert(try e(), from: from, to: t, at: p, locale: locale) }, !readsToday)
    }

    static func takesToday(_ t: DataType) -> Bool {
        [.date, .dbTimestamp, .dbTimestamp2, .dbTimestampOffset, .fileTime].contains(t)
    }

    /// An implicit conversion (between branches of `?:`, function arguments): no-op when the
    /// types already agree.
    static func implicit(
        _ x: Compiled, to t: ExpressionType, at p: SourcePosition, locale: PackageLocale = .englishUnitedStates
    ) throws -> Compiled {
        if x.type.dataType == t.dataType && (!t.isString || t.length == nil || (x.type.length ?? 0) <= t.length!) { return x }
        return try compile(x, to: t, at: p, locale: locale).compiled
    }

    static func allowed(from a: ExpressionType, to b: ExpressionType) -> Bool {
        if a.isString || b.isString { return true }
        if a.dataType == b.dataType { return true }
        if (a.isNumeric || a.isBool) && (b.isNumeric || b.isBool) { return true }
        if a.isDate && b.isDate { return true }
        return false
    }

    /// - Parameter locale: how text reads as a date or number (see ``PackageLocale``).
    static func convert(
        _ v: Value, from: ExpressionType, to t: ExpressionType, at p: SourcePosition, locale: PackageLocale = .englishUnitedStates
    ) throws -> Value {
        if v.isNull { return .null }
        func fail(_ reason: String) -> SluiceError {
            let shown = v.string.map { "\"\(Text.abbreviated($0))\"" } ?? Text.abbreviated(Text.format(v, as: from))
            return SluiceError(.expressionConversion, p.inserts.merging(["value": shown, "type": t.description, "reason": reason]) { $1 })
        }
        // Text read as a number, date or GUID, trimmed; a cast to a string type keeps it as it is
        // (and does not copy a long one to trim it).
        let text = t.isString ? nil : v.string?.trimmingCharacters(in: .whitespaces)
        // Numbers read with the locale's decimal separator (de-DE "1,5" is 1.5).
        let number = text.map { locale.decimalSeparator == "," ? $0.replacingOccurrences(of: ",", with: ".") : $0 }
        switch t.dataType.valueKind {
        case .int, .uint:
            var i: Int64?
            if let text {
                guard let parsed = Int64(text) ?? UInt64(text).flatMap({ Int64(exactly: $0) }) else {
                    if t.dataType == .ui8, let u = UInt64(text) { return .uint(u) }
                    throw fail("not an integer")
                }
                i = parsed
            } else if case .uint(let u) = v, t.dataType == .ui8 {
                return .uint(u)
            } else if case .decimal(let d) = v {
                // Exactly, not through a Double: DT_NUMERIC holds 38 digits.
                let whole = "\(round(d, scale: 0))"
                if t.dataType == .ui8, let u = UInt64(whole) { return .uint(u) }
                guard let parsed = Int64(whole) else { throw fail("out of range for \(t.dataType.rawValue)") }
                i = parsed
            } else if from.isReal {
                guard let d = v.double, d.isFinite, abs(d) < 9.2e18 else { throw fail("out of range") }
                i = Int64(d.rounded(.toNearestOrAwayFromZero))
            } else {
                i = v.int64
            }
            guard let i, IntegerRange.fits(i, t.dataType) else { throw fail("out of range for \(t.dataType.rawValue)") }
            return t.dataType.valueKind == .uint ? .uint(UInt64(i)) : .int(i)
        case .real:
            let d = number.map { Double($0) } ?? v.double
            guard let d, d.isFinite else { throw fail(text != nil ? "not a number" : "out of range") }
            if t.dataType == .r4 {
                guard Float(d).isFinite else { throw fail("out of range for DT_R4") }
                return .real(Double(Float(d)))
            }
            return .real(d)
        case .decimal:
            var d: Decimal?
            if let number {
                let scanner = Scanner(string: number)
                d = scanner.scanDecimal()
                if !scanner.isAtEnd || number.isEmpty { d = nil }
            } else {
                d = v.decimal
            }
            guard let d else { throw fail("not a decimal number") }
            let scale = t.scale ?? (t.dataType == .currency ? 4 : nil)
            let rounded = scale.map { round(d, scale: $0) } ?? d
            if t.dataType == .currency {
                guard CurrencyRange.contains(rounded) else { throw fail("out of range for DT_CY") }
            } else if let precision = t.precision {
                // At most precision - scale digits before the point: (DT_NUMERIC,3,1)12345 fails.
                var limit = Decimal(1)
                for _ in 0..<max(precision - (scale ?? 0), 0) { limit *= 10 }
                guard abs(rounded) < limit else { throw fail("out of range for \(t)") }
            }
            return .decimal(rounded)
        case .bool:
            if let text {
                switch text.lowercased() {
                case "true", "1", "-1": return .bool(true)
                case "false", "0": return .bool(false)
                default: throw fail("expected TRUE or FALSE")
                }
            }
            if case .bool(let b) = v { return .bool(b) }
            guard let d = v.double else { throw fail("not a number") }
            return .bool(d != 0)
        case .string:
            func tooLong() -> SluiceError { stringTooLong("the cast to \(t)", at: p) }
            var shown = v
            if case .bytes(let b) = v {
                // Two hexadecimal digits a byte: format only what the length keeps, and refuse
                // before formatting what would pass the limit.
                if let length = t.length, length < b.count * 2 {
                    shown = .bytes(Array(b.prefix(length / 2 + 1)))
                } else if !StringLimit.admits(count: b.count * 2) {
                    throw tooLong()
                }
            }
            var s = shown.string ?? Text.format(shown, as: from)
            if t.dataType == .str, let length = t.length {
                // DT_STR's length is in bytes of its code page, not characters.
                s = CodePageWidth.prefix(s, bytes: length, codePage: t.codePage ?? 1252)
            } else if let length = t.length, s.unicodeScalars.count > length {
                s = String(String.UnicodeScalarView(s.unicodeScalars.prefix(length)))
            }
            // Only text made here can pass the limit (an object's description, say).
            guard StringLimit.admits(s) else { throw tooLong() }
            return .string(s)
        case .date:
            if case .dateTimeOffset = v, t.dataType == .dbTimestampOffset { return v }  // keeps its offset
            if t.dataType == .dbTimestampOffset, let text {
                guard let parsed = DateTime.parseOffset(text, locale: locale) else {
                    throw fail("not a date with an offset (YYYY-MM-DD hh:mm:ss +hh:mm)")
                }
                return .dateTimeOffset(parsed)
            }
            var date: Date
            if let text {
                guard let parsed = DateTime.parse(text, locale: locale) else {
                    throw fail("not a date (YYYY-MM-DD[ hh:mm:ss] or the \(locale.name) date)")
                }
                date = parsed
            } else if let d = v.dateValue {
                date = d
            } else {
                throw fail("not a date")
            }
            if from.dataType == .dbTime || from.dataType == .dbTime2, takesToday(t.dataType) {
                date = DateTime.localToday().addingTimeInterval(date.timeIntervalSince(DateTime.calendar.startOfDay(for: date)))
            }
            // A timestamp takes offset +00:00 ("Integration Services Data Types": the time zone field is set to zero).
            if t.dataType == .dbTimestampOffset { return .dateTimeOffset(DateTimeOffset(instant: date, offsetSeconds: 0)) }
            if t.dataType == .dbDate { date = DateTime.calendar.startOfDay(for: date) }
            if t.dataType == .dbTime || t.dataType == .dbTime2 {
                let c = DateTime.calendar.dateComponents([.hour, .minute, .second, .nanosecond], from: date)
                date = DateTime.calendar.date(from: DateComponents(
                    year: 1899, month: 12, day: 30, hour: c.hour, minute: c.minute, second: c.second, nanosecond: c.nanosecond))!
            }
            return .date(date)
        case .guid:
            if case .guid = v { return v }
            guard let text, let g = UUID(uuidString: text.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))) else {
                throw fail("not a GUID")
            }
            return .guid(g)
        case .bytes:
            guard case .bytes(let b) = v else { throw fail("only bytes convert to \(t.dataType.rawValue)") }
            return .bytes(t.length.map { Array(b.prefix($0)) } ?? b)
        case .object, .null:
            throw fail("no conversion")
        }
    }

    /// Rounds half away from zero to `scale` digits after the point.
    static func round(_ d: Decimal, scale: Int) -> Decimal {
        var value = d
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)  // .plain is half away from zero
        return result
    }
}

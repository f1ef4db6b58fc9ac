import Foundation

/// Why a text or a number cannot be a value of some type: the reason of the
/// `SLUICE_E_TYPE_MISMATCH` the caller throws, naming the value and the type.
package struct ValueRefusal: Error {
    package let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension Value {
    /// Converts the value to one that a variable of `type` can hold, the way SSIS converts on
    /// assignment: numbers between numeric types when they fit, text parsed into the type,
    /// anything to text. Throws `SLUICE_E_TYPE_MISMATCH` otherwise.
    public func converted(to type: DataType) throws -> Value {
        if case .null = self { return .null }
        switch (self, type.valueKind) {
        case (.string(let text), _):
            return try Value.parse(text, as: type)
        case (_, .string):
            return .string(description)
        case (.bool(let b), .bool): return .bool(b)
        case (.int(let i), .int), (.int(let i), .uint):
            return try Value.integer(i, as: type, original: self)
        case (.uint(let u), .int), (.uint(let u), .uint):
            if type == .ui8 { return .uint(u) }
            guard u <= UInt64(Int64.max) else { throw mismatch(type, "out of range") }
            return try Value.integer(Int64(u), as: type, original: self)
        case (.real(let d), .int), (.real(let d), .uint):
            guard d.rounded(.towardZero) == d, d >= -9.2e18, d <= 9.2e18 else {
                throw mismatch(type, "not an integer in range")
            }
            return try Value.integer(Int64(d), as: type, original: self)
        case (.int(let i), .real): return try real(Double(i), as: type)
        case (.uint(let u), .real): return try real(Double(u), as: type)
        case (.real(let d), .real): return try real(d, as: type)
        case (.decimal(let d), .real): return try real(NSDecimalNumber(decimal: d).doubleValue, as: type)
        case (.int(let i), .decimal): return try decimal(Decimal(i), as: type)
        case (.uint(let u), .decimal): return try decimal(Decimal(u), as: type)
        case (.real(let d), .decimal):
            guard d.isFinite else { throw mismatch(type, "out of range for \(type.rawValue)") }
            // From the real's shortest text (0.1 is 0.1, not its binary expansion); below every
            // type's last digit it is 0.
            return try decimal(abs(d) < 1e-38 ? 0 : Decimal(string: "\(d)") ?? Decimal.nan, as: type)
        case (.decimal(let d), .decimal): return try decimal(d, as: type)
        case (.bool(let b), .int), (.bool(let b), .uint): return try Value.integer(b ? -1 : 0, as: type, original: self)
        case (.int(let i), .bool): return .bool(i != 0)
        case (.date(let d), .date):
            // DT_DBDATE drops the time of day, as SSIS converts; a DT_DBTIMESTAMPOFFSET held as
            // .date is in UTC.
            return .date(type == .dbDate ? DateText.startOfDay(d) : d)
        case (.dateTimeOffset(let o), .date):
            // As SSIS converts DT_DBTIMESTAMPOFFSET to the other date types: the offset is dropped
            // and the local time kept.
            return type == .dbTimestampOffset ? .dateTimeOffset(o) : try Value.date(o.wallClock).converted(to: type)
        case (.guid(let g), .guid): return .guid(g)
        case (.bytes(let b), .bytes): return .bytes(b)
        case (.object(let o), .object): return .object(o)
        default:
            throw mismatch(type, "a \(kind.rawValue) value has no conversion to \(type.rawValue)")
        }
    }

    /// Parses text into a value of `type` (used for `--set`, `--param` and package files).
    public static func parse(_ text: String, as type: DataType) throws -> Value {
        let fail = { (reason: String) in
            SluiceError(.typeMismatch, ["value": "\"\(text)\"", "type": type.rawValue, "reason": reason])
        }
        // ASCII first: the Unicode property lookup costs more than the rest of parsing a number.
        let isSpace = { (c: Unicode.Scalar?) in
            c.map { $0.isASCII ? $0 == " " || $0 == "\t" : $0.properties.generalCategory == .spaceSeparator } ?? false
        }
        let trimmed =
            isSpace(text.unicodeScalars.first) || isSpace(text.unicodeScalars.last)
            ? text.trimmingCharacters(in: .whitespaces) : text
        switch type.valueKind {
        case .string: return .string(text)
        case .int:
            guard let i = Int64(trimmed) else { throw fail("not an integer") }
            return try integer(i, as: type, original: .string(text))
        case .uint:
            guard let u = UInt64(trimmed) else { throw fail("not an unsigned integer") }
            if type == .ui8 { return .uint(u) }
            guard u <= UInt64(Int64.max) else { throw fail("out of range") }
            return try integer(Int64(u), as: type, original: .string(text))
        case .real:
            // Decimal text only: Double("nan"), "inf" and "0x1p3" would parse, and a package
            // holds finite numbers written in decimal.
            guard let number = NumberText(trimmed) else { throw fail("not a number") }
            return .real(try number.real(as: type, text: trimmed).mapError { fail($0.reason) }.get())
        case .decimal:
            // Exactly: Decimal(string:) and Scanner would drop digits past the 38th.
            guard let number = NumberText(trimmed) else { throw fail("not a decimal number") }
            return .decimal(try number.decimal(as: type).mapError { fail($0.reason) }.get())
        case .bool:
            switch trimmed.lowercased() {
            case "true", "1", "-1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw fail("expected True or False")
            }
        case .date:
            return try date(trimmed, as: type).mapError { fail($0.reason) }.get()
        case .guid:
            let bare = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
            guard let g = UUID(uuidString: bare) else { throw fail("not a GUID") }
            return .guid(g)
        case .bytes:
            var hex = Array(trimmed.utf8)[...]
            if hex.starts(with: "0x".utf8) || hex.starts(with: "0X".utf8) { hex = hex.dropFirst(2) }
            guard hex.count % 2 == 0 else { throw fail("hex digits must come in pairs") }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(hex.count / 2)
            var i = hex.startIndex
            while i < hex.endIndex {
                guard let high = hexDigit(hex[i]), let low = hexDigit(hex[i + 1]) else { throw fail("not hexadecimal") }
                bytes.append(high << 4 | low)
                i += 2
            }
            return .bytes(bytes)
        case .object, .null:
            throw fail("objects cannot be written as text")
        }
    }

    /// A date text as a value of the date `type`. An offset other than zero is kept by
    /// DT_DBTIMESTAMPOFFSET and refused by the other types, which hold no time zone: converting
    /// would change the time written, dropping it would change the moment. DT_DBDATE refuses a
    /// time of day, which it would lose.
    private static func date(_ text: String, as type: DataType) -> Result<Value, ValueRefusal> {
        DateText.parse(text).flatMap { parsed in
            if type == .dbTimestampOffset {
                guard parsed.offsetIsNumeric, let offset = parsed.offsetSeconds else { return .success(.date(parsed.instant)) }
                return .success(.dateTimeOffset(DateTimeOffset(instant: parsed.instant, offsetSeconds: offset)))
            }
            if let offset = parsed.offsetSeconds, offset != 0 {
                return .failure(ValueRefusal(
                    "\(type.rawValue) holds no time zone: write the time without an offset, or use DT_DBTIMESTAMPOFFSET"))
            }
            if type == .dbDate, parsed.hasTimeOfDay { return .failure(ValueRefusal("DT_DBDATE holds a date without a time of day")) }
            return .success(.date(parsed.instant))
        }
    }

    private static func hexDigit(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A computed number as a value of the decimal `type`, as SSIS converts: rounded half away
    /// from zero to the digits the type keeps after the point (DT_CY 4, DT_DECIMAL 28), refused
    /// beyond its range. (Text is read exactly or refused: ``parse(_:as:)``.)
    private func decimal(_ d: Decimal, as type: DataType) throws -> Value {
        let outOfRange = mismatch(type, "out of range for \(type.rawValue)")
        guard !d.isNaN else { throw outOfRange }
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, type == .currency ? 4 : type == .decimal ? 28 : 38, .plain)
        switch type {
        case .currency:
            let ticks = Decimal(sign: .plus, exponent: 4, significand: rounded)  // in ten-thousandths
            guard ticks >= Decimal(Int64.min), ticks <= Decimal(Int64.max) else { throw outOfRange }
        case .decimal:
            guard abs(rounded) <= Value.decimalLimit else { throw outOfRange }
        default:
            guard abs(rounded) < Decimal(sign: .plus, exponent: 38, significand: 1) else { throw outOfRange }
        }
        return .decimal(rounded)
    }

    /// 2⁹⁶ - 1, the largest DT_DECIMAL.
    private static let decimalLimit: Decimal = {
        let twoTo32 = Decimal(UInt64(1) << 32)
        return twoTo32 * twoTo32 * twoTo32 - 1
    }()

    /// A number as a value of a real type: DT_R4 rounds to single precision and refuses what
    /// single precision cannot hold (rather than becoming infinite).
    private func real(_ d: Double, as type: DataType) throws -> Value {
        guard type == .r4, d.isFinite else { return .real(d) }
        let single = Float(d)
        guard single.isFinite else { throw mismatch(type, "out of range for DT_R4") }
        return .real(Double(single))
    }

    static func integer(_ i: Int64, as type: DataType, original: Value) throws -> Value {
        if let range = type.integerRange, !range.contains(i) {
            throw SluiceError(
                .typeMismatch, ["value": original.description, "type": type.rawValue, "reason": "out of range"])
        }
        return type.valueKind == .uint ? .uint(UInt64(i)) : .int(i)
    }

    private func mismatch(_ type: DataType, _ reason: String) -> SluiceError {
        SluiceError(.typeMismatch, ["value": description, "type": type.rawValue, "reason": reason])
    }
}

import Foundation

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
        case (.int(let i), .real): return .real(Double(i))
        case (.uint(let u), .real): return .real(Double(u))
        case (.real(let d), .real): return .real(type == .r4 ? Double(Float(d)) : d)
        case (.decimal(let d), .real): return .real(NSDecimalNumber(decimal: d).doubleValue)
        case (.int(let i), .decimal): return .decimal(Decimal(i))
        case (.uint(let u), .decimal): return .decimal(Decimal(u))
        case (.real(let d), .decimal): return .decimal(Decimal(d))
        case (.decimal(let d), .decimal): return .decimal(d)
        case (.bool(let b), .int), (.bool(let b), .uint): return try Value.integer(b ? -1 : 0, as: type, original: self)
        case (.int(let i), .bool): return .bool(i != 0)
        case (.date(let d), .date): return .date(d)
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
        let isSpace = { (c: Unicode.Scalar?) in c.map { $0 == "\t" || $0.properties.generalCategory == .spaceSeparator } ?? false }
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
            guard let d = Double(trimmed) else { throw fail("not a number") }
            return .real(d)
        case .decimal:
            let scanner = Scanner(string: trimmed)  // Decimal(string:) would accept "12abc" as 12
            guard let d = scanner.scanDecimal(), scanner.isAtEnd else { throw fail("not a decimal number") }
            return .decimal(d)
        case .bool:
            switch trimmed.lowercased() {
            case "true", "1", "-1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw fail("expected True or False")
            }
        case .date:
            guard let d = DateText.parse(trimmed) else { throw fail("expected an ISO 8601 date such as 2026-01-31T10:00:00") }
            return .date(d)
        case .guid:
            let bare = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
            guard let g = UUID(uuidString: bare) else { throw fail("not a GUID") }
            return .guid(g)
        case .bytes:
            var hex = trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") ? String(trimmed.dropFirst(2)) : trimmed
            guard hex.count % 2 == 0 else { throw fail("hex digits must come in pairs") }
            var bytes: [UInt8] = []
            while !hex.isEmpty {
                guard hex.prefix(2).allSatisfy(\.isHexDigit), let b = UInt8(hex.prefix(2), radix: 16) else {
                    throw fail("not hexadecimal")
                }
                bytes.append(b)
                hex.removeFirst(2)
            }
            return .bytes(bytes)
        case .object, .null:
            throw fail("objects cannot be written as text")
        }
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

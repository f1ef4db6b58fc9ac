import Foundation

extension Value {
    /// The value as it is written in a package file for a variable or parameter of `type`:
    /// numbers and booleans as JSON numbers and booleans, decimals as strings (exact), dates,
    /// GUIDs and bytes as their text. A DT_R4 is written as its shortest single-precision
    /// text (`0.1`, not the `0.10000000149011612` of the same value as a Double).
    func json(as type: DataType) -> JSONValue {
        switch self {
        case .null, .object: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): u <= UInt64(Int64.max) ? .int(Int64(u)) : .string(String(u))
        case .real(let d):
            if type == .r4, let single = Float(exactly: d), let n = JSONNumber(String(single)) {
                .number(n)
            } else {
                .double(d)
            }
        case .decimal, .string, .date, .dateTimeOffset, .guid, .bytes: .string(description)
        }
    }

    /// Reads a value of `type` from a package file: exactly as written, or not at all.
    /// - Throws: `SLUICE_E_TYPE_MISMATCH` naming the value, the type and the reason.
    static func fromJSON(_ json: JSONValue, as type: DataType) throws -> Value {
        switch json {
        case .null: return .null
        case .string(let s): return try parse(s, as: type)
        case .bool(let b):
            guard type.valueKind == .bool else { break }
            return .bool(b)
        case .int(let i):
            switch type.valueKind {
            case .int, .uint, .real, .bool, .string: return try Value.int(i).converted(to: type)
            default: return try number(String(i), as: type)  // range-checked decimals (DT_CY), the refusals
            }
        case .number(let n): return try number(n.text, as: type)
        case .double(let d):  // only in documents made in code
            guard let n = JSONNumber(d) else { break }
            return try number(n.text, as: type)
        case .array, .object: break
        }
        throw SluiceError(.typeMismatch, ["value": json.typeName, "type": type.rawValue, "reason": "wrong JSON type"])
    }

    /// A JSON number, from its text, as a value of `type`: a string keeps the text, a decimal
    /// every digit, a real the nearest value of its precision; an integer type (and DT_BOOL,
    /// as 0 or not) takes whole numbers only, however written (`3`, `3.0`, `3e0`).
    private static func number(_ text: String, as type: DataType) throws -> Value {
        let fail = { (reason: String) in SluiceError(.typeMismatch, ["value": text, "type": type.rawValue, "reason": reason]) }
        guard let number = NumberText(text) else { throw fail("not a number") }  // cannot happen: the parser checked it
        switch type.valueKind {
        case .string: return .string(text)
        case .real: return .real(try number.real(as: type, text: text).mapError { fail($0.reason) }.get())
        case .decimal: return .decimal(try number.decimal(as: type).mapError { fail($0.reason) }.get())
        case .int, .uint, .bool:
            do {
                switch number.integer {
                case .value(let i): return try Value.int(i).converted(to: type)
                case .unsigned(let u): return try Value.uint(u).converted(to: type)
                case .fraction: throw fail("not an integer")
                case .outOfRange: throw fail("out of range")
                }
            } catch let error as SluiceError where error.message == .typeMismatch {
                throw fail(error.inserts["reason"] ?? "out of range")  // naming the number as written
            }
        default:
            throw fail("a number has no conversion to \(type.rawValue)")
        }
    }
}

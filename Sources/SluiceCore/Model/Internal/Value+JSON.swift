import Foundation

extension Value {
    /// The value as it is written in a package file: numbers and booleans as JSON numbers and
    /// booleans, decimals as strings (exact), dates, GUIDs and bytes as their text.
    func json() -> JSONValue {
        switch self {
        case .null, .object: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): u <= UInt64(Int64.max) ? .int(Int64(u)) : .string(String(u))
        case .real(let d): .double(d)
        case .decimal, .string, .date, .guid, .bytes: .string(description)
        }
    }

    /// Reads a value of `type` from a package file.
    static func fromJSON(_ json: JSONValue, as type: DataType) throws -> Value {
        switch json {
        case .null: return .null
        case .string(let s): return try parse(s, as: type)
        case .bool(let b):
            guard type.valueKind == .bool else { break }
            return .bool(b)
        case .int(let i): return try Value.int(i).converted(to: type)
        case .double(let d): return try Value.real(d).converted(to: type)
        case .array, .object: break
        }
        throw SluiceError(.typeMismatch, ["value": json.typeName, "type": type.rawValue, "reason": "wrong JSON type"])
    }
}

/// A typed scalar value: a variable's value, a property's value or a task's execution value.
///
/// It mirrors `sluice_value` from `sluice_abi.h`, but owns its data: strings and bytes coming from
/// the host are copied when a `PluginValue` is made, so a value stays valid after the call that
/// produced it.
///
/// ```swift
/// let count: PluginValue = .int64(42)
/// try context.setVariable("User::RowCount", count)
/// if case .string(let text) = try context.variable("User::Greeting") { print(text) }
/// ```
public enum PluginValue: Hashable, Sendable {
    /// No value (`SLUICE_VALUE_NULL`).
    case null
    /// A Boolean (`SLUICE_VALUE_BOOL`).
    case bool(Bool)
    /// A signed 64-bit integer (`SLUICE_VALUE_INT64`).
    case int64(Int64)
    /// A double-precision number (`SLUICE_VALUE_DOUBLE`).
    case double(Double)
    /// UTF-8 text (`SLUICE_VALUE_STRING`).
    case string(String)
    /// Microseconds since 1970-01-01T00:00:00Z (`SLUICE_VALUE_TIMESTAMP`).
    case timestamp(microseconds: Int64)
    /// Raw bytes (`SLUICE_VALUE_BYTES`).
    case bytes([UInt8])
}

extension PluginValue {
    /// The text of a `.string` value, or `nil` for any other kind.
    ///
    /// ```swift
    /// guard let name = value.stringValue else { throw PluginError(.typeMismatch, "name must be text") }
    /// ```
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an `.int64` value, or `nil` for any other kind.
    public var int64Value: Int64? {
        if case .int64(let number) = self { return number }
        return nil
    }

    /// The number of a `.double` value (or of an `.int64` value, converted), or `nil` otherwise.
    public var doubleValue: Double? {
        switch self {
        case .double(let number): return number
        case .int64(let number): return Double(number)
        default: return nil
        }
    }

    /// The flag of a `.bool` value, or `nil` for any other kind.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// `true` for `.null`.
    public var isNull: Bool { self == .null }
}

extension PluginValue: CustomStringConvertible {
    /// A short, human-readable rendering, for messages: `"text"`, `42`, `true`, `null`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return String(flag)
        case .int64(let number): return String(number)
        case .double(let number): return String(number)
        case .string(let text): return "\"\(text)\""
        case .timestamp(let microseconds): return "timestamp(\(microseconds) µs)"
        case .bytes(let bytes): return "\(bytes.count) bytes"
        }
    }
}

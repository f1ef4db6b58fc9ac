import Foundation

/// A single value of a variable, parameter or property.
///
/// The case says how the value is held; the ``DataType`` that goes with it (kept by the variable
/// or column) says what it means. `DT_I1`…`DT_I8` are held as `.int`, `DT_R4`/`DT_R8` as `.real`,
/// all date and time types as `.date` (a `DT_DBTIMESTAMPOFFSET` with its offset as
/// `.dateTimeOffset`), and so on (see ``DataType/valueKind``).
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case real(Double)
    case decimal(Decimal)
    case string(String)
    case date(Date)
    /// A `DT_DBTIMESTAMPOFFSET` that keeps the offset it was written with (``Kind/date``).
    case dateTimeOffset(DateTimeOffset)
    case guid(UUID)
    case bytes([UInt8])
    case object(ObjectValue)

    public enum Kind: String, Sendable { case null, bool, int, uint, real, decimal, string, date, guid, bytes, object }

    public var kind: Kind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .int: .int
        case .uint: .uint
        case .real: .real
        case .decimal: .decimal
        case .string: .string
        case .date, .dateTimeOffset: .date
        case .guid: .guid
        case .bytes: .bytes
        case .object: .object
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The value as text, the way `--set` and the package file write it.
    public var description: String {
        switch self {
        case .null: "NULL"
        case .bool(let b): b ? "True" : "False"
        case .int(let i): String(i)
        case .uint(let u): String(u)
        case .real(let d): Value.format(d)
        case .decimal(let d): "\(d)"
        case .string(let s): s
        case .date(let d): DateText.valueText(d)
        case .dateTimeOffset(let o): o.description
        case .guid(let g): "{\(g.uuidString)}"
        case .bytes(let b): "0x" + b.map { String(format: "%02X", $0) }.joined()
        case .object(let o): o.description
        }
    }

    static func format(_ d: Double) -> String {
        if d == 0, d.sign == .minus { return "-0" }  // reads back as the same real
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}

/// A runtime object held by a `DT_OBJECT` variable. Objects are never written to package files
/// or checkpoints.
public final class ObjectValue: Sendable, Hashable, CustomStringConvertible {
    public let payload: any Sendable
    public let description: String

    public init(_ payload: any Sendable, description: String = "<object>") {
        self.payload = payload
        self.description = description
    }

    public static func == (lhs: ObjectValue, rhs: ObjectValue) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

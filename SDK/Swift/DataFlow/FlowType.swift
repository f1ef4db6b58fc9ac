/// The type of one column as it crosses the plugin boundary: one Arrow format per Sluice data
/// type (SDK/README.md, "Data types as Arrow").
public enum FlowType: Hashable, Sendable, CustomStringConvertible {
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case float32, float64
    case bool
    /// UTF-8 text (DT_STR, DT_WSTR, DT_TEXT, DT_NTEXT).
    case utf8
    /// Bytes (DT_BYTES, DT_IMAGE).
    case binary
    /// Days since 1970-01-01 (DT_DBDATE).
    case date32
    /// Microseconds since midnight (DT_DBTIME, DT_DBTIME2).
    case time64Microseconds
    /// Microseconds since 1970-01-01 00:00 (DT_DATE, DT_DBTIMESTAMP, …); `utc` for DT_DBTIMESTAMPOFFSET.
    case timestampMicroseconds(utc: Bool)
    /// 16 bytes (DT_GUID).
    case guid
    /// Exact decimal: a 128-bit unscaled integer (DT_DECIMAL, DT_NUMERIC, DT_CY as 19,4).
    case decimal128(precision: Int, scale: Int)

    /// The Arrow format string.
    public var arrowFormat: String {
        switch self {
        case .int8: "c"
        case .int16: "s"
        case .int32: "i"
        case .int64: "l"
        case .uint8: "C"
        case .uint16: "S"
        case .uint32: "I"
        case .uint64: "L"
        case .float32: "f"
        case .float64: "g"
        case .bool: "b"
        case .utf8: "u"
        case .binary: "z"
        case .date32: "tdD"
        case .time64Microseconds: "ttu"
        case .timestampMicroseconds(let utc): utc ? "tsu:UTC" : "tsu:"
        case .guid: "w:16"
        case .decimal128(let precision, let scale): "d:\(precision),\(scale)"
        }
    }

    /// The type of an Arrow format string, or nil for one Sluice does not carry.
    public init?(arrowFormat format: String) {
        if format.hasPrefix("d:") {
            let parts = format.dropFirst(2).split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 || (parts.count == 3 && parts[2] == "128"),
                let precision = Int(parts[0]), let scale = Int(parts[1]),
                (1...38).contains(precision), (0...precision).contains(scale)
            else { return nil }
            self = .decimal128(precision: precision, scale: scale)
            return
        }
        switch format {
        case "c": self = .int8
        case "s": self = .int16
        case "i": self = .int32
        case "l": self = .int64
        case "C": self = .uint8
        case "S": self = .uint16
        case "I": self = .uint32
        case "L": self = .uint64
        case "f": self = .float32
        case "g": self = .float64
        case "b": self = .bool
        case "u": self = .utf8
        case "z": self = .binary
        case "tdD": self = .date32
        case "ttu": self = .time64Microseconds
        case "tsu:": self = .timestampMicroseconds(utc: false)
        case "tsu:UTC": self = .timestampMicroseconds(utc: true)
        case "w:16": self = .guid
        default: return nil
        }
    }

    /// Bytes per value of a fixed-width type; nil for bool (bits) and the variable-width types.
    var byteWidth: Int? {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32, .date32: 4
        case .int64, .uint64, .float64, .time64Microseconds, .timestampMicroseconds: 8
        case .guid, .decimal128: 16
        case .bool, .utf8, .binary: nil
        }
    }

    /// Buffers of an array of this type: validity and values, plus offsets for utf8 and binary.
    var bufferCount: Int { self == .utf8 || self == .binary ? 3 : 2 }

    public var description: String { arrowFormat }
}

/// One column of a schema: its name, type and whether it may hold NULLs.
public struct FlowField: Hashable, Sendable {
    public var name: String
    public var type: FlowType
    public var nullable: Bool

    public init(_ name: String, _ type: FlowType, nullable: Bool = true) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// A decimal128 value: the unscaled 128-bit two's complement integer, as Arrow stores it
/// (little-endian: the low 64 bits first). 12.34 in a `decimal128(precision: 18, scale: 2)`
/// column is `FlowDecimal128(1234)`.
public struct FlowDecimal128: Hashable, Sendable, BitwiseCopyable {
    public var low: UInt64
    public var high: Int64

    public init(low: UInt64, high: Int64) {
        self.low = low
        self.high = high
    }

    /// The unscaled value `value` (sign-extended to 128 bits).
    public init(_ value: Int64) {
        self.low = UInt64(bitPattern: value)
        self.high = value < 0 ? -1 : 0
    }

    /// The unscaled value when it fits in 64 bits, else nil.
    public var int64Value: Int64? {
        let value = Int64(bitPattern: low)
        return high == (value < 0 ? -1 : 0) ? value : nil
    }
}

/// How a column of a data type lays out its rows, following the type's Arrow format
/// (``DataType/arrowFormat``).
public enum ColumnLayout: Sendable, Hashable {
    /// One bit per row, least significant bit first: Arrow's boolean (`b`).
    case bits
    /// `byteWidth` bytes per row: integers, reals, dates and times (int32 days, int64
    /// microseconds), decimal128 and GUIDs (fixed-size binary of 16 bytes).
    case fixedWidth(byteWidth: Int)
    /// `length + 1` int32 offsets into a data buffer: UTF-8 strings (`u`) and binary (`z`).
    case variableWidth
}

extension DataType {
    /// The layout of a column of this type; nil for `DT_OBJECT`, which has no column type.
    public var columnLayout: ColumnLayout? {
        switch self {
        case .bool: .bits
        case .i1, .ui1: .fixedWidth(byteWidth: 1)
        case .i2, .ui2: .fixedWidth(byteWidth: 2)
        case .i4, .ui4, .r4, .dbDate: .fixedWidth(byteWidth: 4)
        case .i8, .ui8, .r8, .date, .dbTime, .dbTime2, .dbTimestamp, .dbTimestamp2, .dbTimestampOffset, .fileTime:
            .fixedWidth(byteWidth: 8)
        case .currency, .decimal, .numeric, .guid: .fixedWidth(byteWidth: 16)
        case .str, .wstr, .text, .ntext, .bytes, .image: .variableWidth
        case .object: nil
        }
    }

    /// The decimal128 precision and default scale of `DT_CY`, `DT_DECIMAL` and `DT_NUMERIC`
    /// columns, as ``arrowFormat`` gives them; nil for other types.
    public var decimalPrecisionAndScale: (precision: Int, scale: Int)? {
        switch self {
        case .currency: (19, 4)
        case .decimal: (29, 10)
        case .numeric: (38, 10)
        default: nil
        }
    }
}

/// A Swift type that the values buffer of a fixed-width column holds, for typed access with
/// ``Column/values(as:)``: `Double` for `DT_R8`, `Int32` for `DT_I4` and `DT_DBDATE` (days since
/// 1970-01-01), `Int64` for `DT_I8` and the timestamp and time types (microseconds), and so on.
public protocol ColumnElement: BitwiseCopyable {
    /// The data type of a column made from values of this Swift type (`DT_R8` for `Double`).
    static var columnType: DataType { get }
    /// Whether a column of `type` holds its values as this Swift type.
    static func isElement(of type: DataType) -> Bool
}

extension ColumnElement {
    public static func isElement(of type: DataType) -> Bool { type == columnType }
}

extension Int8: ColumnElement { public static var columnType: DataType { .i1 } }
extension UInt8: ColumnElement { public static var columnType: DataType { .ui1 } }
extension Int16: ColumnElement { public static var columnType: DataType { .i2 } }
extension UInt16: ColumnElement { public static var columnType: DataType { .ui2 } }
extension UInt32: ColumnElement { public static var columnType: DataType { .ui4 } }
extension UInt64: ColumnElement { public static var columnType: DataType { .ui8 } }
extension Float: ColumnElement { public static var columnType: DataType { .r4 } }
extension Double: ColumnElement { public static var columnType: DataType { .r8 } }

extension Int32: ColumnElement {
    public static var columnType: DataType { .i4 }
    /// `DT_I4`, and `DT_DBDATE` as days since 1970-01-01.
    public static func isElement(of t: DataType) -> Bool { t == .i4 || t == .dbDate }
}

extension Int64: ColumnElement {
    public static var columnType: DataType { .i8 }
    /// `DT_I8`, and the timestamp and time types as microseconds (since 1970-01-01 or midnight).
    public static func isElement(of t: DataType) -> Bool { t == .i8 || (t.valueKind == .date && t != .dbDate) }
}

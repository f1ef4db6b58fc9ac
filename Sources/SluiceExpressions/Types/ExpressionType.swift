import SluiceCore

/// The type of an expression node: an SSIS data type with its parameters (length for strings
/// and bytes, precision and scale for numerics, code page for DT_STR).
///
/// ```swift
/// ExpressionType(.wstr, length: 20)          // (DT_WSTR,20)
/// ExpressionType(.numeric, precision: 10, scale: 2)
/// ```
public struct ExpressionType: Sendable, Hashable, CustomStringConvertible {
    public var dataType: DataType
    public var length: Int?
    public var precision: Int?
    public var scale: Int?
    public var codePage: Int?

    public init(_ dataType: DataType, length: Int? = nil, precision: Int? = nil, scale: Int? = nil, codePage: Int? = nil) {
        self.dataType = dataType
        self.length = length
        self.precision = precision
        self.scale = scale
        self.codePage = codePage
    }

    public static let bool = ExpressionType(.bool)
    public static let i4 = ExpressionType(.i4)
    public static let i8 = ExpressionType(.i8)
    public static let r8 = ExpressionType(.r8)
    public static let wstr = ExpressionType(.wstr)
    public static let dbTimestamp = ExpressionType(.dbTimestamp)

    /// `DT_WSTR` with the given length.
    public static func wstr(_ length: Int?) -> ExpressionType { ExpressionType(.wstr, length: length) }

    /// How SSIS writes the type: `DT_I4`, `(DT_WSTR,20)`, `(DT_NUMERIC,10,2)`.
    public var description: String {
        switch dataType {
        case .str: return "(DT_STR,\(length.map(String.init) ?? "?"),\(codePage ?? 1252))"
        case .wstr where length != nil: return "(DT_WSTR,\(length!))"
        case .bytes where length != nil: return "(DT_BYTES,\(length!))"
        case .numeric where precision != nil: return "(DT_NUMERIC,\(precision!),\(scale ?? 0))"
        case .decimal where scale != nil: return "(DT_DECIMAL,\(scale!))"
        default: return dataType.rawValue
        }
    }

    // MARK: - Families

    public var isString: Bool { [.str, .wstr, .text, .ntext].contains(dataType) }
    public var isInteger: Bool { [.i1, .i2, .i4, .i8, .ui1, .ui2, .ui4, .ui8].contains(dataType) }
    public var isSignedInteger: Bool { [.i1, .i2, .i4, .i8].contains(dataType) }
    public var isReal: Bool { dataType == .r4 || dataType == .r8 }
    public var isExactDecimal: Bool { [.numeric, .decimal, .currency].contains(dataType) }
    public var isNumeric: Bool { isInteger || isReal || isExactDecimal }
    public var isDate: Bool { dataType.valueKind == .date }
    public var isBool: Bool { dataType == .bool }

    /// Bits of an integer type.
    var integerBits: Int {
        switch dataType {
        case .i1, .ui1: 8
        case .i2, .ui2: 16
        case .i4, .ui4: 32
        default: 64
        }
    }
}

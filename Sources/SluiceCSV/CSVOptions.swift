import SluiceCore

/// One declared column of a CSV file: its name and the type its fields are converted to.
///
/// ```swift
/// CSVColumn("l_extendedprice", .numeric, scale: 2)
/// ```
public struct CSVColumn: Sendable, Equatable {
    public var name: String
    public var dataType: DataType
    /// Digits after the point for `DT_NUMERIC`/`DT_DECIMAL`/`DT_CY`; nil takes the type's default.
    public var scale: Int?
    /// The most characters a string column holds (SSIS's length of `DT_STR`/`DT_WSTR`); longer
    /// text is a truncation, handled by ``onTruncation``. nil: no limit.
    public var length: Int?
    /// What a value that does not convert (or text that is not UTF-8) does to its row.
    public var onError: CSVRowAction = .fail
    /// What text longer than ``length`` does to its row (``CSVRowAction/ignore`` cuts it).
    public var onTruncation: CSVRowAction = .fail
    /// Read past, never converted, and left out of the reader's batches (projection pushdown:
    /// nothing downstream reads it). Its field still counts in the row's shape, so a ragged row
    /// is still an error; a bad value in it is not. The writer ignores the flag.
    public var isSkipped: Bool

    public init(
        _ name: String, _ dataType: DataType, scale: Int? = nil, length: Int? = nil,
        onError: CSVRowAction = .fail, onTruncation: CSVRowAction = .fail, isSkipped: Bool = false
    ) {
        self.name = name
        self.dataType = dataType
        self.scale = scale
        self.length = length
        self.onError = onError
        self.onTruncation = onTruncation
        self.isSkipped = isSkipped
    }

    /// The scale the column is built with.
    var effectiveScale: Int { scale ?? dataType.decimalPrecisionAndScale?.scale ?? 0 }
}

/// How a CSV file is laid out: the options of an SSIS flat file connection that the reader and
/// the writer share.
///
/// ```swift
/// var options = CSVOptions()
/// options.delimiter = UInt8(ascii: ";")
/// options.batchRows = 10_000
/// ```
public struct CSVOptions: Sendable, Equatable {
    /// The field delimiter (one ASCII byte, not a newline, CR or the qualifier).
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// The text qualifier; nil when fields are never quoted. Inside a quoted field it is doubled.
    public var textQualifier: UInt8? = UInt8(ascii: "\"")
    /// Whether the first row holds column names (skipped by the reader, written by the writer).
    public var hasHeaderRow = true
    /// Whether an empty unquoted field of a string column is NULL (else an empty string). Empty
    /// fields of other types are always NULL: there is no value to give them.
    public var emptyStringIsNull = true
    /// Rows per batch (SSIS `DefaultBufferMaxRows`).
    public var batchRows = 10_000
    /// The writer ends rows with CRLF instead of LF (the reader accepts both).
    public var writeCRLF = false
    /// The size of the reader's reused read buffer (it grows only for a longer row).
    public var readBufferBytes = 1 << 20
    /// What a row with another field count does: ``CSVRowAction/fail`` or
    /// ``CSVRowAction/redirect`` (SSIS redirects it as a whole-row error; it cannot be ignored).
    public var raggedRows: CSVRowAction = .fail
    /// The file's code page: 65001 (UTF-8) or a single-byte one of ``CSVCodePages/supported``;
    /// the reader transcodes to UTF-8, the writer from it.
    public var codePage = CSVCodePages.utf8

    public init() {}

    /// The longest row the reader accepts (its buffer grows up to this).
    public static let maximumRowBytes = 1 << 30

    func validate(file: String) throws {
        func fail(_ reason: String) -> SluiceError { SluiceError(.csvOptionsInvalid, ["file": file, "reason": reason]) }
        let forbidden: Set<UInt8> = [10, 13]
        guard delimiter < 128, !forbidden.contains(delimiter) else { throw fail("the delimiter must be an ASCII byte other than CR and LF") }
        if let q = textQualifier {
            guard q < 128, !forbidden.contains(q), q != delimiter else {
                throw fail("the text qualifier must be an ASCII byte other than CR, LF and the delimiter")
            }
        }
        guard batchRows > 0, batchRows <= 1 << 24 else { throw fail("batchRows must be 1...16777216") }
        guard readBufferBytes >= 64, readBufferBytes <= Self.maximumRowBytes else { throw fail("readBufferBytes must be 64 B...1 GiB") }
        guard raggedRows != .ignore else { throw fail("a ragged row can fail the read or be redirected, not ignored") }
    }
}

/// The kind of conversion a column takes, chosen once per column (never per value).
enum FieldKind: Sendable {
    case int8, int16, int32, int64, uint8, uint16, uint32, uint64, float, double, decimal, date, timestamp, bool, string

    init?(_ type: DataType) {
        switch type {
        case .i1: self = .int8
        case .i2: self = .int16
        case .i4: self = .int32
        case .i8: self = .int64
        case .ui1: self = .uint8
        case .ui2: self = .uint16
        case .ui4: self = .uint32
        case .ui8: self = .uint64
        case .r4: self = .float
        case .r8: self = .double
        case .numeric, .decimal, .currency: self = .decimal
        case .dbDate: self = .date
        case .dbTimestamp, .date: self = .timestamp
        case .bool: self = .bool
        case .str, .wstr, .text, .ntext: self = .string
        default: return nil
        }
    }

    /// Bytes per value of a fixed-width kind (0 for bits and strings).
    var byteWidth: Int {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float, .date: 4
        case .int64, .uint64, .double, .timestamp: 8
        case .decimal: 16
        case .bool, .string: 0
        }
    }

    static let supported =
        "DT_I1, DT_I2, DT_I4, DT_I8, DT_UI1, DT_UI2, DT_UI4, DT_UI8, DT_R4, DT_R8, DT_NUMERIC, DT_DECIMAL, DT_CY, DT_DBDATE, "
        + "DT_DBTIMESTAMP, DT_DATE, DT_BOOL, DT_STR, DT_WSTR, DT_TEXT, DT_NTEXT"
}

extension [CSVColumn] {
    func kinds(file: String) throws -> [FieldKind] {
        guard !isEmpty else { throw SluiceError(.csvOptionsInvalid, ["file": file, "reason": "no columns are declared"]) }
        return try map { c in
            guard let kind = FieldKind(c.dataType) else {
                throw SluiceError(.csvOptionsInvalid, [
                    "file": file, "reason": "column [\(c.name)] has type \(c.dataType.rawValue); supported: \(FieldKind.supported)",
                ])
            }
            if let length = c.length, kind != .string || length < 1 {
                throw SluiceError(.csvOptionsInvalid, ["file": file, "reason": "column [\(c.name)]: a length is for string columns, at least 1"])
            }
            if kind == .decimal, !(0...38).contains(c.effectiveScale) {
                throw SluiceError(.csvOptionsInvalid, ["file": file, "reason": "column [\(c.name)] has scale \(c.effectiveScale) (0...38)"])
            }
            return kind
        }
    }
}

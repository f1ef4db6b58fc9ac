import SluiceCore

/// How one column moves between a batch's buffers and SQLite: chosen once per column from its
/// data type, then switched on per value in the hot loops (a switch, never a dynamic call).
enum SQLiteColumnKind: Sendable, Hashable {
    case int8, int16, int32, int64, uint8, uint16, uint32, uint64
    case bool, float, double
    /// decimal128 at the column's scale; TEXT in SQLite (exact), read back from INTEGER, REAL or TEXT.
    case decimal
    /// int32 days since 1970; `YYYY-MM-DD` text in SQLite.
    case date
    /// int64 microseconds since 1970; `YYYY-MM-DD HH:MM:SS[.ffffff]` text in SQLite.
    case timestamp
    case text, blob

    /// The kind for a data type, or nil when SQLite components do not move it.
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
        case .bool: self = .bool
        case .r4: self = .float
        case .r8: self = .double
        case .currency, .decimal, .numeric: self = .decimal
        case .dbDate: self = .date
        case .date, .dbTimestamp, .dbTimestamp2: self = .timestamp
        case .str, .wstr, .text, .ntext: self = .text
        case .bytes, .image: self = .blob
        case .guid, .dbTime, .dbTime2, .dbTimestampOffset, .fileTime, .object: return nil
        }
    }

    /// Bytes per row in the values buffer (0: bit-packed or variable width).
    var width: Int {
        switch self {
        case .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float, .date: 4
        case .int64, .uint64, .double, .timestamp: 8
        case .decimal: 16
        case .bool, .text, .blob: 0
        }
    }

    /// The inclusive range an integer kind holds.
    var integerRange: ClosedRange<Int64>? {
        switch self {
        case .int8: Int64(Int8.min)...Int64(Int8.max)
        case .int16: Int64(Int16.min)...Int64(Int16.max)
        case .int32: Int64(Int32.min)...Int64(Int32.max)
        case .int64: Int64.min...Int64.max
        case .uint8: 0...Int64(UInt8.max)
        case .uint16: 0...Int64(UInt16.max)
        case .uint32: 0...Int64(UInt32.max)
        case .uint64: 0...Int64.max  // SQLite integers are signed 64-bit
        default: nil
        }
    }

    /// Whether a database column of `affinity` takes this kind's values as they are (text into an
    /// INTEGER column would be silently converted or kept as text: a mismatch).
    func fits(_ affinity: SQLiteAffinity) -> Bool {
        switch (self, affinity) {
        case (_, .blob): true
        case (.text, .text): true
        case (.text, _): false
        case (.blob, _): false
        case (.decimal, _): true
        case (.date, .text), (.date, .numeric), (.timestamp, .text), (.timestamp, .numeric): true
        case (.date, _), (.timestamp, _): false
        case (_, .text): false
        default: true
        }
    }
}

/// SQLite's column affinity, worked out from a declared type by SQLite's own rules (§3.1 of
/// "Datatypes In SQLite"): INT → integer; CHAR, CLOB, TEXT → text; BLOB or none → blob;
/// REAL, FLOA, DOUB → real; anything else numeric.
enum SQLiteAffinity: Sendable, Hashable {
    case integer, text, blob, real, numeric

    init(declared: String) {
        let t = declared.uppercased()
        if t.contains("INT") {
            self = .integer
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            self = .text
        } else if t.contains("BLOB") || t.isEmpty {
            self = .blob
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            self = .real
        } else {
            self = .numeric
        }
    }
}

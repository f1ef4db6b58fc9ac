import CSQLite
import SluiceCore

/// The buffers of one output column of the batch a SQLite source is filling: each row's value is
/// read straight from `sqlite3_column_*` into Arrow-layout memory (no ``Value`` per row), and
/// handed over as a ``Column`` when the batch is full.
final class SQLiteColumnFill {
    let name: String
    let type: DataType
    let kind: SQLiteColumnKind
    let scale: Int
    /// The result column of the statement this column reads.
    let index: Int32
    let capacity: Int
    private var values: ColumnBuffer
    /// Bit i set where row i is valid; every bit starts clear (NULL).
    private var validity: ColumnBuffer
    private var offsets: ColumnBuffer?
    private var dataUsed = 0

    init(name: String, type: DataType, kind: SQLiteColumnKind, scale: Int, index: Int32, capacity: Int) {
        self.name = name
        self.type = type
        self.kind = kind
        self.scale = scale
        self.index = index
        self.capacity = capacity
        (values, validity, offsets) = Self.freshBuffers(kind, capacity)
    }

    private static func freshBuffers(_ kind: SQLiteColumnKind, _ capacity: Int) -> (ColumnBuffer, ColumnBuffer, ColumnBuffer?) {
        let validity = ColumnBuffer(byteCount: Column.bitmapBytes(capacity))
        switch kind {
        case .bool: return (ColumnBuffer(byteCount: Column.bitmapBytes(capacity)), validity, nil)
        case .text, .blob: return (ColumnBuffer(byteCount: max(64, 16 * capacity)), validity, ColumnBuffer(byteCount: 4 * (capacity + 1)))
        default: return (ColumnBuffer(byteCount: kind.width * capacity), validity, nil)
        }
    }

    /// Why a value does not fit the column (the caller adds component, column and row).
    struct Unfit: Error { let reason: String }

    /// Reads the current row's value of `statement` into row `row`.
    func read(_ statement: OpaquePointer, row: Int) throws(Unfit) {
        let storage = sqlite3_column_type(statement, index)
        if storage == SQLITE_NULL {
            // A NULL string is empty: its end offset is its start (text and blob columns only have offsets).
            offsets?.bytes.storeBytes(of: Int32(truncatingIfNeeded: dataUsed), toByteOffset: 4 * (row + 1), as: Int32.self)
            return
        }
        let v = values.bytes
        switch kind {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            let i = try integer(statement, storage)
            guard let range = kind.integerRange, range.contains(i) else { throw Unfit(reason: "\(i) is out of the column's range") }
            switch kind {
            case .int8: v.storeBytes(of: Int8(truncatingIfNeeded: i), toByteOffset: row, as: Int8.self)
            case .uint8: v.storeBytes(of: UInt8(truncatingIfNeeded: i), toByteOffset: row, as: UInt8.self)
            case .int16: v.storeBytes(of: Int16(truncatingIfNeeded: i), toByteOffset: 2 * row, as: Int16.self)
            case .uint16: v.storeBytes(of: UInt16(truncatingIfNeeded: i), toByteOffset: 2 * row, as: UInt16.self)
            case .int32: v.storeBytes(of: Int32(truncatingIfNeeded: i), toByteOffset: 4 * row, as: Int32.self)
            case .uint32: v.storeBytes(of: UInt32(truncatingIfNeeded: i), toByteOffset: 4 * row, as: UInt32.self)
            case .uint64: v.storeBytes(of: UInt64(truncatingIfNeeded: i), toByteOffset: 8 * row, as: UInt64.self)
            default: v.storeBytes(of: i, toByteOffset: 8 * row, as: Int64.self)
            }
        case .bool:
            let i = try integer(statement, storage)
            guard i == 0 || i == 1 else { throw Unfit(reason: "\(i) is not a boolean (0 or 1)") }
            if i == 1 { Self.setBit(v, row) }
        case .float, .double:
            guard storage == SQLITE_INTEGER || storage == SQLITE_FLOAT else { throw Unfit(reason: "SQLite holds \(Self.describe(storage)), not a number") }
            let d = sqlite3_column_double(statement, index)
            if kind == .float { v.storeBytes(of: Float(d), toByteOffset: 4 * row, as: Float.self) } else { v.storeBytes(of: d, toByteOffset: 8 * row, as: Double.self) }
        case .decimal:
            v.storeBytes(of: try decimal(statement, storage), toByteOffset: 16 * row, as: Int128.self)
        case .date:
            guard storage == SQLITE_TEXT, let days = text(statement, SQLiteText.date), let d = Int32(exactly: days) else {
                throw Unfit(reason: "\(shown(statement, storage)) is not a date (YYYY-MM-DD)")
            }
            v.storeBytes(of: d, toByteOffset: 4 * row, as: Int32.self)
        case .timestamp:
            guard storage == SQLITE_TEXT, let micros = text(statement, SQLiteText.timestamp) else {
                throw Unfit(reason: "\(shown(statement, storage)) is not a timestamp (YYYY-MM-DD HH:MM:SS[.ffffff])")
            }
            v.storeBytes(of: micros, toByteOffset: 8 * row, as: Int64.self)
        case .text, .blob:
            if kind == .text && storage == SQLITE_BLOB { throw Unfit(reason: "SQLite holds a blob, not text") }
            if kind == .blob && storage != SQLITE_BLOB { throw Unfit(reason: "SQLite holds \(Self.describe(storage)), not a blob") }
            try appendBytes(statement, row: row)
        }
        Self.setBit(validity.bytes, row)
    }

    /// The first `rows` rows as a column; the fill starts a new batch.
    func finish(rows: Int) -> Column {
        let nullCount = rows - Column.countSetBits(validity.bytes, rows)
        let column = Column(
            type, length: rows, validity: nullCount == 0 ? nil : validity, values: values, offsets: offsets,
            decimalScale: kind == .decimal ? scale : nil)
        (values, validity, offsets) = Self.freshBuffers(kind, capacity)
        dataUsed = 0
        return column
    }

    // MARK: Per storage class

    private func integer(_ statement: OpaquePointer, _ storage: Int32) throws(Unfit) -> Int64 {
        if storage == SQLITE_INTEGER { return sqlite3_column_int64(statement, index) }
        if storage == SQLITE_FLOAT {
            let d = sqlite3_column_double(statement, index)
            // SQLite keeps 3.0 as REAL in a column without INTEGER affinity: whole numbers fit.
            guard d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { throw Unfit(reason: "\(d) is not a whole number in range") }
            return Int64(d)
        }
        throw Unfit(reason: "\(shown(statement, storage)) is not an integer")
    }

    private func decimal(_ statement: OpaquePointer, _ storage: Int32) throws(Unfit) -> Int128 {
        switch storage {
        case SQLITE_INTEGER:
            let i = sqlite3_column_int64(statement, index)
            var m = Int128(i.magnitude)
            for _ in 0..<scale {
                guard let next = SQLiteText.timesTenPlus(m, 0) else { throw Unfit(reason: "\(i) does not fit 38 digits at scale \(scale)") }
                m = next
            }
            return i < 0 ? -m : m
        case SQLITE_FLOAT:
            var d = sqlite3_column_double(statement, index)
            for _ in 0..<scale { d *= 10 }
            // Exact for the 15 significant digits a REAL keeps; rounded half away from zero.
            guard d.isFinite, abs(d) < 1e38, let m = Int128(exactly: d.rounded(.toNearestOrAwayFromZero)) else {
                throw Unfit(reason: "\(sqlite3_column_double(statement, index)) does not fit 38 digits")
            }
            return m
        case SQLITE_TEXT:
            let scale = self.scale
            guard let m = text(statement, { SQLiteText.decimal($0, $1, scale: scale) }) else {
                throw Unfit(reason: "\(shown(statement, storage)) is not a decimal number of at most 38 digits")
            }
            return m
        default:
            throw Unfit(reason: "SQLite holds a blob, not a number")
        }
    }

    private func text<T>(_ statement: OpaquePointer, _ parse: (UnsafePointer<UInt8>, Int) -> T?) -> T? {
        // Text first, then its length: the order SQLite documents as safe.
        guard let p = sqlite3_column_text(statement, index) else { return nil }
        return parse(p, Int(sqlite3_column_bytes(statement, index)))
    }

    private func appendBytes(_ statement: OpaquePointer, row: Int) throws(Unfit) {
        let start: UnsafeRawPointer? = kind == .text ? UnsafeRawPointer(sqlite3_column_text(statement, index)) : sqlite3_column_blob(statement, index)
        let count = Int(sqlite3_column_bytes(statement, index))
        guard dataUsed + count <= Int(Int32.max) else { throw Unfit(reason: "the batch's text exceeds 2 GiB; lower defaultBufferMaxRows") }
        reserveData(count)
        if let start, count > 0 { (values.bytes + dataUsed).copyMemory(from: start, byteCount: count) }
        dataUsed += count
        offsets?.bytes.storeBytes(of: Int32(truncatingIfNeeded: dataUsed), toByteOffset: 4 * (row + 1), as: Int32.self)
    }

    /// Makes room for `extra` more bytes (doubling, so growth is amortized).
    private func reserveData(_ extra: Int) {
        let needed = dataUsed + extra
        guard needed > values.byteCount else { return }
        var size = values.byteCount
        while size < needed { size *= 2 }
        let grown = ColumnBuffer(byteCount: size, zeroed: false)
        grown.bytes.copyMemory(from: values.bytes, byteCount: dataUsed)
        values = grown
    }

    @inline(__always) private static func setBit(_ base: UnsafeMutableRawPointer, _ i: Int) {
        let byte = base.load(fromByteOffset: i >> 3, as: UInt8.self)
        base.storeBytes(of: byte | UInt8(1) << UInt8(i & 7), toByteOffset: i >> 3, as: UInt8.self)
    }

    /// The value as an error shows it: SQLite's text of it, cut to 40 characters.
    private func shown(_ statement: OpaquePointer, _ storage: Int32) -> String {
        guard storage != SQLITE_BLOB, let p = sqlite3_column_text(statement, index) else { return Self.describe(storage) }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, index))), as: UTF8.self)
        return "\"" + (text.count > 40 ? String(text.prefix(37)) + "..." : text) + "\""
    }

    static func describe(_ storage: Int32) -> String {
        switch storage {
        case SQLITE_INTEGER: "an integer"
        case SQLITE_FLOAT: "a real"
        case SQLITE_TEXT: "text"
        case SQLITE_BLOB: "a blob"
        default: "NULL"
        }
    }
}

import CSQLite
import Foundation
import SluiceCore

/// A compiled SQLite statement, finalized when released.
final class SQLiteStatement {
    let handle: OpaquePointer
    /// Keeps the database open while the statement lives.
    private let connection: SQLiteConnection

    init(_ handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// The largest parameter index the statement uses (`?3` counts as 3; named ones count too).
    var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }
    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Binds a value to parameter `index` (1-based), typed by its case: integers and booleans
    /// (0/1) as INTEGER, reals and decimals as REAL, text, GUIDs and dates (ISO 8601) as TEXT,
    /// bytes as BLOB, null as NULL.
    /// - Throws: `SLUICE_E_SQL_PARAMETER_INVALID` for an object, or an unsigned integer beyond
    ///   SQLite's signed 64-bit range.
    func bind(_ value: Value, at index: Int, variable: String) throws {
        let position = Int32(index)
        let status: Int32
        switch value {
        case .null:
            status = sqlite3_bind_null(handle, position)
        case .bool(let flag):
            status = sqlite3_bind_int64(handle, position, flag ? 1 : 0)
        case .int(let integer):
            status = sqlite3_bind_int64(handle, position, integer)
        case .uint(let unsigned):
            guard let integer = Int64(exactly: unsigned) else {
                throw invalid(index, variable, "\(unsigned) does not fit SQLite's 64-bit signed integers")
            }
            status = sqlite3_bind_int64(handle, position, integer)
        case .real(let real):
            status = sqlite3_bind_double(handle, position, real)
        case .decimal(let decimal):
            status = sqlite3_bind_double(handle, position, NSDecimalNumber(decimal: decimal).doubleValue)
        case .string(let text):
            status = bindText(text, at: position)
        case .date, .dateTimeOffset:
            status = bindText(value.description, at: position)  // ISO 8601, to the microsecond, with any offset
        case .guid(let guid):
            status = bindText(guid.uuidString, at: position)
        case .bytes(let bytes):
            // A zero-length blob from a nil pointer would bind NULL; zeroblob keeps it a blob.
            status = bytes.isEmpty
                ? sqlite3_bind_zeroblob(handle, position, 0)
                : bytes.withUnsafeBytes {
                    sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), csqlite_transient())
                }
        case .object:
            throw invalid(index, variable, "the variable holds an object, which has no SQL value")
        }
        guard status == SQLITE_OK else { throw invalid(index, variable, connection.errorMessage) }
    }

    /// Runs the statement to its next row.
    /// - Returns: true when a row is ready, false when the statement is done.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw SQLiteFailure(message: connection.errorMessage, interrupted: status == SQLITE_INTERRUPT)
        }
    }

    /// Ends the statement early (after the row that was wanted), completing its changes.
    func reset() { sqlite3_reset(handle) }

    /// The current row, each column as its storage class gives it.
    func row() -> [Value] { (0..<Int32(columnCount)).map(value(at:)) }

    private func value(at column: Int32) -> Value {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .int(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Text first, then its length: the order SQLite documents as safe.
            guard let text = sqlite3_column_text(handle, column) else { return .string("") }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .string(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            guard let blob = sqlite3_column_blob(handle, column) else { return .bytes([]) }
            let count = Int(sqlite3_column_bytes(handle, column))
            return .bytes(Array(UnsafeRawBufferPointer(start: blob, count: count)))
        default:
            return .null
        }
    }

    private func bindText(_ text: String, at position: Int32) -> Int32 {
        // A nil pointer would bind NULL, so empty text gets a real (empty) C string.
        if text.isEmpty { return sqlite3_bind_text(handle, position, "", 0, csqlite_transient()) }
        // The byte count (not -1) keeps text with embedded NULs whole.
        var text = text
        return text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) {
                sqlite3_bind_text(handle, position, $0.baseAddress, Int32($0.count), csqlite_transient())
            }
        }
    }

    private func invalid(_ index: Int, _ variable: String, _ reason: String) -> SluiceError {
        SluiceError(.sqlParameterInvalid, ["reason": "parameter ?\(index) (variable \"\(variable)\"): \(reason)"])
    }
}

import CSQLite
import Foundation
import SluiceCore

/// What the SQLite components ask of a database beyond Execute SQL's needs: a table's columns,
/// a statement run for its effect, and SQLite's failures turned into coded errors that name the
/// component and the database.
struct SQLiteDatabase {
    let connection: SQLiteConnection
    /// The database path, for messages.
    let path: String
    /// The component, for messages.
    let component: String
    /// Milliseconds a statement waits for another connection's lock before SQLITE_BUSY.
    let busyTimeout: Int32

    init(connection: SQLiteConnection, path: String, component: String, busyTimeout: Int32) {
        self.connection = connection
        self.path = path
        self.component = component
        self.busyTimeout = busyTimeout
        sqlite3_busy_timeout(connection.handle, busyTimeout)
    }

    /// One column of a table: its name and declared type (`""` when it has none).
    struct TableColumn {
        let name: String
        let declared: String
    }

    /// The columns of `table` in order; empty when there is no such table (or view).
    func columns(of table: String) throws -> [TableColumn] {
        let compiled = try prepare("SELECT name, type FROM pragma_table_info(?1)")
        guard let statement = compiled else { return [] }
        try statement.bind(.string(table), at: 1, variable: "table")
        var columns: [TableColumn] = []
        while try step(statement) {
            columns.append(TableColumn(name: text(statement.handle, 0), declared: text(statement.handle, 1)))
        }
        return columns
    }

    /// Compiles `sql`.
    /// - Throws: `SLUICE_E_SQLITE_STATEMENT_FAILED` with SQLite's reason.
    func prepare(_ sql: String) throws -> SQLiteStatement? {
        do {
            return try sql.withCString { try connection.prepare($0).statement }
        } catch let failure as SQLiteFailure {
            throw coded(failure)
        }
    }

    /// Runs `sql` (no rows wanted).
    /// - Throws: `SLUICE_E_SQLITE_DATABASE_BUSY` when another connection holds the lock past the
    ///   busy timeout; `SLUICE_E_SQLITE_STATEMENT_FAILED` otherwise.
    func execute(_ sql: String, busyTimeout: Int32) throws {
        let status = sqlite3_exec(connection.handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else {
            if status & 0xFF == SQLITE_BUSY { throw busy(busyTimeout) }
            throw failed("\(connection.errorMessage) (\(sql))")
        }
    }

    func step(_ statement: SQLiteStatement) throws -> Bool {
        do { return try statement.step() } catch let failure as SQLiteFailure { throw coded(failure) }
    }

    /// A failure of SQLite's as the coded error: busy (the lock outlasted the timeout) or failed.
    private func coded(_ failure: SQLiteFailure) -> SluiceError {
        sqlite3_errcode(connection.handle) & 0xFF == SQLITE_BUSY ? busy(busyTimeout) : failed(failure.message)
    }

    func failed(_ reason: String) -> SluiceError {
        SluiceError(.sqliteStatementFailed, ["component": component, "database": path, "reason": reason])
    }

    func busy(_ milliseconds: Int32) -> SluiceError {
        SluiceError(.sqliteDatabaseBusy, [
            "component": component, "database": path, "milliseconds": String(milliseconds), "reason": connection.errorMessage,
        ])
    }

    func tableMissing(_ table: String) -> SluiceError {
        SluiceError(.sqliteTableMissing, ["component": component, "table": table, "database": path])
    }

    private func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        guard let p = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    /// Whether the database file is there to look at without creating it (`:memory:` never is).
    static func exists(_ path: String) -> Bool {
        path != ":memory:" && !path.hasPrefix("file:") && FileManager.default.fileExists(atPath: path)
    }
}

import CSQLite
import SluiceCore

/// An open SQLite database handle, closed when the owner is released.
///
/// Used by one task execution on one thread; the handle is opened in serialized (full mutex)
/// mode anyway, so a stray use from elsewhere cannot corrupt it.
final class SQLiteConnection {
    let handle: OpaquePointer
    /// Kept alive with the handle: SQLite calls it back through an unretained pointer.
    private var interruptCheck: InterruptCheck?

    /// How long a statement waits for another process's lock before failing with SQLITE_BUSY.
    static let busyTimeoutMilliseconds: Int32 = 5_000
    /// SQLite virtual-machine steps between two calls of the interrupt check.
    static let interruptCheckInterval: Int32 = 10_000

    /// Opens (creating if needed) the database file at `path`; `:memory:` gives a fresh
    /// in-memory database. `readOnly` neither creates nor writes (validation looks, it never touches).
    /// - Throws: `SLUICE_E_SQL_OPEN_FAILED` with SQLite's reason.
    init(path: String, readOnly: Bool = false) throws {
        var opened: OpaquePointer?
        let access = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        let flags = access | SQLITE_OPEN_FULLMUTEX
        let status = sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            // SQLite usually hands back a handle even when opening fails; it holds the message
            // and must be closed all the same.
            let reason = opened.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(opened)
            throw SluiceError(.sqlOpenFailed, ["path": path, "reason": reason])
        }
        handle = opened
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    deinit {
        // close_v2 defers the close until every statement is finalized, so a statement
        // outliving its connection cannot make the close fail.
        sqlite3_close_v2(handle)
    }

    /// SQLite's message for the last failure on this connection.
    var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }
    /// True outside an explicit transaction: after BEGIN it is false until COMMIT or ROLLBACK,
    /// or until SQLite rolls the transaction back by itself.
    var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }
    /// Rows changed by the most recently completed INSERT, UPDATE or DELETE.
    var changes: Int64 { sqlite3_changes64(handle) }
    /// Rows changed since the connection was opened, triggers included.
    var totalChanges: Int64 { sqlite3_total_changes64(handle) }

    /// Makes running statements stop with SQLITE_INTERRUPT as soon as `check` returns true.
    func interrupt(when check: @escaping () -> Bool) {
        let box = InterruptCheck(check)
        interruptCheck = box
        sqlite3_progress_handler(
            handle, Self.interruptCheckInterval,
            { raw in
                guard let raw else { return 0 }
                return Unmanaged<InterruptCheck>.fromOpaque(raw).takeUnretainedValue().check() ? 1 : 0
            }, Unmanaged.passUnretained(box).toOpaque())
    }

    /// Compiles the first statement of `sql`, skipping empty ones (`;;`, comments).
    /// - Returns: the statement, or nil when only blanks remain, and where the rest begins.
    /// - Throws: `SLUICE_E_SQL_FAILED` (with `connection` left for the caller to fill) on a
    ///   syntax error or an unknown table.
    func prepare(_ sql: UnsafePointer<CChar>) throws -> (statement: SQLiteStatement?, rest: UnsafePointer<CChar>) {
        var cursor = sql
        while cursor.pointee != 0 {
            var compiled: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            guard sqlite3_prepare_v2(handle, cursor, -1, &compiled, &tail) == SQLITE_OK else {
                throw SQLiteFailure(message: errorMessage)
            }
            let rest = tail ?? cursor
            if let compiled { return (SQLiteStatement(compiled, connection: self), rest) }
            // Nothing compiled and nothing consumed: only blanks are left.
            if rest == cursor { break }
            cursor = rest
        }
        return (nil, cursor)
    }

    /// Whether `sql` holds another statement (or something that fails to compile, which the
    /// caller will report when it gets there).
    func hasStatement(in sql: UnsafePointer<CChar>) -> Bool {
        guard let (statement, _) = try? prepare(sql) else { return true }
        return statement != nil
    }
}

/// A failed SQLite call, before the task turns it into a ``SluiceError`` naming the connection.
struct SQLiteFailure: Error {
    var message: String
    /// True when the failure is SQLITE_INTERRUPT, i.e. the interrupt check stopped the statement.
    var interrupted = false
}

/// Holds the interrupt closure at a stable address for SQLite's C callback.
private final class InterruptCheck {
    let check: () -> Bool
    init(_ check: @escaping () -> Bool) { self.check = check }
}

import GRDB
import SluiceCore

/// A read-only connection of its own for the two one-row reads every request makes (the
/// caller's token, the change counter), answered on the calling thread.
///
/// An async pool read hops to a reader connection's queue and back: some 40 µs of the two
/// cores here, most of what a cached answer costs. A blocking read of the *pool* is no cure: it
/// waits for a reader connection that an async read holds until it is resumed on the
/// concurrency pool, and the server stopped for good under load (commit 173d3b2). This
/// connection is used by nothing else, and only for single statements that wait on nothing
/// but SQLite itself (WAL readers never wait for the writer), so a caller waits at most for
/// another caller's statement. When SQLite is busy (a second process recovering the WAL), the
/// read is not retried here: the caller falls back to an async pool read.
final class SQLiteQuickReader: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .immediateError
        configuration.label = "SluiceCatalog.quick"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Runs one statement's worth of reading now, on this thread; nil when SQLite is busy or the
    /// connection fails, for the caller to read through the pool instead.
    func read<T>(_ body: (Database) throws -> T) -> T? {
        // A single statement is its own snapshot: no transaction around it.
        try? connection.unsafeRead(body)
    }

    func close() {
        try? connection.close()
    }
}

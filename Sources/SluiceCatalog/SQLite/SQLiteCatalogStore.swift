import Foundation
import GRDB
#if canImport(Glibc)
    import Glibc
#endif
import SluiceCore

/// The catalog in one SQLite file, through GRDB's `DatabasePool`.
///
/// ```swift
/// let store = try SQLiteCatalogStore(path: "/var/lib/sluice/catalog.db")   // created on first open
/// try await store.createFolder("Finance", description: "", by: "alice")
/// ```
///
/// Why GRDB, for a concurrent server: a `DatabasePool` opens the file in WAL mode with one
/// writer connection and a pool of reader connections, each on its own serial queue, and
/// awaits them from async code without blocking the cooperative thread pool. Readers then never
/// wait for the writer, and see only committed transactions: listing packages stays fast while
/// a 60 MiB project deploys. sqlite-nio gives one connection per handle on an event loop and
/// leaves pooling, WAL, reader/writer separation and migrations to us; the project's own
/// CSQLite wrapper (SluiceComponents) is a synchronous single-connection owner made for the
/// data flow, with neither pooling nor migrations. GRDB also brings versioned migrations
/// (`DatabaseMigrator`, recorded in the file) and one owner per C handle, which STYLE.md asks for.
///
/// Every change runs in one write transaction, its operations-log entry included: a process
/// killed in the middle leaves the last committed state (SQLite's journal). A new file gets mode
/// 0600. Foreign keys are on
/// (GRDB's default, checked at open). Every statement binds its arguments.
public final class SQLiteCatalogStore: CatalogConfigurationStore {
    /// The file.
    public let path: String
    let pool: DatabasePool
    /// The connection for the reads every request makes (see ``SQLiteQuickReader``).
    let quick: SQLiteQuickReader
    /// Called inside a deploy's write transaction after its rows are written and before it
    /// commits, for tests that prove readers go on meanwhile. Never set outside tests.
    let duringDeploy: (@Sendable () -> Void)?
    /// Hashes and checks passwords (bcrypt, at the cost given at open).
    let passwords: CatalogPasswords
    /// Seals and opens sensitive values with the catalog's key.
    let secrets: CatalogSecretBox

    /// The schema's migrations, in order. A migration, once released, never changes: a change
    /// is a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try db.execute(sql: SQLiteCatalogSchema.v1) }
        migrator.registerMigration("v2-security") { db in try db.execute(sql: SQLiteCatalogSchema.v2Security) }
        migrator.registerMigration("v3-configuration") { db in
            try db.execute(sql: SQLiteConfigurationSchema.v3)
            try SQLiteCatalogStore.backfillDeployedParameters(db)
        }
        migrator.registerMigration(SQLiteGenerationSchema.identifier) { db in try SQLiteGenerationSchema.migrate(db) }
        migrator.registerMigration(SQLiteVersionsSchema.identifier) { db in try SQLiteVersionsSchema.migrate(db) }
        return migrator
    }

    /// Opens the catalog at `path`, creating the file (and applying every migration) on first
    /// open.
    /// - Throws: `SLUICE_E_CATALOG_OPEN_FAILED`; `SLUICE_E_CATALOG_SCHEMA_NEWER` for a file a
    ///   newer Sluice migrated past what this one knows.
    ///   The key that seals sensitive values is read from `PATH.key` beside it, made on first
    ///   use (``CatalogKeyFile``).
    /// - Parameter passwordCost: bcrypt's cost (log2 of its rounds, 4-31): 12 in production,
    ///   lower only in tests.
    public convenience init(path: String, passwordCost: Int = CatalogPasswords.productionCost) throws {
        try self.init(path: path, keyFile: nil, passwordCost: passwordCost, duringDeploy: nil)
    }

    /// Opens the catalog at `path` with the key in `keyFile` (made on first use).
    /// - Throws: also `SLUICE_E_CATALOG_KEY_FILE_INVALID`, and `SLUICE_E_CATALOG_KEY_WRONG` for
    ///   a key that is not the one the catalog's sealed values were sealed with.
    public convenience init(path: String, keyFile: String, passwordCost: Int = CatalogPasswords.productionCost) throws {
        try self.init(path: path, keyFile: keyFile, passwordCost: passwordCost, duringDeploy: nil)
    }

    package init(
        path: String, keyFile: String? = nil, passwordCost: Int = CatalogPasswords.productionCost, duringDeploy: (@Sendable () -> Void)?
    ) throws {
        self.path = path
        self.duringDeploy = duringDeploy
        passwords = CatalogPasswords(cost: passwordCost)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.label = "SluiceCatalog"
        // A second process writing the same file waits up to 5 s rather than failing at once.
        configuration.busyMode = .timeout(5)
        // Deleted rows are overwritten, not left in free pages: a value replaced or deleted
        // does not linger in the file.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        try Self.createPrivately(path)
        let keyFile = keyFile ?? path + ".key"
        secrets = CatalogSecretBox(key: try CatalogKeyFile.load(keyFile), store: path)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SluiceError(.catalogOpenFailed, ["store": path, "reason": Self.reason(error)], cause: error)
        }
        do {
            quick = try SQLiteQuickReader(path: path)
        } catch {
            try? pool.close()
            throw SluiceError(.catalogOpenFailed, ["store": path, "reason": Self.reason(error)], cause: error)
        }
        let migrator = Self.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }
                throw SluiceError(.catalogSchemaNewer, [
                    "store": path, "migrations": applied.sorted().joined(separator: ", "), "known": migrator.migrations.last ?? "",
                ])
            }
            try migrator.migrate(pool)
            try checkKey(keyFile)
            let foreignKeys = try pool.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } ?? false
            guard foreignKeys else { throw SluiceError(.catalogOpenFailed, ["store": path, "reason": "foreign keys could not be turned on"]) }
        } catch let error as SluiceError {
            quick.close()
            try? pool.close()
            throw error
        } catch {
            quick.close()
            try? pool.close()
            throw SluiceError(.catalogOpenFailed, ["store": path, "reason": Self.reason(error)], cause: error)
        }
    }

    /// Creates the file, empty (an empty file is an empty SQLite database), with mode 0600
    /// when it does not exist: the catalog is the server's alone, and will hold its secrets.
    /// SQLite gives the `-wal` and `-shm` files the database file's mode.
    static func createPrivately(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            Glibc.close(fd)
        } else if errno != EEXIST {
            throw SluiceError(.catalogOpenFailed, ["store": path, "reason": String(cString: strerror(errno))])
        }
    }

    /// Opens the value sealed at the first open with the key; seals one when there is none.
    private func checkKey(_ keyFile: String) throws {
        let secrets = secrets
        let path = path
        try pool.write { db in
            if let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM key_check WHERE id = 1") {
                guard (try? secrets.open(sealed, row: CatalogSecretBox.keyCheckRow)) == CatalogSecretBox.keyCheckText else {
                    throw SluiceError(.catalogKeyWrong, ["file": keyFile, "store": path])
                }
            } else {
                let sealed = try secrets.seal(CatalogSecretBox.keyCheckText, row: CatalogSecretBox.keyCheckRow)
                try db.execute(sql: "INSERT INTO key_check (id, sealed) VALUES (1, ?)", arguments: [sealed])
            }
        }
    }

    /// Closes every connection. Later calls fail with `SLUICE_E_CATALOG_STORE_FAILED`.
    public func close() throws {
        quick.close()
        do { try pool.close() } catch { throw storeFailed(error, "close") }
    }

    public func appliedMigrations() async throws -> [String] {
        let migrator = Self.migrator
        return try await read("list its migrations") { try migrator.appliedMigrations($0) }
    }

    public func generation() async throws -> Int64 {
        try await quickRead("read its change counter", Self.generation)
    }

    @Sendable static func generation(_ db: Database) throws -> Int64 {
        // A cached statement: asked on every request, it is compiled once per connection.
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM catalog_generation WHERE id = 1")) ?? 0
    }

    // MARK: - Plumbing for the operations

    /// Runs `body` in a read transaction (a snapshot: it sees only committed changes).
    func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw storeFailed(error, action)
        }
    }

    /// Runs one statement's worth of reading through ``quick`` on this thread, or through the
    /// pool when that connection cannot read.
    func quickRead<T: Sendable>(_ action: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let value = quick.read(body) { return value }
        return try await read(action, body)
    }

    /// Runs one change in one write transaction and records it in the operations log, in the
    /// same transaction when it succeeds; a failed change is rolled back whole, then recorded as
    /// failed in a transaction of its own.
    /// - Parameter body: does the change; returns its result and the log entry's detail.
    func change<T: Sendable>(
        _ kind: CatalogOperation.Kind, _ type: CatalogOperation.ObjectType, _ object: String, by caller: String,
        _ body: @escaping @Sendable (Database) throws -> (T, String)
    ) async throws -> T {
        let time = Date()
        do {
            return try await pool.write { db in
                let (result, detail) = try body(db)
                try Self.record(db, kind, type, object, caller, time, .succeeded, nil, detail)
                return result
            }
        } catch {
            let failure = storeFailed(error, kind.rawValue.replacingOccurrences(of: "_", with: " "))
            _ = try? await pool.write { db in
                try Self.record(db, kind, type, object, caller, time, .failed, failure.code, failure.text)
            }
            throw failure
        }
    }

    /// The object's name is kept with control characters escaped (a refused name is logged
    /// too, and a log is read on terminals); its key is the name's own, for filtering.
    static func record(
        _ db: Database, _ kind: CatalogOperation.Kind, _ type: CatalogOperation.ObjectType, _ object: String, _ caller: String,
        _ time: Date, _ outcome: CatalogOperation.Outcome, _ code: Int32?, _ detail: String
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO operation (kind, object_type, object_name, object_key, caller, time, outcome, error_code, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                kind.rawValue, type.rawValue, CatalogName.escaped(object), CatalogName.key(object), caller, time.timeIntervalSince1970, outcome.rawValue,
                code.map { Int64($0) }, detail,
            ])
    }

    /// `error` as a Sluice error: ours pass as they are, the database's become
    /// `SLUICE_E_CATALOG_STORE_FAILED`.
    func storeFailed(_ error: any Error, _ action: String) -> SluiceError {
        if let error = error as? SluiceError { return error }
        return SluiceError(.catalogStoreFailed, ["store": path, "action": action, "reason": Self.reason(error)], cause: error)
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }
}

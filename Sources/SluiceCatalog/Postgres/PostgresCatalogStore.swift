import Foundation
import Logging
import PostgresNIO
import SluiceCore
import Synchronization

/// The catalog in a PostgreSQL database, through postgres-nio's `PostgresClient` (its pool of
/// connections), for several catalog servers sharing one catalog.
///
/// ```swift
/// let store = try await PostgresCatalogStore(
///     url: "postgres://sluice:secret@db/ops?sslmode=require", keyFile: "/etc/sluice/catalog.key")
/// try await store.createFolder("Finance", description: "", by: "alice")
/// await store.close()
/// ```
///
/// The same behaviour as ``SQLiteCatalogStore``, held to the same conformance suite. The tables
/// live in one schema (`sluice_catalog` unless told), created with every migration on first
/// open. Reads run in a read-only REPEATABLE READ transaction: a snapshot of committed changes,
/// as SQLite's WAL readers see. Changes take one transaction-level advisory lock per schema,
/// the writer lock: they run one at a time, as SQLite's single writer runs them, so every check
/// a change makes before it writes (does the folder exist? is the name taken?) still holds when
/// it commits, across every server sharing the database; readers never wait for it. The pool's
/// background work runs in a task the store owns until ``close()``.
///
/// Users, tokens, permissions, roles and the configuration are kept as the SQLite store keeps
/// them (its files' PostgreSQL twins: `PostgresCatalogStore+Users.swift`, …). The key that
/// seals sensitive values is in a file the caller names: a database has no "beside it" on the
/// server's disk, and every server sharing the catalog needs the same key.
public final class PostgresCatalogStore: CatalogConfigurationStore {
    /// Where the catalog is, without its password.
    public let location: PostgresCatalogLocation
    let client: PostgresClient
    let running: Task<Void, Never>
    let logger: Logger
    /// How long acquiring a connection may take before an operation fails: the connect
    /// timeout and a little more, so an unreachable server fails in bounded time.
    let leaseTimeout: Duration
    /// Set by ``close()``: later calls fail at once rather than wait for a pool that is gone.
    let closed = Atomic<Bool>(false)
    /// Hashes and checks passwords (bcrypt, at the cost given at open).
    let passwords: CatalogPasswords
    /// Seals and opens sensitive values with the catalog's key.
    let secrets: CatalogSecretBox

    /// `pg_advisory_xact_lock`'s first key, "SLCT": the second is the schema name's hash, so
    /// catalogs in different schemas never wait for each other.
    static let writerLockClass: Int32 = 0x534C_4354

    /// Opens the catalog at `url` (see ``PostgresCatalogLocation``), creating its schema and
    /// applying every migration on first open.
    /// - Parameters:
    ///   - keyFile: the key that seals sensitive values (``CatalogKeyFile``), made on first use.
    ///   - passwordCost: bcrypt's cost (4-31): 12 in production, lower only in tests.
    /// - Throws: `SLUICE_E_CATALOG_OPEN_FAILED` (a malformed URL, named without its password; a
    ///   server that does not answer within the connect timeout; a refused login);
    ///   `SLUICE_E_CATALOG_SCHEMA_NEWER` for a schema a newer Sluice migrated;
    ///   `SLUICE_E_CATALOG_KEY_FILE_INVALID`; `SLUICE_E_CATALOG_KEY_WRONG` for a key that is not
    ///   the one the catalog's sealed values were sealed with.
    public convenience init(
        url: String, schema: String = PostgresCatalogLocation.defaultSchema, keyFile: String,
        passwordCost: Int = CatalogPasswords.productionCost
    ) async throws {
        try await self.init(location: PostgresCatalogLocation(url: url, schema: schema), keyFile: keyFile, passwordCost: passwordCost)
    }

    public init(location: PostgresCatalogLocation, keyFile: String, passwordCost: Int = CatalogPasswords.productionCost) async throws {
        self.location = location
        passwords = CatalogPasswords(cost: passwordCost)
        var logger = Logger(label: "SluiceCatalog.Postgres")
        logger.logLevel = .critical
        self.logger = logger
        leaseTimeout = .seconds(location.connectTimeoutSeconds + 2)
        try await Self.probe(location, logger)
        // After the probe: a URL that leads nowhere makes no key file.
        secrets = CatalogSecretBox(key: try CatalogKeyFile.load(keyFile), store: location.description)
        let client = PostgresClient(configuration: location.clientConfiguration(), backgroundLogger: logger)
        self.client = client
        running = Task { await client.run() }
        do {
            try await migrate()
            try await checkKey(keyFile)
        } catch {
            await close()
            if let error = error as? SluiceError { throw error }
            throw SluiceError(.catalogOpenFailed, ["store": location.description, "reason": Self.reason(error)], cause: error)
        }
    }

    /// Connects once outside the pool, and closes: an unreachable server, a refused login or
    /// a missing database fails the open at once with the server's reason.
    static func probe(_ location: PostgresCatalogLocation, _ logger: Logger) async throws {
        do {
            // The connect timeout bounds the TCP connect only: a server that accepts and then
            // says nothing is bounded by the deadline.
            let configuration = try location.connectionConfiguration()
            try await withDeadline(.seconds(location.connectTimeoutSeconds + 2)) {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                try? await connection.close()
            }
        } catch {
            throw SluiceError(
                .catalogOpenFailed, ["store": location.description, "reason": "could not connect: " + reason(error)], cause: error)
        }
    }

    /// Closes every connection and waits for the pool to stop. Later calls fail with
    /// `SLUICE_E_CATALOG_STORE_FAILED`. Calling it again does nothing.
    public func close() async {
        closed.store(true, ordering: .releasing)
        running.cancel()
        await running.value
    }

    public func appliedMigrations() async throws -> [String] {
        try await read("list its migrations") { tx in
            try await tx.rows("SELECT identifier FROM schema_migration ORDER BY id").map { try $0("identifier", String.self) }
        }
    }

    /// One statement on a leased connection, outside a transaction: the server asks on every
    /// cached request, and a snapshot transaction would cost three more round trips.
    public func generation() async throws -> Int64 {
        // The schema's name is checked when the location is made: it holds no quote.
        let (logger, query) = (self.logger, PostgresQuery(unsafeSQL: "SELECT value FROM \"\(location.schema)\".catalog_generation WHERE id = 1"))
        do {
            return try await withLeasedConnection { connection in
                try await PostgresCatalogTransaction(connection: connection, logger: logger).rows(query).first.map { try $0("value", Int64.self) } ?? 0
            }
        } catch {
            throw storeFailed(error, "read its change counter")
        }
    }

    // MARK: - Plumbing for the operations

    /// Runs `body` in a read-only snapshot transaction.
    package func read<T: Sendable>(_ action: String, _ body: @escaping @Sendable (PostgresCatalogTransaction) async throws -> T) async throws -> T {
        do {
            return try await withTransaction(writing: false, body)
        } catch {
            throw storeFailed(error, action)
        }
    }

    /// Runs one change in one transaction under the writer lock and records it in the
    /// operations log, in the same transaction when it succeeds; a failed change is rolled
    /// back whole, then recorded as failed in a transaction of its own.
    /// - Parameter body: does the change; returns its result and the log entry's detail.
    package func change<T: Sendable>(
        _ kind: CatalogOperation.Kind, _ type: CatalogOperation.ObjectType, _ object: String, by caller: String,
        _ body: @escaping @Sendable (PostgresCatalogTransaction) async throws -> (T, String)
    ) async throws -> T {
        let time = Date()
        do {
            return try await withTransaction(writing: true) { tx in
                let (result, detail) = try await body(tx)
                try await tx.record(kind, type, object, caller, time, .succeeded, nil, detail)
                return result
            }
        } catch {
            let failure = storeFailed(error, kind.rawValue.replacingOccurrences(of: "_", with: " "))
            _ = try? await withTransaction(writing: true) { tx in
                try await tx.record(kind, type, object, caller, time, .failed, failure.code, failure.text)
            }
            throw failure
        }
    }

    /// `error` as a Sluice error: ours pass as they are, the database's become
    /// `SLUICE_E_CATALOG_STORE_FAILED`.
    package func storeFailed(_ error: any Error, _ action: String) -> SluiceError {
        if let error = error as? SluiceError { return error }
        return SluiceError(.catalogStoreFailed, ["store": location.description, "action": action, "reason": Self.reason(error)], cause: error)
    }

    /// The server's message (and detail) when there is one: postgres-nio's description hides
    /// it behind a generic text.
    static func reason(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo, let message = info[.message] {
                return message + (info[.detail].map { " (\($0))" } ?? "") + (info[.sqlState].map { " [SQLSTATE \($0)]" } ?? "")
            }
            if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
            return "\(psql.code)"
        }
        return "\(error)"
    }
}

import Foundation
import SluiceCatalog
import SluiceTestSupport
import Synchronization
import Testing

/// The PostgreSQL server of the catalog tests: `SLUICE_TEST_POSTGRES_URL` (scripts/test.sh
/// starts one through scripts/postgres-test-server.sh). Without it the PostgreSQL tests are
/// skipped, and say so, unless `SLUICE_REQUIRE_POSTGRES=1`, when they fail instead. Each test
/// gets schemas of its own, dropped when it ends, so tests never see each other.
struct PostgresCatalogServer {
    static let url = ProcessInfo.processInfo.environment["SLUICE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_POSTGRES"] == "1"
    /// Runs the tests when there is a server, or when one is required (they then fail without one).
    static var available: Bool { url != nil || required }
    static let skipReason: Comment = "SLUICE_TEST_POSTGRES_URL is not set: run scripts/test.sh, or source scripts/postgres-test-server.sh"

    let url: String
    private let opened = OpenedStores()

    init() throws {
        guard let url = Self.url else {
            Issue.record("SLUICE_REQUIRE_POSTGRES=1 but SLUICE_TEST_POSTGRES_URL is not set")
            throw Missing()
        }
        self.url = url
    }

    struct Missing: Error {}

    /// A schema name no other test uses.
    func freshSchema() -> String {
        let schema = "sluice_test_\(UInt64.random(in: 0...UInt64.max))"
        opened.remember(schema: schema)
        return schema
    }

    /// A store on a fresh schema (or on `schema`), closed and dropped by ``cleanUp()``; its key
    /// file is the schema's own (a reopen finds the same key), passwords hashed at bcrypt's
    /// lowest cost.
    func open(schema: String? = nil) async throws -> PostgresCatalogStore {
        let schema = schema ?? freshSchema()
        let store = try await PostgresCatalogStore(url: url, schema: schema, keyFile: Self.keyFile(schema), passwordCost: 4)
        opened.remember(store: store)
        return store
    }

    /// Runs `body`, then closes every store it opened and drops every schema it used, whether
    /// it passed or not.
    func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }

    func cleanUp() async {
        let (stores, schemas) = opened.takeAll()
        for store in stores { await store.close() }
        for schema in schemas {
            _ = try? psql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
            try? FileManager.default.removeItem(atPath: Self.keyFile(schema))
        }
    }

    /// The key file of the catalog in `schema`, in the temporary directory.
    static func keyFile(_ schema: String) -> String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(schema).key").path
    }

    /// `psql` with ON_ERROR_STOP, unaligned tuples only: the output of `sql`, trimmed.
    @discardableResult
    func psql(_ sql: String) throws -> String {
        let r = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        guard r.status == 0 else { throw PSQLFailed(transcript: r.transcript) }
        return r.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    struct PSQLFailed: Error, CustomStringConvertible {
        let transcript: String
        var description: String { transcript }
    }

    private final class OpenedStores: Sendable {
        private let state = Mutex<(stores: [PostgresCatalogStore], schemas: [String])>(([], []))

        func remember(store: PostgresCatalogStore) { state.withLock { $0.stores.append(store) } }
        func remember(schema: String) { state.withLock { $0.schemas.append(schema) } }
        func takeAll() -> ([PostgresCatalogStore], [String]) {
            state.withLock { state in
                defer { state = ([], []) }
                return (state.stores, state.schemas)
            }
        }
    }
}

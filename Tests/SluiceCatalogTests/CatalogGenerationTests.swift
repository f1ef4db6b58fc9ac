import Foundation
import GRDB
@testable import SluiceCatalog
import SluiceTestSupport
import Testing

/// The change counter on SQLite files: the conformance check, and every table of the schema
/// either bumps it or is left out on purpose.
@Suite struct SQLiteCatalogGenerationTests {
    let directory: URL

    init() throws { directory = try BuildProducts.temporaryDirectory("catalog-generation") }

    @Test func everyKindOfChangeMovesTheCounterAndReadsDoNot() async throws {
        let directory = directory
        let conformance = CatalogGenerationConformance(
            make: { try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog-\(UUID().uuidString).db").path, passwordCost: 4) },
            reopen: { store in try SQLiteCatalogStore(path: try #require(store as? SQLiteCatalogStore).path, passwordCost: 4) },
            directory: directory)
        try await conformance.everyKindOfChangeMovesTheCounterAndReadsDoNot()
    }

    /// The counter and tokens are read on the calling thread through a connection of their
    /// own: it sees another process's commits at once, and when it cannot read, the pool answers.
    @Test func quickReadsSeeOtherWritersAndFallBackToThePool() async throws {
        let path = directory.appendingPathComponent("quick.db").path
        let server = try SQLiteCatalogStore(path: path, passwordCost: 4)
        defer { try? server.close() }
        let other = try SQLiteCatalogStore(path: path, passwordCost: 4)
        defer { try? other.close() }
        try await other.createUser("alice", password: "correct horse battery", isAdministrator: false, by: "root")
        let token = try await other.createToken(for: "alice", expiresAt: Date().addingTimeInterval(3600), description: "", by: "alice")
        let before = try await server.generation()
        #expect(server.quick.read(SQLiteCatalogStore.generation) == before)
        #expect(try await server.authenticate(token: token.secret)?.user == "alice")
        try await other.createFolder("Finance", description: "", by: "alice")
        #expect(try await server.generation() > before)
        try await other.revokeToken(token.info.id, by: CatalogCaller(user: "alice", isAdministrator: false, tokenID: nil))
        #expect(try await server.authenticate(token: token.secret) == nil)

        let second = try await other.createToken(for: "alice", expiresAt: Date().addingTimeInterval(3600), description: "", by: "alice")
        server.quick.close()
        #expect(server.quick.read(SQLiteCatalogStore.generation) == nil)
        #expect(try await server.generation() == other.generation())
        #expect(try await server.authenticate(token: second.secret)?.user == "alice")
        #expect(try await server.authenticate(token: token.secret) == nil)
    }

    /// A table added by a later migration without a trigger would let lists go stale.
    @Test func everyTableIsTrackedOrLeftOutOnPurpose() async throws {
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("tables.db").path)
        defer { try? store.close() }
        let (tables, triggers) = try await store.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'"),
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_generation_%'")
            )
        }
        #expect(Set(tables) == Set(SQLiteGenerationSchema.tracked).union(SQLiteGenerationSchema.untracked))
        let expected = SQLiteGenerationSchema.tracked.flatMap { table in ["insert", "update", "delete"].map { "\(table)_generation_\($0)" } }
        #expect(Set(triggers) == Set(expected))
    }
}

/// The same on PostgreSQL.
@Suite(.enabled(if: PostgresCatalogServer.available, PostgresCatalogServer.skipReason))
struct PostgresCatalogGenerationTests {
    let directory: URL

    init() throws { directory = try BuildProducts.temporaryDirectory("catalog-pg-generation") }

    @Test func everyKindOfChangeMovesTheCounterAndReadsDoNot() async throws {
        let server = try PostgresCatalogServer()
        let conformance = CatalogGenerationConformance(
            make: { try await server.open() },
            reopen: { store in try await server.open(schema: try #require(store as? PostgresCatalogStore).location.schema) },
            directory: directory)
        try await server.run { try await conformance.everyKindOfChangeMovesTheCounterAndReadsDoNot() }
    }

    @Test func everyTableIsTrackedOrLeftOutOnPurpose() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let schema = try await server.open().location.schema
            let tables = try server.psql("SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = '\(schema)'")
            #expect(Set(tables.split(separator: ",").map(String.init))
                == Set(PostgresGenerationSchema.tracked).union(PostgresGenerationSchema.untracked))
            let triggers = try server.psql(
                "SELECT string_agg(DISTINCT event_object_table, ',') FROM information_schema.triggers WHERE trigger_schema = '\(schema)' AND trigger_name LIKE '%_generation'")
            #expect(Set(triggers.split(separator: ",").map(String.init)) == Set(PostgresGenerationSchema.tracked))
        }
    }
}

import Foundation
import SluiceCatalogClient
import SluiceTestSupport
import Testing

/// `sluice serve --catalog postgres://…` as users start it: the built binary on a database of
/// its own (made and dropped here), the key file where `--key-file` says. Skipped without a
/// PostgreSQL server (SLUICE_TEST_POSTGRES_URL), unless SLUICE_REQUIRE_POSTGRES=1.
@Suite(.enabled(if: ServePostgresServer.url != nil || ServePostgresServer.required, "SLUICE_TEST_POSTGRES_URL is not set"))
struct ServePostgresTests {

    @Test func theAdministratorListsFoldersOfAPostgreSQLCatalog() async throws {
        let base = try #require(ServePostgresServer.url, "SLUICE_REQUIRE_POSTGRES=1 but SLUICE_TEST_POSTGRES_URL is not set")
        let database = "sluice_serve_\(UInt64.random(in: 0...UInt64.max))"
        try psql(base, "CREATE DATABASE \(database)")
        defer { _ = try? psql(base, "DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        var components = try #require(URLComponents(string: base))
        components.path = "/" + database
        let url = try #require(components.string)
        let directory = try BuildProducts.temporaryDirectory("serve-postgres")
        let keyFile = directory.appendingPathComponent("catalog.key").path

        let server = try await ServeProcess(catalog: url, arguments: ["--key-file", keyFile])
        let client = try CatalogClient(CatalogClientConfiguration(server: server.url, token: ServeProcess.adminToken))
        _ = try await client.createFolder("Finance", description: "Money")
        _ = try await client.createFolder("Archive")
        let listed = try await client.listFolders().items.map(\.name)
        #expect(await server.stop() == 0)
        #expect(listed == ["Archive", "Finance"])
        // The folders are in PostgreSQL, made by the bootstrap administrator; the key is 0600.
        #expect(try psql(url, "SELECT string_agg(name || ':' || created_by, ',' ORDER BY name) FROM sluice_catalog.folder") == "Archive:admin,Finance:admin")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A restart on the same catalog and key serves what was there.
        let again = try await ServeProcess(catalog: url, arguments: ["--key-file", keyFile])
        let second = try CatalogClient(CatalogClientConfiguration(server: again.url, token: ServeProcess.adminToken))
        #expect(try await second.listFolders().items.map(\.name) == ["Archive", "Finance"])
        await again.stop()
    }

    @discardableResult
    func psql(_ url: String, _ sql: String) throws -> String {
        let result = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/psql"), [url, "-v", "ON_ERROR_STOP=1", "-Atqc", sql])
        guard result.status == 0 else { throw ServeProcessFailed(output: result.transcript) }
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The PostgreSQL server the tests may use (scripts/postgres-test-server.sh exports it).
enum ServePostgresServer {
    static let url = ProcessInfo.processInfo.environment["SLUICE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["SLUICE_REQUIRE_POSTGRES"] == "1"
}

import Foundation
@testable import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// The PostgreSQL backend's users, tokens, permissions and roles: the security conformance
/// suite on the real server, then what only the database shows (no secret in its rows, several
/// servers starting at once, the migration of a catalog made before users existed).
@Suite(.enabled(if: PostgresCatalogServer.available, PostgresCatalogServer.skipReason))
struct PostgresCatalogSecurityTests {
    let directory: URL

    init() throws {
        directory = try BuildProducts.temporaryDirectory("catalog-pg-security")
    }

    /// Runs one conformance check with a factory of fresh PostgreSQL stores.
    func check(_ body: (CatalogSecurityConformance) async throws -> Void) async throws {
        let server = try PostgresCatalogServer()
        let conformance = CatalogSecurityConformance(make: { try await server.open() }, directory: directory)
        try await server.run { try await body(conformance) }
    }

    // MARK: The conformance suite

    @Test func usersAreCreatedListedUpdatedAndDeleted() async throws { try await check { try await $0.usersAreCreatedListedUpdatedAndDeleted() } }
    @Test func passwordsAreCheckedAndWeakOnesRefused() async throws { try await check { try await $0.passwordsAreCheckedAndWeakOnesRefused() } }
    @Test func theLastEnabledAdministratorCannotBeLost() async throws { try await check { try await $0.theLastEnabledAdministratorCannotBeLost() } }
    @Test func tokensAuthenticateTheirUserUntilRevokedOrDisabled() async throws {
        try await check { try await $0.tokensAuthenticateTheirUserUntilRevokedOrDisabled() }
    }
    @Test func expiredForgedAndMalformedTokensAreRefused() async throws {
        try await check { try await $0.expiredForgedAndMalformedTokensAreRefused() }
    }
    @Test func tokensAreListedWithoutSecretsAndRevokedOnlyByTheirUserOrAnAdministrator() async throws {
        try await check { try await $0.tokensAreListedWithoutSecretsAndRevokedOnlyByTheirUserOrAnAdministrator() }
    }
    @Test func theFirstAdministratorIsMadeOnceAndOnlyOnce() async throws {
        try await check { try await $0.theFirstAdministratorIsMadeOnceAndOnlyOnce() }
    }
    @Test func permissionsAreSetReplacedRevokedAndListed() async throws {
        try await check { try await $0.permissionsAreSetReplacedRevokedAndListed() }
    }
    @Test func grantsFollowRenamesAndMovesAndGoWithDeletes() async throws {
        try await check { try await $0.grantsFollowRenamesAndMovesAndGoWithDeletes() }
    }
    @Test func rolesAreSetAsAWholeAndSurviveARedeploy() async throws { try await check { try await $0.rolesAreSetAsAWholeAndSurviveARedeploy() } }
    @Test func whatACallerHoldsFollowsGrantsRolesOwnersAndDenies() async throws {
        try await check { try await $0.whatACallerHoldsFollowsGrantsRolesOwnersAndDenies() }
    }

    // MARK: The database

    /// Neither a password nor a token secret reaches a row: only a bcrypt hash and a SHA-256.
    @Test func noPasswordOrTokenSecretIsEverStored() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let store = try await server.open()
            let schema = store.location.schema
            let bootstrap = String(repeating: "Q", count: 24) + "bootstrapSecret"
            #expect(try await store.bootstrapAdministrator(name: "root", token: bootstrap) == bootstrap)
            let password = "PasswordNeverStored-7"
            try await store.createUser("alice", password: password, isAdministrator: false, by: "root")
            try await store.setPassword(of: "alice", to: password + "b", by: "alice")
            let refused = "TooLong" + String(repeating: "z", count: 80)
            _ = try? await store.createUser("bob", password: refused, isAdministrator: false, by: "root")
            _ = try await store.verifyPassword(name: "alice", password: "WrongGuessNeverStored")
            let token = try await store.createToken(for: "alice", expiresAt: Date().addingTimeInterval(600), description: "", by: "alice")
            #expect(try await store.authenticate(token: token.secret)?.user == "alice")
            let hash = try server.psql("SELECT password_hash FROM \(schema).catalog_user WHERE name = 'alice'")
            #expect(hash.hasPrefix("$2") && hash.contains("$04$") && hash.count == 60)
            let rows = try server.psql(
                """
                SELECT string_agg(r, E'\\n') FROM (SELECT u::text AS r FROM \(schema).catalog_user u UNION ALL SELECT t::text FROM \(schema).token t
                    UNION ALL SELECT o::text FROM \(schema).operation o) q
                """)
            #expect(rows.count > 500)
            for secret in [bootstrap, password, password + "b", refused, "WrongGuessNeverStored", token.secret, String(token.secret.dropFirst(4))] {
                #expect(!rows.contains(secret), "\(secret) is in the database")
            }
            let digest = CatalogTokenSecret.digest(token.secret).map { String(format: "%02x", $0) }.joined()
            #expect(rows.contains(digest))
        }
    }

    /// Four servers starting at once on one catalog: one administrator, one token, logged once.
    @Test func fourServersOnOneSchemaBootstrapOneAdministrator() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let first = try await server.open()
            var stores = [first]
            for _ in 1..<4 { stores.append(try await server.open(schema: first.location.schema)) }
            let made = try await withThrowingTaskGroup(of: String?.self) { group in
                for (index, store) in stores.enumerated() { group.addTask { try await store.bootstrapAdministrator(name: "admin\(index)", token: nil) } }
                return try await group.reduce(into: 0) { if $1 != nil { $0 += 1 } }
            }
            #expect(made == 1)
            #expect(try await first.users().count == 1)
            #expect(try server.psql("SELECT count(*) FROM \(first.location.schema).token") == "1")
            #expect(try await first.operations(CatalogOperationFilter(kind: .createUser)).count == 1)
        }
    }

    /// A catalog made before users and parameters existed (v1 only): its projects get their
    /// first deployer as creator, its versions their parameters.
    @Test func theMigrationGivesExistingProjectsTheirCreatorAndVersionsTheirParameters() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let schema = server.freshSchema()
            let quoted = "\"\(schema)\""
            var statements = ["CREATE SCHEMA \(quoted)", PostgresCatalogStore.inSchema(PostgresCatalogSchema.migrationTable, quoted)]
            statements += PostgresCatalogSchema.v1.map { PostgresCatalogStore.inSchema($0, quoted) }
            statements.append("INSERT INTO \(schema).schema_migration (identifier) VALUES ('v1')")
            statements.append("INSERT INTO \(schema).folder (name, name_key, description, created_by, created_at) VALUES ('F', 'f', '', 'zoe', now())")
            statements.append("INSERT INTO \(schema).project (folder_id, name, name_key) VALUES (1, 'P', 'p')")
            let archive = try CatalogConfigurationFixture.archive(in: directory).map { String(format: "%02x", $0) }.joined()
            for by in ["first", "second"] {
                statements.append(
                    """
                    INSERT INTO \(schema).project_version (project_id, project_uuid, description, deployed_by, deployed_at, archive)
                    VALUES (1, gen_random_uuid(), '', '\(by)', now(), '\\x\(archive)')
                    """)
            }
            try server.psql(statements.joined(separator: ";\n"))
            let store = try await server.open(schema: schema)
            #expect(try await store.appliedMigrations() == ["v1", "v2-security", "v3-configuration", "v4-generation", "v5-versions"])
            #expect(try server.psql("SELECT created_by FROM \(schema).project") == "first")
            // Both versions' parameters, read from their archives: 4 each.
            #expect(try server.psql("SELECT count(*) FROM \(schema).deployed_parameter") == "8")
        }
    }
}

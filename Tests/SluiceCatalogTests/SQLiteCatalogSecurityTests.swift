import Foundation
import GRDB
@testable import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// The SQLite backend's users, tokens, permissions and roles: the security conformance suite
/// on real files, then what only a file shows (no secret in its bytes, two servers starting
/// at once, the migration of an existing catalog).
@Suite struct SQLiteCatalogSecurityTests {
    let directory: URL
    let conformance: CatalogSecurityConformance

    init() throws {
        let directory = try BuildProducts.temporaryDirectory("catalog-security")
        self.directory = directory
        conformance = CatalogSecurityConformance(
            make: { try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog-\(UUID().uuidString).db").path, passwordCost: 4) },
            directory: directory)
    }

    // MARK: The conformance suite

    @Test func usersAreCreatedListedUpdatedAndDeleted() async throws { try await conformance.usersAreCreatedListedUpdatedAndDeleted() }
    @Test func passwordsAreCheckedAndWeakOnesRefused() async throws { try await conformance.passwordsAreCheckedAndWeakOnesRefused() }
    @Test func theLastEnabledAdministratorCannotBeLost() async throws { try await conformance.theLastEnabledAdministratorCannotBeLost() }
    @Test func tokensAuthenticateTheirUserUntilRevokedOrDisabled() async throws {
        try await conformance.tokensAuthenticateTheirUserUntilRevokedOrDisabled()
    }
    @Test func expiredForgedAndMalformedTokensAreRefused() async throws { try await conformance.expiredForgedAndMalformedTokensAreRefused() }
    @Test func tokensAreListedWithoutSecretsAndRevokedOnlyByTheirUserOrAnAdministrator() async throws {
        try await conformance.tokensAreListedWithoutSecretsAndRevokedOnlyByTheirUserOrAnAdministrator()
    }
    @Test func theFirstAdministratorIsMadeOnceAndOnlyOnce() async throws { try await conformance.theFirstAdministratorIsMadeOnceAndOnlyOnce() }
    @Test func permissionsAreSetReplacedRevokedAndListed() async throws { try await conformance.permissionsAreSetReplacedRevokedAndListed() }
    @Test func grantsFollowRenamesAndMovesAndGoWithDeletes() async throws { try await conformance.grantsFollowRenamesAndMovesAndGoWithDeletes() }
    @Test func rolesAreSetAsAWholeAndSurviveARedeploy() async throws { try await conformance.rolesAreSetAsAWholeAndSurviveARedeploy() }
    @Test func whatACallerHoldsFollowsGrantsRolesOwnersAndDenies() async throws {
        try await conformance.whatACallerHoldsFollowsGrantsRolesOwnersAndDenies()
    }

    // MARK: The file

    /// Neither a password nor a token secret reaches the file, its WAL, or the operations log:
    /// only a bcrypt hash and a SHA-256.
    @Test func noPasswordOrTokenSecretIsEverStored() async throws {
        let path = directory.appendingPathComponent("secrets.db").path
        let store = try SQLiteCatalogStore(path: path, passwordCost: 4)
        let bootstrap = String(repeating: "Q", count: 24) + "bootstrapSecret"
        #expect(try await store.bootstrapAdministrator(name: "root", token: bootstrap) == bootstrap)
        let password = "PasswordNeverStored-7"
        try await store.createUser("alice", password: password, isAdministrator: false, by: "root")
        try await store.setPassword(of: "alice", to: password + "b", by: "alice")
        // Refused ones are not recorded either.
        let refused = "TooLong" + String(repeating: "z", count: 80)
        _ = try? await store.createUser("bob", password: refused, isAdministrator: false, by: "root")
        _ = try await store.verifyPassword(name: "alice", password: "WrongGuessNeverStored")
        let token = try await store.createToken(for: "alice", expiresAt: Date().addingTimeInterval(600), description: "", by: "alice")
        _ = try await store.authenticate(token: token.secret)
        let hash = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM user WHERE name = 'alice'") }
        #expect(hash?.hasPrefix("$2") == true && hash?.contains("$04$") == true && hash?.count == 60)
        let log = try await store.operations(CatalogOperationFilter()).map { "\($0.objectName) \($0.caller) \($0.detail)" }.joined()
        try store.close()
        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) { bytes += try Data(contentsOf: URL(fileURLWithPath: file)) }
        #expect(bytes.count > 4096)
        for secret in [bootstrap, password, password + "b", refused, "WrongGuessNeverStored", token.secret, String(token.secret.dropFirst(4))] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the file")
            #expect(!log.contains(secret))
        }
        #expect(bytes.range(of: CatalogTokenSecret.digest(token.secret)) != nil)
    }

    /// Two servers starting at once on one file: one administrator.
    @Test func twoStoresOnOneFileBootstrapOneAdministrator() async throws {
        let path = directory.appendingPathComponent("bootstrap.db").path
        let stores = try (0..<4).map { _ in try SQLiteCatalogStore(path: path, passwordCost: 4) }
        let made = try await withThrowingTaskGroup(of: String?.self) { group in
            for (index, store) in stores.enumerated() { group.addTask { try await store.bootstrapAdministrator(name: "admin\(index)", token: nil) } }
            return try await group.reduce(into: 0) { if $1 != nil { $0 += 1 } }
        }
        #expect(made == 1)
        #expect(try await stores[0].users().count == 1)
        #expect(try await stores[0].operations(CatalogOperationFilter(kind: .createUser)).count == 1)
    }

    /// A catalog made before users existed: its projects get their creator, the first
    /// deployer, who then owns their packages.
    @Test func theMigrationGivesExistingProjectsTheirFirstDeployerAsCreator() async throws {
        let path = directory.appendingPathComponent("v1.db").path
        let queue = try DatabaseQueue(path: path)
        var v1Only = DatabaseMigrator()
        v1Only.registerMigration("v1") { db in try db.execute(sql: SQLiteCatalogSchema.v1) }
        try v1Only.migrate(queue)
        // A real archive: the configuration migration (v3) reads each version's parameters.
        let archive = Data(try CatalogFixture.archive(in: directory))
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO folder (id, name, name_key, description, created_by, created_at) VALUES (1, 'F', 'f', '', 'zoe', 0)")
            try db.execute(sql: "INSERT INTO project (id, folder_id, name, name_key) VALUES (1, 1, 'P', 'p')")
            for (id, by) in [(1, "first"), (2, "second")] {
                try db.execute(
                    sql: "INSERT INTO project_version (id, project_id, project_uuid, description, deployed_by, deployed_at, archive) VALUES (?, 1, ?, '', ?, 0, ?)",
                    arguments: [id, UUID().uuidString, by, archive])
            }
        }
        try queue.close()
        let store = try SQLiteCatalogStore(path: path, passwordCost: 4)
        #expect(try await store.appliedMigrations() == ["v1", "v2-security", "v3-configuration", "v4-generation", "v5-versions"])
        let creator = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT created_by FROM project WHERE id = 1") }
        #expect(creator == "first")
    }

    /// Environments take the four object permissions: their own grants and denies, the folder's
    /// *_OBJECTS, and they go with the environment (a new one of the same name holds none).
    @Test func environmentsTakeTheirOwnPermissionsAndLoseThemWithTheEnvironment() async throws {
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("env.db").path, passwordCost: 4)
        try await store.createFolder("Finance", description: "", by: "admin")
        try await store.createUser("erin", password: "correct horse battery", isAdministrator: false, by: "admin")
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "admin")
        let erin = CatalogCaller(user: "erin", isAdministrator: false, tokenID: nil)
        let prod = CatalogSecurable.environment(folder: "Finance", environment: "Prod")
        #expect(try await store.effectivePermissions(of: erin, on: prod).isEmpty)
        try await store.setPermission(.read, .grant, for: "erin", on: prod, by: "admin")
        try await store.setPermission(.modifyObjects, .grant, for: "erin", on: .folder("Finance"), by: "admin")
        #expect(try await store.effectivePermissions(of: erin, on: prod) == [.read, .modify])
        try await store.setPermission(.modify, .deny, for: "erin", on: prod, by: "admin")
        #expect(try await store.effectivePermissions(of: erin, on: prod) == [.read])
        await #expect(throws: SluiceError.self) { try await store.setPermission(.createObjects, .grant, for: "erin", on: prod, by: "admin") }
        #expect(try await store.permissions(on: prod).map(\.permission).sorted { $0.rawValue < $1.rawValue } == [.modify, .read])
        try await store.deleteEnvironment("Prod", inFolder: "Finance", force: false, by: "admin")
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "admin")
        #expect(try await store.permissions(on: prod).isEmpty)
        #expect(try await store.effectivePermissions(of: erin, on: prod) == [.modify])
    }
}

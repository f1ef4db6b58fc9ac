import Foundation
import GRDB
@testable import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// The SQLite backend's configuration: the conformance suite on real files, then what only the
/// files show (secrets at rest, the key file, a tampered or moved ciphertext, a wrong key).
@Suite struct SQLiteConfigurationTests {
    let directory: URL
    let conformance: CatalogConfigurationConformance

    init() throws {
        let directory = try BuildProducts.temporaryDirectory("catalog-configuration")
        self.directory = directory
        conformance = CatalogConfigurationConformance(
            make: { try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog-\(UUID().uuidString).db").path) },
            directory: directory)
    }

    // MARK: The conformance suite

    @Test func parametersAreListedWithDesignAndServerValuesSetAndCleared() async throws {
        try await conformance.parametersAreListedWithDesignAndServerValuesSetAndCleared()
    }
    @Test func aValueThatDoesNotConvertOrNamesNothingIsRefusedAndNothingChanges() async throws {
        try await conformance.aValueThatDoesNotConvertOrNamesNothingIsRefusedAndNothingChanges()
    }
    @Test func aRedeployKeepsTheValuesOfKeptParametersAndDropsTheRest() async throws {
        try await conformance.aRedeployKeepsTheValuesOfKeptParametersAndDropsTheRest()
    }
    @Test func sensitiveValuesAreNeverListedNorLoggedAndResolveOnlyForTheExecutor() async throws {
        try await conformance.sensitiveValuesAreNeverListedNorLoggedAndResolveOnlyForTheExecutor()
    }
    @Test func environmentsAreCreatedRenamedDescribedListedAndDeleted() async throws {
        try await conformance.environmentsAreCreatedRenamedDescribedListedAndDeleted()
    }
    @Test func variablesAreSetReplacedUpdatedListedAndDeleted() async throws { try await conformance.variablesAreSetReplacedUpdatedListedAndDeleted() }
    @Test func hostileEnvironmentNamesAreRefusedAndNothingChanges() async throws { try await conformance.hostileEnvironmentNamesAreRefusedAndNothingChanges() }
    @Test func referencesAreRelativeOrAbsoluteAndFollowMovesAndRenames() async throws {
        try await conformance.referencesAreRelativeOrAbsoluteAndFollowMovesAndRenames()
    }
    @Test func anEnvironmentOrFolderInUseIsDeletedOnlyWhenForcedOrRecursive() async throws {
        try await conformance.anEnvironmentOrFolderInUseIsDeletedOnlyWhenForcedOrRecursive()
    }
    @Test func deletingAProjectDeletesItsValuesAndReferences() async throws { try await conformance.deletingAProjectDeletesItsValuesAndReferences() }

    // MARK: The files

    /// The database and its WAL hold the plain value (so the search works) and never the secret.
    @Test func sensitiveValuesAreSealedAtRest() async throws {
        let path = directory.appendingPathComponent("at-rest.db").path
        let store = try SQLiteCatalogStore(path: path)
        let secret = "s3cret-\(UUID().uuidString)"
        let plain = "plain-\(UUID().uuidString)"
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogConfigurationFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.setParameterValue(.literal(secret), parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance", by: "alice")
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        try await store.setEnvironmentVariable("Key", CatalogVariableDefinition(type: .wstr, value: secret, sensitive: true), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        try await store.setEnvironmentVariable("Open", CatalogVariableDefinition(type: .wstr, value: plain), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        // Plain, then sensitive with a new value: the new value is sealed.
        try await store.setEnvironmentVariable("Later", CatalogVariableDefinition(type: .wstr, value: "formerly plain"), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        try await store.updateEnvironmentVariable("Later", CatalogVariableUpdate(sensitive: true, value: secret), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        try store.close()
        var bytes = Data()
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: file))
        }
        #expect(bytes.range(of: Data(plain.utf8)) != nil)
        #expect(bytes.range(of: Data(secret.utf8)) == nil)
        let reopened = try SQLiteCatalogStore(path: path)
        #expect(try await reopened.resolvedVariableValue("Key", inEnvironment: "Prod", inFolder: "Finance") == secret)
    }

    @Test func aTamperedOrMovedCiphertextIsRefusedWithACode() async throws {
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("tampered.db").path)
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        for name in ["A", "B"] {
            try await store.setEnvironmentVariable(name, CatalogVariableDefinition(type: .wstr, value: "secret " + name, sensitive: true), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        }
        // B's ciphertext copied into A's row: bound to B's row, it does not open as A's.
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE environment_variable SET sealed = (SELECT sealed FROM environment_variable WHERE name = 'B') WHERE name = 'A'")
        }
        let moved = await #expect(throws: SluiceError.self) { _ = try await store.resolvedVariableValue("A", inEnvironment: "Prod", inFolder: "Finance") }
        #expect(moved?.message == .catalogSecretUnreadable && moved?.text.contains("secret") == false)
        // One bit of B's ciphertext flipped.
        try await store.pool.write { db in
            guard var sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM environment_variable WHERE name = 'B'") else { return }
            sealed[sealed.startIndex + 14] ^= 0x01
            try db.execute(sql: "UPDATE environment_variable SET sealed = ? WHERE name = 'B'", arguments: [sealed])
        }
        let flipped = await #expect(throws: SluiceError.self) { _ = try await store.resolvedVariableValue("B", inEnvironment: "Prod", inFolder: "Finance") }
        #expect(flipped?.message == .catalogSecretUnreadable)
    }

    @Test func aWrongKeyIsRefusedAtOpenWithACode() async throws {
        let path = directory.appendingPathComponent("keyed.db").path
        let store = try SQLiteCatalogStore(path: path)
        try store.close()
        let other = directory.appendingPathComponent("other.key").path
        let error = #expect(throws: SluiceError.self) { try SQLiteCatalogStore(path: path, keyFile: other) }
        #expect(error?.message == .catalogKeyWrong)
        // The right key still opens it.
        try SQLiteCatalogStore(path: path, keyFile: path + ".key").close()
    }

    @Test func theKeyFileIsMadeWithMode0600AndALooserOrMisSizedOneIsRefused() throws {
        let path = directory.appendingPathComponent("mode.db").path
        try SQLiteCatalogStore(path: path).close()
        let attributes = try FileManager.default.attributesOfItem(atPath: path + ".key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect((attributes[.size] as? NSNumber)?.intValue == 32)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path + ".key")
        let loose = #expect(throws: SluiceError.self) { try SQLiteCatalogStore(path: path) }
        #expect(loose?.message == .catalogKeyFileInvalid)

        let short = directory.appendingPathComponent("short.key").path
        #expect(FileManager.default.createFile(atPath: short, contents: Data(repeating: 7, count: 16), attributes: [.posixPermissions: 0o600]))
        let sized = #expect(throws: SluiceError.self) { _ = try CatalogKeyFile.load(short) }
        #expect(sized?.message == .catalogKeyFileInvalid)
    }

    /// A catalog written before the configuration existed: the migration lists the parameters
    /// of its deployed versions.
    @Test func theMigrationListsTheParametersOfVersionsDeployedBeforeIt() async throws {
        let path = directory.appendingPathComponent("old.db").path
        let archive = try CatalogConfigurationFixture.archive(in: directory)
        do {
            let pool = try DatabasePool(path: path)
            var v1 = DatabaseMigrator()
            v1.registerMigration("v1") { db in try db.execute(sql: SQLiteCatalogSchema.v1) }
            try v1.migrate(pool)
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO folder (id, name, name_key, description, created_by, created_at) VALUES (1, 'Finance', 'finance', '', 'a', 0)")
                try db.execute(sql: "INSERT INTO project (id, folder_id, name, name_key) VALUES (1, 1, 'Warehouse', 'warehouse')")
                try db.execute(
                    sql: "INSERT INTO project_version (id, project_id, project_uuid, description, deployed_by, deployed_at, archive) VALUES (1, 1, ?, '', 'a', 0, ?)",
                    arguments: [UUID().uuidString, Data(archive)])
                try db.execute(sql: "UPDATE project SET current_version = 1")
            }
            try pool.close()
        }
        let store = try SQLiteCatalogStore(path: path)
        #expect(try await store.parameters(ofProject: "Warehouse", inFolder: "Finance").map(\.name) == ["Region", "Retries", "BatchSize", "Password"])
    }
}

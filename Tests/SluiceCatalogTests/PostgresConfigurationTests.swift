import Foundation
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// The PostgreSQL backend's configuration: the conformance suite on the real server, then what
/// only the database shows (secrets at rest, a tampered or moved ciphertext, a wrong key).
@Suite(.enabled(if: PostgresCatalogServer.available, PostgresCatalogServer.skipReason))
struct PostgresConfigurationTests {
    let directory: URL

    init() throws {
        directory = try BuildProducts.temporaryDirectory("catalog-pg-configuration")
    }

    /// Runs one conformance check with a factory of fresh PostgreSQL stores.
    func check(_ body: (CatalogConfigurationConformance) async throws -> Void) async throws {
        let server = try PostgresCatalogServer()
        let conformance = CatalogConfigurationConformance(make: { try await server.open() }, directory: directory)
        try await server.run { try await body(conformance) }
    }

    // MARK: The conformance suite

    @Test func parametersAreListedWithDesignAndServerValuesSetAndCleared() async throws {
        try await check { try await $0.parametersAreListedWithDesignAndServerValuesSetAndCleared() }
    }
    @Test func aValueThatDoesNotConvertOrNamesNothingIsRefusedAndNothingChanges() async throws {
        try await check { try await $0.aValueThatDoesNotConvertOrNamesNothingIsRefusedAndNothingChanges() }
    }
    @Test func aRedeployKeepsTheValuesOfKeptParametersAndDropsTheRest() async throws {
        try await check { try await $0.aRedeployKeepsTheValuesOfKeptParametersAndDropsTheRest() }
    }
    @Test func sensitiveValuesAreNeverListedNorLoggedAndResolveOnlyForTheExecutor() async throws {
        try await check { try await $0.sensitiveValuesAreNeverListedNorLoggedAndResolveOnlyForTheExecutor() }
    }
    @Test func environmentsAreCreatedRenamedDescribedListedAndDeleted() async throws {
        try await check { try await $0.environmentsAreCreatedRenamedDescribedListedAndDeleted() }
    }
    @Test func variablesAreSetReplacedUpdatedListedAndDeleted() async throws {
        try await check { try await $0.variablesAreSetReplacedUpdatedListedAndDeleted() }
    }
    @Test func hostileEnvironmentNamesAreRefusedAndNothingChanges() async throws {
        try await check { try await $0.hostileEnvironmentNamesAreRefusedAndNothingChanges() }
    }
    @Test func referencesAreRelativeOrAbsoluteAndFollowMovesAndRenames() async throws {
        try await check { try await $0.referencesAreRelativeOrAbsoluteAndFollowMovesAndRenames() }
    }
    @Test func anEnvironmentOrFolderInUseIsDeletedOnlyWhenForcedOrRecursive() async throws {
        try await check { try await $0.anEnvironmentOrFolderInUseIsDeletedOnlyWhenForcedOrRecursive() }
    }
    @Test func deletingAProjectDeletesItsValuesAndReferences() async throws {
        try await check { try await $0.deletingAProjectDeletesItsValuesAndReferences() }
    }

    // MARK: The database

    /// The rows hold the plain value and never the secret; a reopen with the key opens it.
    @Test func sensitiveValuesAreSealedAtRest() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let store = try await server.open()
            let schema = store.location.schema
            let secret = "s3cret-\(UUID().uuidString)"
            let plain = "plain-\(UUID().uuidString)"
            try await store.createFolder("Finance", description: "", by: "alice")
            try await store.deployProject(try CatalogConfigurationFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
            try await store.setParameterValue(.literal(secret), parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance", by: "alice")
            try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
            try await store.setEnvironmentVariable(
                "Key", CatalogVariableDefinition(type: .wstr, value: secret, sensitive: true), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
            try await store.setEnvironmentVariable(
                "Open", CatalogVariableDefinition(type: .wstr, value: plain), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
            try await store.setEnvironmentVariable(
                "Later", CatalogVariableDefinition(type: .wstr, value: "formerly plain"), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
            try await store.updateEnvironmentVariable(
                "Later", CatalogVariableUpdate(sensitive: true, value: secret), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
            await store.close()
            let rows = try server.psql(
                """
                SELECT string_agg(r, E'\\n') FROM (SELECT v::text AS r FROM \(schema).environment_variable v
                    UNION ALL SELECT p::text FROM \(schema).parameter_value p UNION ALL SELECT o::text FROM \(schema).operation o) q
                """)
            #expect(rows.contains(plain))
            #expect(!rows.contains(secret))
            #expect(try server.psql("SELECT count(*) FROM \(schema).environment_variable WHERE sealed IS NOT NULL AND value IS NULL") == "2")
            let reopened = try await server.open(schema: schema)
            #expect(try await reopened.resolvedVariableValue("Key", inEnvironment: "Prod", inFolder: "Finance") == secret)
            #expect(try await reopened.resolvedVariableValue("Later", inEnvironment: "Prod", inFolder: "Finance") == secret)
            let parameter = try await reopened.resolvedParameterValue(parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance")
            #expect(parameter == .literal(secret))
        }
    }

    @Test func aTamperedOrMovedCiphertextIsRefusedWithACode() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let store = try await server.open()
            let schema = store.location.schema
            try await store.createFolder("Finance", description: "", by: "alice")
            try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
            for name in ["A", "B"] {
                try await store.setEnvironmentVariable(
                    name, CatalogVariableDefinition(type: .wstr, value: "secret " + name, sensitive: true), inEnvironment: "Prod", inFolder: "Finance",
                    by: "alice")
            }
            // B's ciphertext copied into A's row: bound to B's row, it does not open as A's.
            try server.psql(
                "UPDATE \(schema).environment_variable SET sealed = (SELECT sealed FROM \(schema).environment_variable WHERE name = 'B') WHERE name = 'A'")
            let moved = await #expect(throws: SluiceError.self) { _ = try await store.resolvedVariableValue("A", inEnvironment: "Prod", inFolder: "Finance") }
            #expect(moved?.message == .catalogSecretUnreadable && moved?.text.contains("secret") == false)
            // One bit of B's ciphertext flipped (byte 14: inside the ciphertext, after the nonce).
            try server.psql(
                "UPDATE \(schema).environment_variable SET sealed = set_byte(sealed, 14, get_byte(sealed, 14) # 1) WHERE name = 'B'")
            let flipped = await #expect(throws: SluiceError.self) { _ = try await store.resolvedVariableValue("B", inEnvironment: "Prod", inFolder: "Finance") }
            #expect(flipped?.message == .catalogSecretUnreadable)
        }
    }

    @Test func aWrongKeyIsRefusedAtOpenWithACode() async throws {
        let server = try PostgresCatalogServer()
        try await server.run {
            let store = try await server.open()
            let schema = store.location.schema
            await store.close()
            let other = directory.appendingPathComponent("other-\(UUID().uuidString).key").path
            let error = await #expect(throws: SluiceError.self) {
                _ = try await PostgresCatalogStore(url: server.url, schema: schema, keyFile: other, passwordCost: 4)
            }
            #expect(error?.message == .catalogKeyWrong)
            // The right key still opens it.
            _ = try await server.open(schema: schema)
        }
    }
}

import Foundation
import SluiceCatalog
import SluiceCore
import Testing

/// The change counter (``CatalogStore/generation()``) every backend keeps: it moves with every
/// kind of change the server caches lists of, from this store or another on the same database,
/// and stays where it is for reads (a token check included) and refused changes.
struct CatalogGenerationConformance: Sendable {
    /// A new, empty store for each check.
    let make: @Sendable () async throws -> any CatalogServerStore
    /// A second store on the database `make` last made (another server on the same catalog).
    let reopen: @Sendable (any CatalogServerStore) async throws -> any CatalogServerStore
    let directory: URL

    func everyKindOfChangeMovesTheCounterAndReadsDoNot() async throws {
        let store = try await make()
        var last = try await store.generation()
        func moves(_ what: String, _ change: () async throws -> Void) async throws {
            try await change()
            let now = try await store.generation()
            #expect(now > last, "\(what) left the counter at \(now)")
            last = now
        }
        func stays(_ what: String, _ read: () async throws -> Void) async throws {
            try await read()
            #expect(try await store.generation() == last, "\(what) moved the counter")
        }
        let archive = try CatalogConfigurationFixture.archive(in: directory)
        try await moves("a folder") { try await store.createFolder("Finance", description: "", by: "alice") }
        try await moves("a description") { try await store.setFolderDescription("Finance", "Money", by: "alice") }
        var first: Int64 = 0
        try await moves("a deploy") { first = try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice").number }
        try await moves("a second deploy") { try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice") }
        try await moves("a restore") { try await store.restoreProject("Warehouse", inFolder: "Finance", version: first, by: "alice") }
        try await moves("a user") { _ = try await store.createUser("bob", password: "a long enough password", isAdministrator: false, by: "alice") }
        let token = try await store.createToken(for: "bob", expiresAt: Date().addingTimeInterval(3600), description: "", by: "alice")
        last = try await store.generation()
        try await moves("a grant") { try await store.setPermission(.read, .grant, for: "bob", on: .folder("Finance"), by: "alice") }
        try await moves("a deny") {
            try await store.setPermission(.read, .deny, for: "bob", on: .project(folder: "Finance", project: "Warehouse"), by: "alice")
        }
        try await moves("a revoke") {
            try await store.revokePermission(.read, for: "bob", on: .project(folder: "Finance", project: "Warehouse"), by: "alice")
        }
        try await moves("roles") { try await store.setRoles(of: .folder("Finance"), readers: ["bob"], writers: [], by: "alice") }
        try await moves("a parameter value") {
            try await store.setParameterValue(.literal("apac"), parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance", by: "alice")
        }
        try await moves("an environment") { _ = try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice") }
        try await moves("a variable") {
            try await store.setEnvironmentVariable("Host", CatalogVariableDefinition(type: .wstr, value: "db"), inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        }
        try await moves("a reference") { try await store.createEnvironmentReference(.relative(environment: "Prod"), project: "Warehouse", inFolder: "Finance", by: "alice") }
        try await moves("a disabled user") { _ = try await store.updateUser("bob", CatalogUserUpdate(isDisabled: true), by: "alice") }
        try await moves("a rename") { try await store.renameFolder("Finance", to: "Treasury", by: "alice") }

        try await stays("reads and a token check") {
            _ = try await store.folders()
            _ = try await store.packages(inFolder: "Treasury", project: nil)
            _ = try await store.users()
            _ = try await store.authenticate(token: token.secret)
            _ = try await store.operations(CatalogOperationFilter())
        }
        try await stays("a refused change") {
            _ = try? await store.createFolder("treasury", description: "", by: "alice")
            _ = try? await store.deployProject([0x50, 0x4B, 0x03, 0x04], as: "Broken", into: "Treasury", by: "alice")
        }
        // Another store on the same database: its change shows here, and the other way round.
        let other = try await reopen(store)
        #expect(try await other.generation() == last)
        try await other.createFolder("Archive", description: "", by: "carol")
        #expect(try await store.generation() > last)
        last = try await store.generation()
        try await moves("a delete") { try await store.deleteFolder("Treasury", recursive: true, by: "alice") }
        #expect(try await other.generation() == last)
    }
}

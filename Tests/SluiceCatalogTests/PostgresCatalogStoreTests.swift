import Foundation
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// The PostgreSQL backend held to the conformance suite the SQLite backend passes: every check
/// on a store of its own schema on the real server, closed and dropped when the check ends.
@Suite(.enabled(if: PostgresCatalogServer.available, PostgresCatalogServer.skipReason))
struct PostgresCatalogStoreTests {
    let directory: URL

    init() throws {
        directory = try BuildProducts.temporaryDirectory("catalog-pg")
    }

    /// Runs one conformance check with a factory of fresh PostgreSQL stores.
    func check(_ body: (CatalogStoreConformance) async throws -> Void) async throws {
        let server = try PostgresCatalogServer()
        let conformance = CatalogStoreConformance(make: { try await server.open() }, directory: directory)
        try await server.run { try await body(conformance) }
    }

    @Test func foldersAreCreatedDescribedRenamedListedAndDeleted() async throws {
        try await check { try await $0.foldersAreCreatedDescribedRenamedListedAndDeleted() }
    }
    @Test func versionsKeepTheirArchivesDigestAndWhenTheyWereRestored() async throws {
        try await check { try await $0.versionsKeepTheirArchivesDigestAndWhenTheyWereRestored() }
    }
    @Test func folderNamesAreUniqueWithoutRegardToCase() async throws { try await check { try await $0.folderNamesAreUniqueWithoutRegardToCase() } }
    @Test func aFolderHoldingProjectsIsDeletedOnlyRecursively() async throws {
        try await check { try await $0.aFolderHoldingProjectsIsDeletedOnlyRecursively() }
    }
    @Test func namesBreakingSSISRulesAreRefusedWithACodeAndNothingChanges() async throws {
        try await check { try await $0.namesBreakingSSISRulesAreRefusedWithACodeAndNothingChanges() }
    }
    @Test func sqlMetacharactersSSISAllowsAreStoredVerbatim() async throws {
        try await check { try await $0.sqlMetacharactersSSISAllowsAreStoredVerbatim() }
    }
    @Test func deployingMakesANewRetainedVersionWithItsPackages() async throws {
        try await check { try await $0.deployingMakesANewRetainedVersionWithItsPackages() }
    }
    @Test func restoringAVersionMakesItsPackagesCurrent() async throws { try await check { try await $0.restoringAVersionMakesItsPackagesCurrent() } }
    @Test func movingAProjectTakesEveryVersionAlong() async throws { try await check { try await $0.movingAProjectTakesEveryVersionAlong() } }
    @Test func exportGivesBackTheDeployedBytesOfAnyVersion() async throws {
        try await check { try await $0.exportGivesBackTheDeployedBytesOfAnyVersion() }
    }
    @Test func deletingAProjectDeletesEveryVersion() async throws { try await check { try await $0.deletingAProjectDeletesEveryVersion() } }
    @Test func packagesAreListedWithTheirFieldsAndExported() async throws {
        try await check { try await $0.packagesAreListedWithTheirFieldsAndExported() }
    }
    @Test func aHostileArchiveIsRefusedWithItsCodeAndNothingIsWritten() async throws {
        try await check { try await $0.aHostileArchiveIsRefusedWithItsCodeAndNothingIsWritten() }
    }
    @Test func aDeployThatFailsMidWayLeavesTheCatalogUnchanged() async throws {
        try await check { try await $0.aDeployThatFailsMidWayLeavesTheCatalogUnchanged() }
    }
    @Test func everyChangeIsLoggedAndTheLogFilters() async throws { try await check { try await $0.everyChangeIsLoggedAndTheLogFilters() } }
    @Test func theMigrationVersionIsRecorded() async throws { try await check { try await $0.theMigrationVersionIsRecorded() } }
}

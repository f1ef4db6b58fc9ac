import Dispatch
import Foundation
import GRDB
@testable import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Synchronization
import Testing

/// The SQLite backend: the conformance suite on real files in a temporary folder, then what
/// only a file shows (creation, WAL, reopening, a newer schema, readers during a deploy).
@Suite struct SQLiteCatalogStoreTests {
    let directory: URL
    let conformance: CatalogStoreConformance

    init() throws {
        let directory = try BuildProducts.temporaryDirectory("catalog")
        self.directory = directory
        conformance = CatalogStoreConformance(
            make: { try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog-\(UUID().uuidString).db").path) },
            directory: directory)
    }

    // MARK: The conformance suite

    @Test func versionsKeepTheirArchivesDigestAndWhenTheyWereRestored() async throws {
        try await conformance.versionsKeepTheirArchivesDigestAndWhenTheyWereRestored()
    }
    @Test func foldersAreCreatedDescribedRenamedListedAndDeleted() async throws { try await conformance.foldersAreCreatedDescribedRenamedListedAndDeleted() }
    @Test func folderNamesAreUniqueWithoutRegardToCase() async throws { try await conformance.folderNamesAreUniqueWithoutRegardToCase() }
    @Test func aFolderHoldingProjectsIsDeletedOnlyRecursively() async throws { try await conformance.aFolderHoldingProjectsIsDeletedOnlyRecursively() }
    @Test func namesBreakingSSISRulesAreRefusedWithACodeAndNothingChanges() async throws {
        try await conformance.namesBreakingSSISRulesAreRefusedWithACodeAndNothingChanges()
    }
    @Test func sqlMetacharactersSSISAllowsAreStoredVerbatim() async throws { try await conformance.sqlMetacharactersSSISAllowsAreStoredVerbatim() }
    @Test func deployingMakesANewRetainedVersionWithItsPackages() async throws { try await conformance.deployingMakesANewRetainedVersionWithItsPackages() }
    @Test func restoringAVersionMakesItsPackagesCurrent() async throws { try await conformance.restoringAVersionMakesItsPackagesCurrent() }
    @Test func movingAProjectTakesEveryVersionAlong() async throws { try await conformance.movingAProjectTakesEveryVersionAlong() }
    @Test func exportGivesBackTheDeployedBytesOfAnyVersion() async throws { try await conformance.exportGivesBackTheDeployedBytesOfAnyVersion() }
    @Test func deletingAProjectDeletesEveryVersion() async throws { try await conformance.deletingAProjectDeletesEveryVersion() }
    @Test func packagesAreListedWithTheirFieldsAndExported() async throws { try await conformance.packagesAreListedWithTheirFieldsAndExported() }
    @Test func aHostileArchiveIsRefusedWithItsCodeAndNothingIsWritten() async throws {
        try await conformance.aHostileArchiveIsRefusedWithItsCodeAndNothingIsWritten()
    }
    @Test func aDeployThatFailsMidWayLeavesTheCatalogUnchanged() async throws { try await conformance.aDeployThatFailsMidWayLeavesTheCatalogUnchanged() }
    @Test func everyChangeIsLoggedAndTheLogFilters() async throws { try await conformance.everyChangeIsLoggedAndTheLogFilters() }
    @Test func theMigrationVersionIsRecorded() async throws { try await conformance.theMigrationVersionIsRecorded() }

    // MARK: The file

    @Test func theFileIsCreatedOnFirstOpenInWALModeWithForeignKeysOn() async throws {
        let path = directory.appendingPathComponent("new.db").path
        #expect(!FileManager.default.fileExists(atPath: path))
        let store = try SQLiteCatalogStore(path: path)
        #expect(FileManager.default.fileExists(atPath: path))
        let (mode, keys) = try await store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal" && keys == true)
        let recorded = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(recorded == ["v1", "v2-security", "v3-configuration", "v4-generation", "v5-versions"])
        // The catalog is the server's alone: 0600, and SQLite's side files follow the file.
        try await store.createFolder("Finance", description: "", by: "alice")
        for file in [path, path + "-wal", path + "-shm"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }

    @Test func reopeningAfterCloseKeepsEverything() async throws {
        let path = directory.appendingPathComponent("reopen.db").path
        let store = try SQLiteCatalogStore(path: path)
        try await store.createFolder("Finance", description: "Money", by: "alice")
        let archive = try CatalogFixture.archive(in: directory)
        try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice")
        let before = try await CatalogSnapshot(store)
        let log = try await store.operations(CatalogOperationFilter())
        try store.close()
        let closed = await #expect(throws: SluiceError.self) { _ = try await store.folders() }
        #expect(closed?.message == .catalogStoreFailed)
        let reopened = try SQLiteCatalogStore(path: path)
        #expect(try await CatalogSnapshot(reopened) == before)
        #expect(try await reopened.operations(CatalogOperationFilter()) == log)
        #expect(try await reopened.exportProject("Warehouse", inFolder: "Finance", version: nil) == archive)
        #expect(try await reopened.appliedMigrations() == ["v1", "v2-security", "v3-configuration", "v4-generation", "v5-versions"])
    }

    /// A catalog from before "v5-versions": opening it computes the digests of its versions.
    @Test func versionsDeployedBeforeTheirDigestWasKeptGetItOnOpen() async throws {
        let path = directory.appendingPathComponent("before-v5.db").path
        var store = try SQLiteCatalogStore(path: path)
        try await store.createFolder("Finance", description: "", by: "alice")
        let deployed = try await store.deployProject(
            try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.pool.write { db in
            try db.execute(sql: """
                ALTER TABLE project_version DROP COLUMN archive_sha256;
                ALTER TABLE project_version DROP COLUMN restored_at;
                DELETE FROM grdb_migrations WHERE identifier = 'v5-versions';
                """)
        }
        try store.close()
        store = try SQLiteCatalogStore(path: path)
        defer { try? store.close() }
        let version = try #require(try await store.projectVersions(of: "Warehouse", inFolder: "Finance").first)
        #expect(version.archiveSHA256 == deployed.archiveSHA256 && version.archiveSHA256.count == 64)
        #expect(try await store.appliedMigrations().last == "v5-versions")
    }

    @Test func aFileANewerSluiceMigratedIsRefused() async throws {
        let path = directory.appendingPathComponent("newer.db").path
        let store = try SQLiteCatalogStore(path: path)
        try await store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: ["v2"]) }
        try store.close()
        let error = #expect(throws: SluiceError.self) { try SQLiteCatalogStore(path: path) }
        #expect(error?.message == .catalogSchemaNewer)
    }

    /// A kind this Sluice does not know (a newer one wrote it, or the file is damaged) fails
    /// the listing with a code naming the column; no value is made up.
    @Test func aStoredValueThisSluiceCannotReadFailsWithACode() async throws {
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("unknown.db").path)
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.pool.write { db in try db.execute(sql: "UPDATE operation SET kind = ?", arguments: ["grant_permission"]) }
        let error = await #expect(throws: SluiceError.self) { _ = try await store.operations(CatalogOperationFilter()) }
        #expect(error?.message == .catalogStoreFailed && error?.text.contains("grant_permission") == true)
    }

    @Test func aPathThatCannotHoldAFileIsRefusedWithACode() throws {
        let error = #expect(throws: SluiceError.self) {
            try SQLiteCatalogStore(path: directory.appendingPathComponent("no/such/folder/catalog.db").path)
        }
        #expect(error?.message == .catalogOpenFailed)
    }

    /// The probe: the deploy's transaction waits, before it commits, until a reader has
    /// finished. Were readers to wait for the writer, the reader would never finish and the
    /// deploy would give up waiting; with WAL the reader finishes at once and sees the catalog
    /// as it was before the deploy, never half of it.
    @Test func readersGoOnAndSeeTheLastCommitWhileADeployIsWriting() async throws {
        let path = directory.appendingPathComponent("readers.db").path
        let readerDone = DispatchSemaphore(value: 0)
        let inDeploy = DispatchSemaphore(value: 0)
        let waited = Mutex<DispatchTimeoutResult?>(nil)
        let store = try SQLiteCatalogStore(path: path) {
            inDeploy.signal()
            waited.withLock { $0 = readerDone.wait(timeout: .now() + 60) }
        }
        try await store.createFolder("Finance", description: "", by: "alice")
        let archive = try CatalogFixture.archive(packages: (1...50).map { "P\($0)" }, in: directory)
        let deploy = Task { try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice") }
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { inDeploy.wait(); continuation.resume() }
        }
        // The deploy's rows are written, not committed: readers see none of them.
        let seen = try await store.packages(inFolder: nil, project: nil)
        let projects = try await store.projects(inFolder: "Finance")
        readerDone.signal()
        let version = try await deploy.value
        #expect(waited.withLock { $0 } == .success)
        #expect(seen.isEmpty && projects.isEmpty)
        #expect(version.packageCount == 50)
        #expect(try await store.packages(inFolder: "Finance", project: nil).count == 50)
    }

    /// Many tasks deploying and reading at once: each deploy gets its own version and each
    /// reader sees whole versions only (all of a version's packages or none).
    @Test func concurrentDeploysAndReadsKeepEveryVersionWhole() async throws {
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("concurrent.db").path)
        try await store.createFolder("Finance", description: "", by: "alice")
        let archives = try (0..<4).map { try CatalogFixture.archive(packages: (0...$0 * 5).map { "P\($0)" }, in: directory) }
        let sizes = Set(archives.indices.map { $0 * 5 + 1 })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, archive) in archives.enumerated() {
                group.addTask { try await store.deployProject(archive, as: "Project\(index % 2)", into: "Finance", by: "task\(index)") }
            }
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<10 {
                        let counts = Dictionary(grouping: try await store.packages(inFolder: "Finance", project: nil), by: \.projectVersion)
                        #expect(counts.values.allSatisfy { sizes.contains($0.count) })
                    }
                }
            }
            try await group.waitForAll()
        }
        let versions = try await store.projectVersions(of: "Project0", inFolder: "Finance")
            + store.projectVersions(of: "Project1", inFolder: "Finance")
        #expect(Set(versions.map(\.number)).count == 4)
    }
}

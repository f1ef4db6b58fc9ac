import Foundation
import SluiceArchive
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

/// What every `CatalogStore` backend must do, written against the protocol only: a backend's
/// test suite passes its store factory and calls each check (SQLiteCatalogStoreTests does;
/// PostgresCatalogStoreTests runs the same checks on the PostgreSQL backend).
struct CatalogStoreConformance: Sendable {
    /// A new, empty store for each check.
    let make: @Sendable () async throws -> any CatalogStore
    let directory: URL

    // MARK: Folders

    func foldersAreCreatedDescribedRenamedListedAndDeleted() async throws {
        let store = try await make()
        let made = try await store.createFolder("Finance", description: "Money", by: "alice")
        #expect(made.name == "Finance" && made.description == "Money" && made.createdBy == "alice")
        try await store.createFolder("Archive", description: "", by: "bob")
        #expect(try await store.folders().map(\.name) == ["Archive", "Finance"])
        try await store.setFolderDescription("finance", "Money, again", by: "alice")
        #expect(try await store.folder("FINANCE")?.description == "Money, again")
        try await store.renameFolder("Finance", to: "Treasury", by: "alice")
        #expect(try await store.folder("Finance") == nil)
        #expect(try await store.folder("Treasury")?.description == "Money, again")
        // A folder may change only the case of its own name.
        try await store.renameFolder("Treasury", to: "TREASURY", by: "alice")
        #expect(try await store.folders().map(\.name) == ["Archive", "TREASURY"])
        try await store.deleteFolder("treasury", recursive: false, by: "alice")
        #expect(try await store.folders().map(\.name) == ["Archive"])
    }

    func folderNamesAreUniqueWithoutRegardToCase() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.createFolder("Stra\u{DF}e", description: "", by: "alice")
        try await store.createFolder("Caf\u{E9}", description: "", by: "alice")
        try await expectCode(.catalogFolderExists) { try await store.createFolder("FINANCE", description: "", by: "bob") }
        // Canonically equivalent spellings collide, as in SQL Server's collation.
        try await expectCode(.catalogFolderExists) { try await store.createFolder("CAFE\u{301}", description: "", by: "bob") }
        try await expectCode(.catalogFolderExists) { try await store.renameFolder("Finance", to: "caf\u{E9}", by: "bob") }
        #expect(try await store.folders().map(\.name) == ["Caf\u{E9}", "Finance", "Stra\u{DF}e"])
    }

    func aFolderHoldingProjectsIsDeletedOnlyRecursively() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await expectCode(.catalogFolderNotEmpty) { try await store.deleteFolder("Finance", recursive: false, by: "alice") }
        #expect(try await store.projects(inFolder: "Finance").count == 1)
        try await store.deleteFolder("Finance", recursive: true, by: "alice")
        #expect(try await store.folders().isEmpty)
        #expect(try await store.packages(inFolder: nil, project: nil).isEmpty)
    }

    // MARK: Names

    static let badNames: [(String, String)] = [
        ("", "empty"), (String(repeating: "x", count: 129), "129 characters"), (String(repeating: "\u{1F600}", count: 65), "130 UTF-16 units"),
        ("a\u{0}b", "NUL"), ("a\u{8}b", "backspace"), ("a\tb", "tab"), ("a\nb", "line feed"), ("a\u{1B}[2Jb", "escape"),
        ("a\u{7F}b", "DEL"), ("a\u{85}b", "C1 control"),
        ("x\"; DROP TABLE folder; --", "double quote"), ("<script>", "angle brackets"), ("a|b", "pipe"),
        (" lead", "leading space"), ("trail ", "trailing space"), ("@admin", "leading @"),
    ]

    func namesBreakingSSISRulesAreRefusedWithACodeAndNothingChanges() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        let archive = try CatalogFixture.archive(in: directory)
        let before = try await CatalogSnapshot(store)
        for (name, label) in Self.badNames {
            try await expectCode(.catalogNameInvalid, label) { try await store.createFolder(name, description: "", by: "mallory") }
            try await expectCode(.catalogNameInvalid, label) { try await store.renameFolder("Finance", to: name, by: "mallory") }
            try await expectCode(.catalogNameInvalid, label) { try await store.deployProject(archive, as: name, into: "Finance", by: "mallory") }
            try await expectCode(.catalogNameInvalid, label) { try await store.deleteFolder(name, recursive: true, by: "mallory") }
            try await expectCode(.catalogNameInvalid, label) { try await store.deleteProject(name, inFolder: "Finance", by: "mallory") }
            try await expectCode(.catalogNameInvalid, label) { _ = try await store.folder(name) }
        }
        #expect(try await CatalogSnapshot(store) == before)
        // A refused name's message shows its control characters escaped, never raw.
        let error = await #expect(throws: SluiceError.self) { try await store.createFolder("a\u{1B}[2J", description: "", by: "mallory") }
        #expect(error?.text.contains("\\u{1b}") == true && error?.text.contains("\u{1B}") == false)
        // The refusal is logged, with the name escaped there too.
        let logged = try await store.operations(CatalogOperationFilter(limit: 1)).first
        #expect(logged?.outcome == .failed && logged?.objectName == "a\\u{1b}[2J" && logged?.caller == "mallory")
        try await expectCode(.catalogDescriptionInvalid) {
            try await store.setFolderDescription("Finance", String(repeating: "d", count: 1025), by: "mallory")
        }
        #expect(try await CatalogSnapshot(store) == before)
    }

    /// SSIS allows `'`, `;`, `--` and `%` in names; bound arguments keep them data.
    func sqlMetacharactersSSISAllowsAreStoredVerbatim() async throws {
        let store = try await make()
        let names = ["Robert'); DROP TABLE folder;--", "50% _off", "a' OR '1'='1", "x\\y", "\u{65E5}\u{672C}"]
        for name in names { try await store.createFolder(name, description: "'; DELETE FROM project; --", by: "o'brien") }
        #expect(Set(try await store.folders().map(\.name)) == Set(names))
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "P'; --", into: names[0], by: "o'brien")
        #expect(try await store.projects(inFolder: names[0]).map(\.name) == ["P'; --"])
        #expect(try await store.folder("50% _OFF")?.description == "'; DELETE FROM project; --")
        // `%` and `_` are not wildcards.
        #expect(try await store.folder("50x _off") == nil)
        #expect(try await store.operations(CatalogOperationFilter(caller: "o'brien")).count == names.count + 1)
    }

    // MARK: Projects

    func deployingMakesANewRetainedVersionWithItsPackages() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        let first = try await store.deployProject(
            try CatalogFixture.archive(description: "first", in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(first.isCurrent && first.packageCount == 2 && first.description == "first" && first.deployedBy == "alice")
        let second = try await store.deployProject(
            try CatalogFixture.archive(packages: ["Load", "Extract", "Publish"], description: "second", in: directory),
            as: "WAREHOUSE", into: "finance", by: "bob")
        #expect(second.number > first.number && second.packageCount == 3)
        let versions = try await store.projectVersions(of: "Warehouse", inFolder: "Finance")
        #expect(versions.map(\.number) == [second.number, first.number])
        #expect(versions.map(\.isCurrent) == [true, false])
        // The project keeps the spelling it was first deployed with.
        let projects = try await store.projects(inFolder: "Finance")
        #expect(projects.map(\.name) == ["Warehouse"])
        #expect(projects.first?.currentVersion == second.number && projects.first?.deployedBy == "bob")
        #expect(try await store.packages(inFolder: "Finance", project: "Warehouse").map(\.name) == ["Load", "Extract", "Publish"])
        try await expectCode(.catalogFolderNotFound) {
            try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Nowhere", by: "alice")
        }
    }

    /// Each version keeps its archive's SHA-256 (sha256sum's, of the bytes deployed) and when a
    /// restore last made it current; restoring the current version changes nothing.
    func versionsKeepTheirArchivesDigestAndWhenTheyWereRestored() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        let archives = try [["Load"], ["Load", "Publish"]].map { try CatalogFixture.archive(packages: $0, in: directory) }
        var deployed: [CatalogProjectVersion] = []
        for archive in archives { deployed.append(try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice")) }
        for (archive, version) in zip(archives, deployed) {
            let file = directory.appendingPathComponent("archive-\(UUID().uuidString).zip")
            try Data(archive).write(to: file)
            let sum = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
            #expect(version.archiveSHA256 == String(sum.standardOutput.prefix(64)), "\(sum.transcript)")
            #expect(version.restoredAt == nil)
        }
        let before = Date()
        try await store.restoreProject("Warehouse", inFolder: "Finance", version: deployed[0].number, by: "alice")
        var versions = try await store.projectVersions(of: "Warehouse", inFolder: "Finance")
        let restored = try #require(versions.first { $0.number == deployed[0].number }?.restoredAt)
        #expect(restored >= before.addingTimeInterval(-1) && restored <= Date().addingTimeInterval(1))
        #expect(versions.first { $0.number == deployed[1].number }?.restoredAt == nil)
        #expect(versions.map(\.archiveSHA256) == deployed.reversed().map(\.archiveSHA256))
        try await store.restoreProject("Warehouse", inFolder: "Finance", version: deployed[0].number, by: "alice")
        versions = try await store.projectVersions(of: "Warehouse", inFolder: "Finance")
        #expect(versions.first { $0.number == deployed[0].number }?.restoredAt == restored)
    }

    func restoringAVersionMakesItsPackagesCurrent() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        let first = try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        let second = try await store.deployProject(
            try CatalogFixture.archive(packages: ["Extract"], in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(try await store.packages(inFolder: "Finance", project: nil).map(\.name) == ["Extract"])
        try await store.restoreProject("Warehouse", inFolder: "Finance", version: first.number, by: "alice")
        #expect(try await store.packages(inFolder: "Finance", project: nil).map(\.name) == ["Load", "Publish"])
        #expect(try await store.project("Warehouse", inFolder: "Finance")?.currentVersion == first.number)
        #expect(try await store.projectVersions(of: "Warehouse", inFolder: "Finance").count == 2)
        try await expectCode(.catalogVersionNotFound) {
            try await store.restoreProject("Warehouse", inFolder: "Finance", version: second.number + 100, by: "alice")
        }
        // A version of another project is not this project's.
        let other = try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Other", into: "Finance", by: "alice")
        try await expectCode(.catalogVersionNotFound) {
            try await store.restoreProject("Warehouse", inFolder: "Finance", version: other.number, by: "alice")
        }
    }

    func movingAProjectTakesEveryVersionAlong() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.createFolder("Archive", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "WAREHOUSE", into: "Archive", by: "alice")
        try await expectCode(.catalogProjectExists) { try await store.moveProject("Warehouse", from: "Finance", to: "Archive", by: "alice") }
        try await store.deleteProject("warehouse", inFolder: "Archive", by: "alice")
        try await store.moveProject("Warehouse", from: "Finance", to: "Archive", by: "alice")
        #expect(try await store.projects(inFolder: "Finance").isEmpty)
        #expect(try await store.projectVersions(of: "Warehouse", inFolder: "Archive").count == 2)
        #expect(try await store.packages(inFolder: "Archive", project: nil).map(\.folder) == ["Archive", "Archive"])
        try await expectCode(.catalogFolderNotFound) { try await store.moveProject("Warehouse", from: "Archive", to: "Nowhere", by: "alice") }
    }

    func exportGivesBackTheDeployedBytesOfAnyVersion() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        let one = try CatalogFixture.archive(in: directory)
        let two = try CatalogFixture.archive(packages: ["Extract"], in: directory)
        let first = try await store.deployProject(one, as: "Warehouse", into: "Finance", by: "alice")
        let second = try await store.deployProject(two, as: "Warehouse", into: "Finance", by: "alice")
        #expect(try await store.exportProject("Warehouse", inFolder: "Finance", version: nil) == two)
        #expect(try await store.exportProject("Warehouse", inFolder: "Finance", version: second.number) == two)
        #expect(try await store.exportProject("warehouse", inFolder: "FINANCE", version: first.number) == one)
        try await expectCode(.catalogVersionNotFound) { _ = try await store.exportProject("Warehouse", inFolder: "Finance", version: 999_999) }
    }

    func deletingAProjectDeletesEveryVersion() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.deleteProject("Warehouse", inFolder: "Finance", by: "alice")
        #expect(try await store.project("Warehouse", inFolder: "Finance") == nil)
        #expect(try await store.packages(inFolder: nil, project: nil).isEmpty)
        try await expectCode(.catalogProjectNotFound) { _ = try await store.projectVersions(of: "Warehouse", inFolder: "Finance") }
        try await expectCode(.catalogProjectNotFound) { try await store.deleteProject("Warehouse", inFolder: "Finance", by: "alice") }
        // Version numbers are never reused.
        let again = try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(again.number == 3)
    }

    // MARK: Packages

    func packagesAreListedWithTheirFieldsAndExported() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.createFolder("Sales", description: "", by: "alice")
        let archive = try CatalogFixture.archive(in: directory)
        let version = try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice")
        try await store.deployProject(try CatalogFixture.archive("Leads", packages: ["Score"], in: directory), as: "Leads", into: "Sales", by: "bob")
        let contents = try ProjectArchive.read(archive)
        let load = try contents.package(named: "Load")
        let listed = try await store.packages(inFolder: "Finance", project: nil)
        #expect(listed.map(\.name) == ["Load", "Publish"])
        let first = try #require(listed.first)
        #expect(first.folder == "Finance" && first.project == "Warehouse" && first.file == "Load.sluice.json")
        #expect(first.packageID == load.id && first.versionID == load.metadata.versionID && first.description == "The Load package")
        #expect([first.versionMajor, first.versionMinor, first.versionBuild] == [2, 1, 0] && first.projectVersion == version.number)
        #expect(try await store.packages(inFolder: nil, project: nil).map(\.name) == ["Load", "Publish", "Score"])
        #expect(try await store.packages(inFolder: nil, project: "leads").map(\.name) == ["Score"])
        #expect(try await store.packageExists("Load", project: "Warehouse", inFolder: "Finance"))
        #expect(try await store.packageExists("publish.SLUICE.json", project: "warehouse", inFolder: "finance"))
        #expect(try await store.packageExists("Score", project: "Warehouse", inFolder: "Finance") == false)
        #expect(try await store.exportPackage("Load", project: "Warehouse", inFolder: "Finance") == contents.files["Load.sluice.json"])
        try await expectCode(.catalogPackageNotFound) { _ = try await store.exportPackage("Score", project: "Warehouse", inFolder: "Finance") }
        try await expectCode(.catalogFolderNotFound) { _ = try await store.packages(inFolder: "Nowhere", project: nil) }
        try await expectCode(.catalogProjectNotFound) { _ = try await store.packageExists("Load", project: "Nothing", inFolder: "Finance") }
    }

    // MARK: Deploys that fail

    func aHostileArchiveIsRefusedWithItsCodeAndNothingIsWritten() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        let before = try await CatalogSnapshot(store)
        try await expectCode(.archiveEntryPathTraversal) {
            try await store.deployProject(CatalogFixture.hostileArchive, as: "Warehouse", into: "Finance", by: "mallory")
        }
        try await expectCode(.archiveCorrupt) { try await store.deployProject(Array("not a zip".utf8), as: "W", into: "Finance", by: "mallory") }
        #expect(try await CatalogSnapshot(store) == before)
        let failed = try await store.operations(CatalogOperationFilter(caller: "mallory"))
        #expect(failed.map(\.outcome) == [.failed, .failed])
        #expect(failed.last?.errorCode == SluiceMessage.archiveEntryPathTraversal.code)
    }

    func aDeployThatFailsMidWayLeavesTheCatalogUnchanged() async throws {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        let before = try await CatalogSnapshot(store)
        // Load's row is written before Broken fails to decode: the transaction takes it back.
        try await expectCode(.catalogDeployPackageInvalid) {
            try await store.deployProject(CatalogFixture.archiveWithBrokenPackage, as: "Warehouse", into: "Finance", by: "alice")
        }
        try await expectCode(.catalogDeployPackageInvalid) {
            try await store.deployProject(CatalogFixture.archiveWithBrokenPackage, as: "NewProject", into: "Finance", by: "alice")
        }
        #expect(try await CatalogSnapshot(store) == before)
        // The next version number is still one after the last that was kept.
        let next = try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(next.number > before.versions.map(\.number).max() ?? 0)
    }

    // MARK: Operations log, schema

    func everyChangeIsLoggedAndTheLogFilters() async throws {
        let store = try await make()
        let start = Date()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.createFolder("Sales", description: "", by: "bob")
        try await store.renameFolder("Sales", to: "Revenue", by: "bob")
        try await store.setFolderDescription("Revenue", "d", by: "bob")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        let version = try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        try await store.restoreProject("Warehouse", inFolder: "Finance", version: version.number, by: "alice")
        try await store.moveProject("Warehouse", from: "Finance", to: "Revenue", by: "carol")
        try await store.deleteProject("Warehouse", inFolder: "Revenue", by: "carol")
        try await expectCode(.catalogFolderExists) { try await store.createFolder("finance", description: "", by: "mallory") }
        try await store.deleteFolder("Revenue", recursive: false, by: "bob")
        let all = try await store.operations(CatalogOperationFilter())
        #expect(all.map(\.kind) == [
            .deleteFolder, .createFolder, .deleteProject, .moveProject, .restoreProject, .deployProject, .deployProject,
            .setFolderDescription, .renameFolder, .createFolder, .createFolder,
        ])
        #expect(all.allSatisfy { $0.time >= start.addingTimeInterval(-1) && $0.time <= Date().addingTimeInterval(1) })
        #expect(Set(all.map(\.id)).count == all.count)
        let refused = try #require(all.first { $0.outcome == .failed })
        #expect(refused.caller == "mallory" && refused.errorCode == SluiceMessage.catalogFolderExists.code && refused.objectName == "finance")
        #expect(try await store.operations(CatalogOperationFilter(caller: "bob")).count == 4)
        #expect(try await store.operations(CatalogOperationFilter(kind: .deployProject)).count == 2)
        #expect(try await store.operations(CatalogOperationFilter(objectType: .project)).count == 5)
        #expect(try await store.operations(CatalogOperationFilter(objectName: "FINANCE/warehouse")).count == 4)
        #expect(try await store.operations(CatalogOperationFilter(outcome: .failed)).count == 1)
        #expect(try await store.operations(CatalogOperationFilter(limit: 2)).map(\.kind) == [.deleteFolder, .createFolder])
        #expect(try await store.operations(CatalogOperationFilter(until: start.addingTimeInterval(-60))).isEmpty)
        #expect(try await store.operations(CatalogOperationFilter(since: start.addingTimeInterval(-60))).count == all.count)
    }

    func theMigrationVersionIsRecorded() async throws {
        let store = try await make()
        // Each backend's own tests check its exact list; every backend starts with "v1", once.
        let applied = try await store.appliedMigrations()
        #expect(applied.first == "v1")
        #expect(Set(applied).count == applied.count)
    }

    // MARK: -

    func expectCode(
        _ message: SluiceMessage, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
            Issue.record("expected \(message.name), nothing was thrown \(label)", sourceLocation: sourceLocation)
        } catch let error as SluiceError {
            #expect(error.message == message, "\(label): \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// Everything a store holds but its operations log, for "nothing changed".
struct CatalogSnapshot: Equatable {
    var folders: [CatalogFolder] = []
    var projects: [CatalogProject] = []
    var versions: [CatalogProjectVersion] = []
    var packages: [CatalogPackage] = []

    init(_ store: any CatalogStore) async throws {
        folders = try await store.folders()
        for folder in folders {
            let projects = try await store.projects(inFolder: folder.name)
            self.projects += projects
            for project in projects { versions += try await store.projectVersions(of: project.name, inFolder: folder.name) }
        }
        packages = try await store.packages(inFolder: nil, project: nil)
    }
}

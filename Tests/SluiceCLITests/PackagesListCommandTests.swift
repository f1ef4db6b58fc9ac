import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice packages list DIR`: the file-system package store (SSIS's package store "File System"
/// folder, which dtutil and SSMS enumerate), through the real binary on real folders.
@Suite struct PackagesListCommandTests {
    private func store(_ f: CLIFixture) throws -> String {
        let root = f.directory.appendingPathComponent("store").path
        try FileManager.default.createDirectory(atPath: root + "/nested/deeper", withIntermediateDirectories: true)
        var nightly = Package(name: "Nightly", description: "loads the warehouse")
        nightly.metadata.versionMajor = 2
        nightly.metadata.versionBuild = 7
        try PackageFile.save(nightly, to: root + "/nightly.sluice.json")
        try PackageFile.save(Package(name: "Deep"), to: root + "/nested/deeper/deep.sluice.json")
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: root + "/broken.sluice.json"))
        try Data("ignored".utf8).write(to: URL(fileURLWithPath: root + "/notes.txt"))
        var project = Project(name: "Warehouse", description: "the project")
        project.packages = ["Load.sluice.json"]
        try ProjectFile.save(project, toFolder: root + "/warehouse")
        try PackageFile.save(Package(name: "Load"), to: root + "/warehouse/Load.sluice.json")
        // A link back up: a recursive listing must still end.
        try FileManager.default.createSymbolicLink(atPath: root + "/nested/loop", withDestinationPath: root)
        return root
    }

    private func entries(_ output: String) throws -> [JSONObject] {
        let value = try JSONParser.parse(Array(output.utf8))
        return (value.arrayValue ?? []).compactMap(\.objectValue)
    }

    @Test func listsPackagesAndProjectsWithTheirFieldsAndFlagsABrokenFile() throws {
        let f = try CLIFixture()
        let root = try store(f)
        let r = try f.sluice(["packages", "list", root, "--json"])
        #expect(r.status == 1, "a broken file makes the status 1: \(r.transcript)")
        let list = try entries(r.standardOutput)
        let byName = Dictionary(list.map { ($0["name"]?.stringValue ?? "?", $0) }, uniquingKeysWith: { a, _ in a })
        #expect(Set(byName.keys) == ["broken", "Nightly", "Warehouse", "Load"], "\(r.standardOutput)")
        #expect(byName["Nightly"]?["version"] == .string("2.0.7"))
        #expect(byName["Nightly"]?["description"] == .string("loads the warehouse"))
        #expect(byName["Warehouse"]?["kind"] == .string("project"))
        #expect(byName["Load"]?["project"] == .string("Warehouse"))
        #expect(byName["broken"]?["error"]?.objectValue?["name"]?.stringValue?.hasPrefix("SLUICE_E_") == true)
    }

    @Test func recursiveWalksSubfoldersOnceWithoutFollowingLinks() throws {
        let f = try CLIFixture()
        let root = try store(f)
        let r = try f.sluice(["packages", "list", root, "--recursive", "--json"])
        let names = try entries(r.standardOutput).compactMap { $0["name"]?.stringValue }
        #expect(names.filter { $0 == "Deep" }.count == 1, "\(r.transcript)")
        #expect(names.filter { $0 == "Nightly" }.count == 1, "the link back up was followed: \(r.transcript)")
    }

    @Test func theTableShowsTheColumnsAndAMissingFolderIsABadCommandLine() throws {
        let f = try CLIFixture()
        let root = try store(f)
        try FileManager.default.removeItem(atPath: root + "/broken.sluice.json")
        let r = try f.sluice(["packages", "list", root])
        #expect(r.status == 0, "\(r.transcript)")
        let lines = r.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.contains { $0.contains("Nightly") && $0.contains("2.0.7") && $0.contains("loads the warehouse") })
        let missing = try f.sluice(["packages", "list", root + "/nope"])
        #expect(missing.status == 6)
        #expect(missing.standardError.contains("SLUICE_E_PACKAGE_STORE_FOLDER_INVALID"), "\(missing.transcript)")
    }
}

import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice project pack`, and `sluice run|validate FILE.sluiceproj`, through the real binary.
/// dtexec runs a package of a project deployment file with `/Project x.ispac /Package p`
/// (Microsoft, "dtexec Utility"); Execute Package with ReferenceType Project Reference runs a
/// sibling package of the same project (Microsoft, "Execute Package Task").
@Suite struct ProjectArchiveCommandTests {
    /// Parent records the region, runs Child by project reference (which records it too), and
    /// reads both back into `User::Seen`.
    private func writeProject(_ f: CLIFixture) throws -> String {
        let folder = f.directory.appendingPathComponent("warehouse").path
        var project = Project(name: "Warehouse")
        project.parameters = [Parameter("Region", type: .wstr, value: .string("default"))]
        project.connections = [
            ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: f.directory.appendingPathComponent("stage.db").path),
        ]
        project.packages = ["Parent.sluice.json", "Child.sluice.json", "Slow.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)
        func record(_ who: String) -> Executable {
            var task = Executable.task("Record \(who)", component: "sluice.executeSQL", properties: [("connection", "Stage"), ("statement", "SELECT 1")])
            task.propertyExpressions["statement"] =
                #""CREATE TABLE IF NOT EXISTS seen(who TEXT, region TEXT); INSERT INTO seen VALUES ('\#(who)', '" + @[$Project::Region] + "')""#
            return task
        }
        var parent = Package(name: "Parent")
        parent.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        parent.executables = [
            record("parent"),
            .task("Run child", component: "sluice.executePackage", properties: [("useProjectReference", true), ("packageName", "Child")]),
            .task("Read back", component: "sluice.executeSQL", properties: [
                ("connection", "Stage"), ("statement", "SELECT group_concat(who || '=' || region, ',') FROM seen"),
                ("resultSet", "singleRow"), ("resultVariables", ["User::Seen"]),
            ]),
        ]
        parent.connect("Record parent", to: "Run child")
        parent.connect("Run child", to: "Read back")
        try PackageFile.save(parent, to: folder + "/Parent.sluice.json")
        var child = Package(name: "Child")
        child.executables = [record("child")]
        try PackageFile.save(child, to: folder + "/Child.sluice.json")
        var slow = CLIFixture.greetingPackage()
        slow.name = "Slow"
        slow.executables[0].set("steps", 400)
        slow.executables[0].set("delayMs", 50)
        try PackageFile.save(slow, to: folder + "/Slow.sluice.json")
        return folder
    }

    /// A private TMPDIR per test, so "the archive's folder is gone" is checked exactly.
    private func temporaryFolder(_ f: CLIFixture) throws -> URL {
        let tmp = f.directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return tmp
    }

    @Test func aPackedProjectRunsAsItsFolderDoesAndLeavesNoFolderBehind() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let tmp = try temporaryFolder(f)
        let archive = f.directory.appendingPathComponent("out.sluiceproj").path
        let pack = try f.sluice(["project", "pack", folder, "--output", archive])
        #expect(pack.status == 0, "\(pack.transcript)")

        let fromFolder = try f.sluice(["run", folder, "--package", "Parent", "--param", "$Project::Region=emea", "--show-variables"])
        #expect(fromFolder.standardError.contains("User::Seen = parent=emea,child=emea"), "\(fromFolder.transcript)")
        try FileManager.default.removeItem(at: f.directory.appendingPathComponent("stage.db"))
        let fromArchive = try f.sluice(
            ["run", archive, "--package", "Parent", "--param", "$Project::Region=emea", "--show-variables"], environment: ["TMPDIR": tmp.path])
        #expect(fromArchive.status == 0, "\(fromArchive.transcript)")
        #expect(fromArchive.standardError.contains("User::Seen = parent=emea,child=emea"), "\(fromArchive.transcript)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    @Test func packWritesBesideTheFolderByDefaultAndTheSameBytesTwice() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let first = try f.sluice(["project", "pack", folder + "/"])
        #expect(first.status == 0, "\(first.transcript)")
        let archive = f.directory.appendingPathComponent("warehouse.sluiceproj")
        let bytes = try Data(contentsOf: archive)
        _ = try f.sluice(["project", "pack", folder])
        #expect(try Data(contentsOf: archive) == bytes)
    }

    @Test func validateTakesAnArchiveWholeOrOnePackage() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let tmp = try temporaryFolder(f)
        let archive = f.directory.appendingPathComponent("warehouse.sluiceproj").path
        _ = try f.sluice(["project", "pack", folder])
        let all = try f.sluice(["validate", archive], environment: ["TMPDIR": tmp.path])
        #expect(all.status == 0, "\(all.transcript)")
        for name in ["Parent", "Child", "Slow"] { #expect(all.transcript.contains(name), "\(all.transcript)") }
        let one = try f.sluice(["validate", archive, "--package", "Child"], environment: ["TMPDIR": tmp.path])
        #expect(one.status == 0, "\(one.transcript)")
        let unnamed = try f.sluice(["run", archive], environment: ["TMPDIR": tmp.path])
        #expect(unnamed.status == 6 && unnamed.standardError.contains(SluiceMessage.projectPackageOptionMissing.name), "\(unnamed.transcript)")
        let none = try f.sluice(["run", archive, "--package", "Nope"], environment: ["TMPDIR": tmp.path])
        #expect(none.status == 4 && none.standardError.contains(SluiceMessage.projectPackageNotFound.name), "\(none.transcript)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }

    /// The central directory's copy of a name rewritten to climb out: refused before anything
    /// is written, exit 5 as dtexec's "could not be loaded".
    @Test func aHostileArchiveIsRefusedWithExitFiveAndNothingWritten() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let tmp = try temporaryFolder(f)
        let archive = f.directory.appendingPathComponent("warehouse.sluiceproj")
        _ = try f.sluice(["project", "pack", folder])
        var bytes = [UInt8](try Data(contentsOf: archive))
        let name = Array("Child.sluice.json".utf8), evil = Array("../ld.sluice.json".utf8)
        let at = try #require((0...(bytes.count - name.count)).last { Array(bytes[$0..<($0 + name.count)]) == name })
        bytes.replaceSubrange(at..<(at + name.count), with: evil)
        try Data(bytes).write(to: archive)
        let run = try f.sluice(["run", archive.path, "--package", "Parent"], environment: ["TMPDIR": tmp.path])
        #expect(run.status == 5 && run.standardError.contains(SluiceMessage.archiveEntryPathTraversal.name), "\(run.transcript)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("ld.sluice.json").path))
        let validate = try f.sluice(["validate", archive.path], environment: ["TMPDIR": tmp.path])
        #expect(validate.status == 5 && validate.standardError.contains(SluiceMessage.archiveEntryPathTraversal.name), "\(validate.transcript)")
        let missing = try f.sluice(["run", f.directory.appendingPathComponent("none.sluiceproj").path, "--package", "Parent"])
        #expect(missing.status == 4 && missing.standardError.contains(SluiceMessage.archiveNotFound.name), "\(missing.transcript)")
    }

    @Test func packRefusesWhatIsNoProjectAndAProjectThatDoesNotLoad() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let notProject = try f.sluice(["project", "pack", f.directory.path])
        #expect(notProject.status == 6 && notProject.standardError.contains(SluiceMessage.projectPackInputInvalid.name), "\(notProject.transcript)")
        try Data("{".utf8).write(to: URL(fileURLWithPath: folder + "/Child.sluice.json"))
        let broken = try f.sluice(["project", "pack", folder])
        #expect(broken.status == 5 && broken.standardError.contains(SluiceMessage.jsonMalformed.name), "\(broken.transcript)")
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("warehouse.sluiceproj").path))
    }

    /// A canceled run (one signal) and a run stopped at once (two) both remove the folder.
    @Test(arguments: [1, 2])
    func aCanceledRunRemovesTheArchivesFolder(signals: Int) throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let tmp = try temporaryFolder(f)
        let archive = f.directory.appendingPathComponent("warehouse.sluiceproj").path
        _ = try f.sluice(["project", "pack", folder])
        let process = try SpawnedProcess(
            BuildProducts.sluice, ["run", archive, "--package", "Slow", "--report", "P"],
            environment: f.environment.merging(["TMPDIR": tmp.path]) { $1 }, error: .pipe)
        let err = try #require(process.standardError)
        var seen: [UInt8] = []
        while !String(decoding: seen, as: UTF8.self).contains("Progress") {
            let chunk = err.readAvailable()
            if chunk.isEmpty { break }
            seen += chunk
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).count == 1, "the run's private folder")
        for _ in 0..<signals {
            kill(process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.2)
        }
        seen += err.readAll()
        #expect(process.blockingWait() == 3, "\(String(decoding: seen, as: UTF8.self))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == [])
    }
}

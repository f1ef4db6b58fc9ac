import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice run PROJECT --package NAME` and `sluice validate PROJECT [--package NAME]` through the
/// real binary, on a real project folder. dtexec runs a project package with `/Project` and
/// `/Package`, and sets a project parameter with `/Par "$Project::Name";value`
/// (Microsoft, "dtexec Utility"); an Execute Package task with ReferenceType Project Reference
/// runs a package of the same project (Microsoft, "Execute Package Task").
@Suite struct ProjectCommandTests {
    /// Parent records the region, runs Child by project reference (which records it too), then
    /// reads both records back into `User::Seen` through the project connection.
    private func writeProject(_ f: CLIFixture, parentConnections: [ConnectionManager] = []) throws -> String {
        let folder = f.directory.appendingPathComponent("warehouse").path
        var project = Project(name: "Warehouse")
        project.parameters = [Parameter("Region", type: .wstr, value: .string("default"))]
        project.connections = [
            ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: f.directory.appendingPathComponent("stage.db").path),
        ]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        try ProjectFile.save(project, toFolder: folder)

        func record(_ who: String) -> Executable {
            var task = Executable.task("Record \(who)", component: "sluice.executeSQL", properties: [("connection", "Stage"), ("statement", "SELECT 1")])
            task.propertyExpressions["statement"] =
                #""CREATE TABLE IF NOT EXISTS seen(who TEXT, region TEXT); INSERT INTO seen VALUES ('\#(who)', '" + @[$Project::Region] + "')""#
            return task
        }
        var parent = Package(name: "Parent")
        parent.connections = parentConnections
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
        return folder
    }

    @Test func runsAProjectPackageThatRunsItsSiblingWithAProjectParameterFromTheCommandLine() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let run = try f.sluice(["run", folder, "--package", "Parent", "--param", "$Project::Region=emea", "--show-variables"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.standardError.contains("User::Seen = parent=emea,child=emea"), "\(run.transcript)")
    }

    /// dtexec's `/Set \Package.Variables[$Project::Region].Value;…` reaches the project's
    /// parameter, and the child run by project reference sees it too.
    @Test func setReachesAProjectParameter() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let run = try f.sluice([
            "run", folder, "--package", "Parent", "--set", #"\package.variables[$Project::Region].Value=apac"#, "--show-variables",
        ])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.standardError.contains("User::Seen = parent=apac,child=apac"), "\(run.transcript)")
    }

    @Test func theProjectParametersDefaultHoldsWithoutAParam() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let run = try f.sluice(["run", folder, "--package", "Parent.sluice.json", "--show-variables"])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(run.standardError.contains("User::Seen = parent=default,child=default"), "\(run.transcript)")
    }

    @Test func validateWithoutPackageValidatesEveryPackageOfTheProject() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let validate = try f.sluice(["validate", folder])
        #expect(validate.status == 0, "\(validate.transcript)")
        for name in ["Parent", "Child"] { #expect(validate.transcript.contains(name), "\(validate.transcript)") }
        #expect(!FileManager.default.fileExists(atPath: f.directory.appendingPathComponent("stage.db").path), "validate runs nothing")
    }

    @Test func validateAndRunReportAConnectionThatClashesWithTheProjects() throws {
        let f = try CLIFixture()
        let clash = ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: "/tmp/other.db")
        let folder = try writeProject(f, parentConnections: [clash])
        let name = SluiceMessage.projectConnectionConflict.name
        let validate = try f.sluice(["validate", folder])
        #expect(validate.status == 1 && validate.standardError.contains(name), "\(validate.transcript)")
        let run = try f.sluice(["run", folder, "--package", "Parent"])
        #expect(run.status == 1 && run.standardError.contains(name), "\(run.transcript)")
    }

    @Test(arguments: [
        (["run", "PROJECT"], Int32(6), SluiceMessage.projectPackageOptionMissing),
        (["run", "PROJECT", "--package", "Nope"], 4, .projectPackageNotFound),
        (["run", "PACKAGE", "--package", "Parent"], 6, .projectPackageOptionMisplaced),
        (["run", "PROJECT", "--package", "Parent", "--param", "$Project::Nope=1"], 6, .parameterNotFound),
        (["run", "PROJECT", "--package", "Parent", "--param", "$Project::Region"], 6, .commandLineInvalid),
        // A folder without a project file is no project: a package path that is not a file.
        (["run", "EMPTY", "--package", "Parent"], 6, .projectPackageOptionMisplaced),
        (["run", "EMPTY"], 5, .packageUnreadable),
    ])
    func aBadProjectCommandLineExitsWithDtexecsCodeAndAMessageCode(_ arguments: [String], _ status: Int32, _ message: SluiceMessage) throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        let empty = f.directory.appendingPathComponent("empty").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let substituted = arguments.map {
            switch $0 {
            case "PROJECT": folder
            case "PACKAGE": folder + "/Parent.sluice.json"
            case "EMPTY": empty
            default: $0
            }
        }
        let run = try f.sluice(substituted)
        #expect(run.status == status, "\(run.transcript)")
        #expect(run.standardError.contains(message.name), "\(run.transcript)")
    }

    @Test func aProjectFileThatIsAFolderCannotBeLoaded() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        try FileManager.default.removeItem(atPath: folder + "/project.sluice.json")
        try FileManager.default.createDirectory(atPath: folder + "/project.sluice.json", withIntermediateDirectories: false)
        let run = try f.sluice(["run", folder, "--package", "Parent"])
        #expect(run.status == 5, "\(run.transcript)")
        #expect(run.standardError.contains(SluiceMessage.projectUnreadable.name), "\(run.transcript)")
    }

    @Test func aMalformedProjectFileCannotBeLoaded() throws {
        let f = try CLIFixture()
        let folder = try writeProject(f)
        try #"{"format": "sluice.project", "formatVersion": 1, "project": {"name": "W", "packages": ["../x.sluice.json"]}}"#
            .write(toFile: folder + "/project.sluice.json", atomically: true, encoding: .utf8)
        let run = try f.sluice(["validate", folder])
        #expect(run.status == 5, "\(run.transcript)")
        #expect(run.standardError.contains(SluiceMessage.projectPackagePathInvalid.name), "\(run.transcript)")
    }
}

import CSQLite
import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import Testing

/// Packages run from a project folder, in process, on a real SQLite file: project parameters
/// read as `$Project::Name` and set like dtexec's `/Par "$Project::Name";value`, a project
/// connection manager used by Execute SQL tasks, and an Execute Package task that runs another
/// package of the project by reference. Behaviour from Microsoft's documentation:
/// "Integration Services (SSIS) Parameters" (project parameters are visible to every package of
/// the project), "Execute Package Task" (ReferenceType Project Reference: the child is a package
/// of the same project) and "dtexec Utility" (/Par with the $Project:: prefix).
@Suite struct ProjectRunTests {
    let folder: TemporaryDirectory
    let database: String

    init() throws {
        folder = try TemporaryDirectory()
        database = folder.file("stage.db")
    }

    /// An Execute SQL task on the project's `Stage` connection recording who ran and which
    /// region it saw.
    static func record(_ who: String) -> Executable {
        var task = Executable.task("Record \(who)", component: "sluice.executeSQL", properties: [
            ("connection", "Stage"), ("statement", "SELECT 1"),
        ])
        task.propertyExpressions["statement"] =
            #""CREATE TABLE IF NOT EXISTS seen(who TEXT, region TEXT); INSERT INTO seen VALUES ('\#(who)', '" + @[$Project::Region] + "')""#
        return task
    }

    /// Parent records, then runs Child by project reference; Child records too.
    func writeProject(parentConnections: [ConnectionManager] = [], childName: String = "Child") throws -> ProjectScope {
        var project = Project(name: "Warehouse")
        project.parameters = [Parameter("Region", type: .wstr, required: true)]
        project.connections = [ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: database)]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        try ProjectFile.save(project, toFolder: folder.path)

        var parent = Package(name: "Parent")
        parent.connections = parentConnections
        parent.executables = [
            Self.record("parent"),
            .task("Run child", component: "sluice.executePackage", properties: [
                ("useProjectReference", true), ("packageName", .string(childName)),
            ]),
        ]
        parent.connect("Record parent", to: "Run child")
        try PackageFile.save(parent, to: folder.file("Parent.sluice.json"))
        var child = Package(name: "Child")
        child.executables = [Self.record("child")]
        try PackageFile.save(child, to: folder.file("Child.sluice.json"))
        return try ProjectScope.load(fromFolder: folder.path)
    }

    func run(_ scope: ProjectScope, _ name: String = "Parent", parameters: [String: String] = ["$Project::Region": "emea"],
             validateOnly: Bool = false) throws -> RunResult {
        let (package, path) = try scope.loadPackage(named: name)
        var options = RunOptions(parameterValues: parameters, packageFile: path)
        options.project = scope
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let runner = PackageRunner(registry: registry)
        return validateOnly ? runner.validate(package, options: options) : runner.run(package, options: options)
    }

    func rows() -> [[String]] {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(database, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let handle else { return [] }
        defer { sqlite3_close_v2(handle) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, "SELECT who, region FROM seen ORDER BY rowid", -1, &statement, nil) == SQLITE_OK,
              let statement else { return [] }
        defer { sqlite3_finalize(statement) }
        var out: [[String]] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            out.append((0..<2).map { String(cString: sqlite3_column_text(statement, $0)) })
        }
        return out
    }

    private func codes(_ result: RunResult) -> [Int32] { result.errors.map(\.code) }

    @Test func theParentRunsTheChildByProjectReferenceAndBothSeeTheProjectParameterAndConnection() throws {
        let result = try run(try writeProject())
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(rows() == [["parent", "emea"], ["child", "emea"]])
    }

    @Test func aRequiredProjectParameterWithoutAValueFailsValidation() throws {
        let result = try run(try writeProject(), parameters: [:])
        #expect(result.result == .failure)
        #expect(result.errors.contains { $0.code == SluiceMessage.parameterRequired.code && $0.message.contains("$Project::Region") },
                "\(result.errors.map(\.message))")
        #expect(rows().isEmpty, "nothing ran")
    }

    @Test func aPackageConnectionNamedLikeAProjectConnectionIsAValidationError() throws {
        let own = ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: folder.file("other.db"))
        let result = try run(try writeProject(parentConnections: [own]), validateOnly: true)
        #expect(result.result == .failure)
        #expect(codes(result).contains(SluiceMessage.projectConnectionConflict.code), "\(result.errors.map(\.message))")
    }

    @Test func aProjectReferenceToAPackageTheProjectLacksFailsValidation() throws {
        let result = try run(try writeProject(childName: "Missing"), validateOnly: true)
        #expect(result.result == .failure)
        #expect(codes(result).contains(SluiceMessage.projectPackageNotFound.code), "\(result.errors.map(\.message))")
    }

    @Test func aProjectReferenceOutsideAProjectFailsValidation() throws {
        let scope = try writeProject()
        let (parent, _) = try scope.loadPackage(named: "Parent")
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let result = PackageRunner(registry: registry).validate(parent)
        #expect(result.result == .failure)
        #expect(codes(result).contains(SluiceMessage.projectReferenceOutsideProject.code), "\(result.errors.map(\.message))")
    }

    @Test func aValueForAnUndeclaredProjectParameterIsRefused() throws {
        let result = try run(try writeProject(), parameters: ["$Project::Region": "emea", "$Project::Nope": "1"])
        #expect(result.result == .failure)
        #expect(codes(result) == [SluiceMessage.parameterNotFound.code])
    }

    @Test func projectReferenceAndPackagePathTogetherAreRefused() throws {
        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        var p = Package(name: "Both")
        p.executables = [.task("Run", component: "sluice.executePackage", properties: [
            ("useProjectReference", true), ("packageName", "Child"), ("packagePath", "child.sluice.json"),
        ])]
        let result = PackageRunner(registry: registry).validate(p)
        #expect(codes(result).contains(SluiceMessage.packageFieldInvalid.code), "\(result.errors.map(\.message))")
    }

    /// One child file reached both by project reference (it sees `$Project::Region`) and by
    /// path (it does not): validate must report what the by-path run would reject, not vouch
    /// for both from the first validation (review finding).
    @Test func validateTellsAProjectReferenceFromAPathToTheSameFile() throws {
        let scope = try writeProject()
        var parent = try PackageFile.load(from: folder.file("Parent.sluice.json"))
        parent.executables.append(.task("Run child by path", component: "sluice.executePackage", properties: [
            ("packagePath", .string(folder.file("Child.sluice.json"))),
        ]))
        try PackageFile.save(parent, to: folder.file("Parent.sluice.json"))
        let result = try run(scope, validateOnly: true)
        #expect(result.result == .failure, "the by-path child reads $Project::Region, which it cannot see")
    }
}

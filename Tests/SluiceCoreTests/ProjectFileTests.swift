import Foundation
import SluiceCore
import Testing

/// The project file, `project.sluice.json`, of SSIS's project deployment model: Microsoft's
/// "Integration Services (SSIS) Projects and Packages" — a project holds packages, project
/// parameters (typed, sensitive, required) and project connection managers shared by every
/// package (https://learn.microsoft.com/sql/integration-services/integration-services-ssis-projects-and-solutions,
/// https://learn.microsoft.com/sql/integration-services/integration-services-ssis-package-and-project-parameters).
@Suite struct ProjectFileTests {
    private static let projectSchema = Result { try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.projectSchema)) }

    /// A project with every field of the format, built with the Swift API, fixed ids.
    static func sample() -> Project {
        var project = Project(
            name: "Warehouse", id: UUID(uuidString: "0F1E2D3C-4B5A-4978-8695-A4B3C2D1E0F9")!, description: "Nightly loads.")
        project.parameters = [
            Parameter("Region", type: .wstr, value: .string("emea"), required: true, description: "Sales region."),
            Parameter("BatchSize", type: .i4, value: .int(500)),
            Parameter("Password", type: .wstr, value: .string("secret"), sensitive: true),
        ]
        var stage = ConnectionManager(
            "Stage", kind: "sluice.sqlite", connectionString: "stage.db", id: UUID(uuidString: "11111111-2222-4333-8444-555555555555")!)
        stage.propertyExpressions = ["ConnectionString": #"@[$Project::Region] + ".db""#]
        project.connections = [stage]
        project.packages = ["Parent.sluice.json", "Child.sluice.json"]
        return project
    }

    private func document(_ project: Project = sample()) throws -> JSONValue { try JSONParser.parse(Array(ProjectFile.encode(project).utf8)) }

    @Test func aSavedProjectLoadsToTheSameModelAndSavesToTheSameBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-project-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var project = Self.sample()
        try ProjectFile.save(project, toFolder: folder)
        let first = try String(contentsOfFile: ProjectFile.filePath(inFolder: folder), encoding: .utf8)
        let loaded = try ProjectFile.load(fromFolder: folder)
        project.parameters[2].value = .null  // a sensitive value is never written (SSIS DontSaveSensitive)
        #expect(loaded == project)
        try ProjectFile.save(loaded, toFolder: folder)
        #expect(try String(contentsOfFile: ProjectFile.filePath(inFolder: folder), encoding: .utf8) == first)
        #expect(!first.contains("secret"))
    }

    @Test func theSmallestProjectRoundTrips() throws {
        let project = Project(name: "Empty")
        #expect(try ProjectFile.decode(Array(ProjectFile.encode(project).utf8)) == project)
        #expect(try Self.projectSchema.get().validate(try document(project)).isEmpty)
    }

    @Test func aProjectNamesItsPackagesWithOrWithoutTheSuffix() throws {
        let project = Self.sample()
        #expect(project.packageNames == ["Parent", "Child"])
        #expect(project.packageFile(named: "Child") == "Child.sluice.json")
        #expect(project.packageFile(named: "Child.sluice.json") == "Child.sluice.json")
        #expect(project.packageFile(named: "child") == nil)
        let scope = ProjectScope(project: project, folder: "/p")
        #expect(try scope.packagePath(named: "Parent") == "/p/Parent.sluice.json")
        let error = try #require(throws: SluiceError.self) { try scope.packagePath(named: "Other") }
        #expect(error.message == .projectPackageNotFound)
        #expect(error.text.contains("Parent, Child"))
    }

    @Test func theEncodedSampleMatchesTheSchema() throws {
        let failures = try Self.projectSchema.get().validate(try document())
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The parameter and connection definitions are the package schema's, copied: a project
    /// file writes them exactly as a package file does.
    @Test func theSharedDefinitionsAreThePackageSchemasOwn() throws {
        let project = try #require(try RepositoryFiles.parse(RepositoryFiles.projectSchema).objectValue?["$defs"]?.objectValue)
        let package = try #require(try RepositoryFiles.parse(RepositoryFiles.schema).objectValue?["$defs"]?.objectValue)
        for (name, definition) in project.entries where name != "project" {
            #expect(package[name] == definition, "$defs/\(name) differs from the package schema's")
        }
    }

    @Test func loadingAMissingFolderOrFileIsProjectNotFound() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-none-\(UUID().uuidString)").path
        func message() -> SluiceMessage? {
            do { _ = try ProjectFile.load(fromFolder: folder) } catch let e as SluiceError { return e.message } catch {}
            return nil
        }
        #expect(message() == .projectNotFound)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(message() == .projectNotFound)
        try FileManager.default.createDirectory(atPath: ProjectFile.filePath(inFolder: folder), withIntermediateDirectories: true)
        let error = try #require(throws: SluiceError.self) { try ProjectFile.load(fromFolder: folder) }
        #expect(error.message == .projectUnreadable)
    }

    /// Each edit makes the sample invalid: the schema must object at `schemaAt`, and the
    /// decoder must refuse it with `message`.
    @Test(arguments: [
        ("/format", JSONValue.string("sluice.package"), "/format", SluiceMessage.projectFormatUnknown),
        ("/formatVersion", 2, "/formatVersion", .projectFormatUnknown),
        ("/project", nil, "", .projectFieldInvalid),
        ("/extra", 1, "/extra", .projectFieldInvalid),
        ("/project/name", nil, "/project", .projectFieldInvalid),
        ("/project/colour", "red", "/project/colour", .projectFieldInvalid),
        ("/project/id", "not-a-uuid", "/project/id", .projectFieldInvalid),
        ("/project/parameters/0/type", "DT_NOPE", "/project/parameters/0/type", .projectFieldInvalid),
        ("/project/parameters/1/value", 1.5, "/project/parameters/1", .projectFieldInvalid),
        ("/project/parameters/0/scope", "x", "/project/parameters/0/scope", .projectFieldInvalid),
        ("/project/connections/0/kind", nil, "/project/connections/0", .projectFieldInvalid),
        ("/project/connections/0/propertyExpressions", 3, "/project/connections/0/propertyExpressions", .projectFieldInvalid),
        ("/project/packages", "Parent.sluice.json", "/project/packages", .projectFieldInvalid),
        ("/project/packages/0", 7, "/project/packages/0", .projectFieldInvalid),
        ("/project/packages/0", "../Other.sluice.json", "/project/packages/0", .projectPackagePathInvalid),
        ("/project/packages/0", "sub/Other.sluice.json", "/project/packages/0", .projectPackagePathInvalid),
        ("/project/packages/0", "Other.dtsx", "/project/packages/0", .projectPackagePathInvalid),
        ("/project/packages/0", ".sluice.json", "/project/packages/0", .projectPackagePathInvalid),
    ] as [(String, JSONValue?, String, SluiceMessage)])
    func aMalformedProjectFileIsRejectedByTheSchemaAndByTheDecoderWithACode(
        _ pointer: String, _ value: JSONValue?, _ schemaAt: String, _ message: SluiceMessage
    ) throws {
        let edited = try #require(try document().setting(pointer, to: value))
        let failures = try Self.projectSchema.get().validate(edited)
        #expect(failures.contains { $0.instancePath == schemaAt }, "\(failures)")
        let error = try #require(throws: SluiceError.self) { try ProjectFile.decode(Array(JSONWriter.write(edited).utf8)) }
        #expect(error.message == message, "\(error)")
    }

    /// Names the schema cannot check: one namespace per kind (SSIS refuses two project
    /// parameters or two project connection managers of the same name).
    @Test(arguments: [
        ("/project/parameters/1/name", JSONValue.string("Region"), "parameter"),
        ("/project/packages/1", "Parent.sluice.json", "package"),
    ])
    func aDuplicateNameIsRefused(_ pointer: String, _ value: JSONValue, _ kind: String) throws {
        let edited = try #require(try document().setting(pointer, to: value))
        let error = try #require(throws: SluiceError.self) { try ProjectFile.decode(Array(JSONWriter.write(edited).utf8)) }
        #expect(error.message == .projectDuplicateName)
        #expect(error.inserts["kind"] == kind)
    }

    @Test func malformedJSONKeepsTheJSONCode() throws {
        let error = try #require(throws: SluiceError.self) { try ProjectFile.decode(Array("{\"format\": ".utf8)) }
        #expect(error.message == .jsonMalformed)
    }
}

/// A project never reaches outside its folder, and `--package X` names one package.
@Suite struct ProjectNameHardeningTests {
    private func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-proj-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aFileNameWinsOverAPackageNameAndAProjectNamingBothIsRefused() throws {
        var project = Project(name: "P")
        project.packages = ["A.sluice.json.sluice.json", "A.sluice.json"]
        #expect(project.packageFile(named: "A.sluice.json") == "A.sluice.json")
        let text = ProjectFile.encode(project)
        #expect(throws: SluiceError.self) { try ProjectFile.decode(Array(text.utf8)) }
    }

    @Test func aProjectBuiltInCodeCannotNameAPathOutsideItsFolder() throws {
        let dir = try folder()
        var project = Project(name: "P")
        project.packages = ["../../etc/passwd.sluice.json"]
        #expect(throws: SluiceError.self) { try ProjectFile.save(project, toFolder: dir) }
        #expect(throws: SluiceError.self) { try ProjectScope(project: project, folder: dir).packagePath(named: "../../etc/passwd") }
    }

    @Test func aSymbolicLinkLeadingOutsideTheFolderIsRefusedOneInsideIsNot() throws {
        let dir = try folder()
        let outside = try folder() + "/Secret.sluice.json"
        #expect(FileManager.default.createFile(atPath: outside, contents: Data("{}".utf8)))
        #expect(FileManager.default.createFile(atPath: dir + "/Real.sluice.json", contents: Data("{}".utf8)))
        try FileManager.default.createSymbolicLink(atPath: dir + "/Out.sluice.json", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: dir + "/In.sluice.json", withDestinationPath: "Real.sluice.json")
        var project = Project(name: "P")
        project.packages = ["Out.sluice.json", "In.sluice.json"]
        let scope = ProjectScope(project: project, folder: dir)
        do {
            _ = try scope.packagePath(named: "Out")
            Issue.record("a link leading outside the project was followed")
        } catch let error as SluiceError {
            #expect(error.code == SluiceMessage.projectPackagePathInvalid.code)
        }
        #expect(try scope.packagePath(named: "In") == dir + "/In.sluice.json")
    }
}

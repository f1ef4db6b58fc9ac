import Foundation
import SluiceArchive
import SluiceCatalogClient
import SluiceCore
import SluiceTestSupport
import Testing

/// Deploy and export move a real project archive (SluiceArchive's writer) over real HTTP as
/// `application/zip`, byte for byte, from bytes and from a `.sluiceproj` file.
@Suite struct CatalogClientArchiveTests {
    static func projectFolder() throws -> String {
        let folder = try BuildProducts.temporaryDirectory("client-archive").appendingPathComponent("warehouse")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var project = Project(name: "Warehouse")
        project.packages = ["Load.sluice.json"]
        try ProjectFile.encode(project).write(to: folder.appendingPathComponent("project.sluice.json"), atomically: true, encoding: .utf8)
        var package = Package(name: "Load")
        package.variables = [Variable("User::Note", type: .wstr, value: .string(String(repeating: "load ", count: 5000)))]
        try PackageFile.save(package, to: folder.appendingPathComponent("Load.sluice.json").path)
        return folder.path
    }

    @Test func deployThenExportGivesBackTheSameBytes() async throws {
        let folder = try Self.projectFolder()
        let archive = Data(try ProjectArchive.write(folder: folder))
        let file = folder + ".sluiceproj"
        try ProjectArchive.write(folder: folder, to: file)
        let (fromBytes, exported, fromFile, exportedFile) = try await ProblemServerFixture.withServer { url in
            let client = try CatalogClient(CatalogClientConfiguration(server: url, token: ProblemServerFixture.token))
            let deployed = try await client.deployProject(folder: "F", project: "Warehouse", archive: archive)
            let exported = try await client.exportProject(folder: "F", project: "Warehouse")
            let fromFile = try await client.deployProject(folder: "F", project: "FromFile", archiveFile: file)
            let exportedFile = try await client.exportProject(folder: "F", project: "FromFile")
            await client.close()
            return (deployed, exported, fromFile, exportedFile)
        }
        #expect(fromBytes.name == "Warehouse" && fromBytes.currentVersion.archiveBytes == Int64(archive.count))
        #expect(exported == archive)
        #expect(fromFile.name == "FromFile")
        #expect(exportedFile == (try Data(contentsOf: URL(fileURLWithPath: file))))
        // What came back is still a readable project archive.
        #expect(try ProjectArchive.read(Array(exported)).package(named: "Load").name == "Load")
    }

    @Test func deployingAFileThatCannotBeReadIsRefusedBeforeSending() async throws {
        let client = try CatalogClient(CatalogClientConfiguration(server: "http://127.0.0.1:9", token: "t"))
        defer { Task { await client.close() } }
        await #expect {
            _ = try await client.deployProject(folder: "F", project: "P", archiveFile: "/nonexistent/x.sluiceproj")
        } throws: { error in
            (error as? CatalogClientError)?.kind == .invalidInput
        }
    }
}

import Foundation
import SluiceArchive
import SluiceCore

/// Project archives with parameters, for the configuration tests: made as a user makes them,
/// a project folder on disk packed with `ProjectArchive.write`.
enum CatalogConfigurationFixture {
    /// The project's parameters: Region (DT_WSTR "emea", required), Retries (DT_I4 3).
    static let projectParameters = [
        Parameter("Region", type: .wstr, value: .string("emea"), required: true, description: "Where"),
        Parameter("Retries", type: .i4, value: .int(3)),
    ]
    /// Package Load's: BatchSize (DT_I4 100), Password (DT_WSTR, sensitive).
    static let loadParameters = [
        Parameter("BatchSize", type: .i4, value: .int(100)),
        Parameter("Password", type: .wstr, sensitive: true),
    ]

    static func archive(
        project: [Parameter] = projectParameters, load: [Parameter] = loadParameters, in directory: URL
    ) throws -> [UInt8] {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var file = Project(name: "Warehouse")
        file.parameters = project
        file.packages = ["Load.sluice.json", "Publish.sluice.json"]
        try ProjectFile.save(file, toFolder: folder.path)
        var loadPackage = Package(name: "Load")
        loadPackage.parameters = load
        try PackageFile.save(loadPackage, to: folder.appendingPathComponent("Load.sluice.json").path)
        try PackageFile.save(Package(name: "Publish"), to: folder.appendingPathComponent("Publish.sluice.json").path)
        return try ProjectArchive.write(folder: folder.path)
    }
}

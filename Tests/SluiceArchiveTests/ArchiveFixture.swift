import Foundation
import SluiceCore
import SluiceTestSupport

/// A small valid project: its file texts, and a folder holding them.
enum ArchiveFixture {
    static var projectText: [UInt8] {
        var project = Project(name: "Warehouse")
        project.parameters = [Parameter("Region", type: .wstr, value: .string("emea"))]
        project.packages = ["Load.sluice.json", "Publish.sluice.json"]
        return Array(ProjectFile.encode(project).utf8)
    }

    /// The same text for the same name (a new Package gets a new id each time).
    static func packageText(_ name: String) -> [UInt8] {
        var package = Package(name: name)
        package.id = UUID(uuid: (0x0F, 0x1E, 0x2D, 0x3C, 0x4B, 0x5A, 0x49, 0x78, 0x86, 0x95, 0xA4, 0xB3, 0xC2, 0xD1, 0xE0, name.count < 6 ? 0xF9 : 0xFA))
        package.variables = [Variable("User::Note", type: .wstr, value: .string(String(repeating: "\(name) ", count: 40)))]
        return Array(PackageFile.encode(package).utf8)
    }

    /// The valid archive's entries, stored: a hostile test changes one thing.
    static var entries: [RawZip.Entry] {
        [
            .stored(Array("project.sluice.json".utf8), projectText),
            .stored(Array("Load.sluice.json".utf8), packageText("Load")),
            .stored(Array("Publish.sluice.json".utf8), packageText("Publish")),
        ]
    }

    /// A project folder on disk.
    static func folder(in directory: URL, named name: String = "warehouse") throws -> String {
        let folder = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(projectText).write(to: folder.appendingPathComponent("project.sluice.json"))
        for package in ["Load", "Publish"] {
            try Data(packageText(package)).write(to: folder.appendingPathComponent("\(package).sluice.json"))
        }
        return folder.path
    }

    /// Every name in `directory`, sorted: what a refused read must leave as it was.
    static func listing(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }
}

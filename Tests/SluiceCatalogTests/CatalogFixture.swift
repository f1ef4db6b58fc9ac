import Foundation
import SluiceArchive
import SluiceCore
import SluiceTestSupport

/// Project archives for the catalog tests, made as a user makes them: a project folder on
/// disk, packed with `ProjectArchive.write`.
enum CatalogFixture {
    /// The archive of a project `name` with the packages `packages`, each with a description
    /// and a version (2.1.N, N its position), in a new folder under `directory`.
    static func archive(
        _ name: String = "Warehouse", packages: [String] = ["Load", "Publish"], description: String = "", in directory: URL
    ) throws -> [UInt8] {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var project = Project(name: name)
        project.description = description
        project.packages = packages.map { $0 + ".sluice.json" }
        try ProjectFile.save(project, toFolder: folder.path)
        for (position, packageName) in packages.enumerated() {
            var package = Package(name: packageName)
            package.description = "The \(packageName) package"
            package.metadata.versionMajor = 2
            package.metadata.versionMinor = 1
            package.metadata.versionBuild = position
            package.metadata.versionID = UUID()
            try PackageFile.save(package, to: folder.appendingPathComponent(packageName + ".sluice.json").path)
        }
        return try ProjectArchive.write(folder: folder.path)
    }

    /// An archive the reader accepts whose package `Broken` does not decode, listed after
    /// `Load`: a deploy fails after it has written Load's row.
    static var archiveWithBrokenPackage: [UInt8] {
        var project = Project(name: "Warehouse")
        project.packages = ["Load.sluice.json", "Broken.sluice.json"]
        return StoredZip.archive([
            ("project.sluice.json", Array(ProjectFile.encode(project).utf8)),
            ("Load.sluice.json", Array(PackageFile.encode(Package(name: "Load")).utf8)),
            ("Broken.sluice.json", Array("{ \"format\": \"sluice.package\", not json".utf8)),
        ])
    }

    /// A hostile archive: a valid project beside an entry that climbs out with `..`.
    static var hostileArchive: [UInt8] {
        var project = Project(name: "Warehouse")
        project.packages = ["Load.sluice.json"]
        return StoredZip.archive([
            ("project.sluice.json", Array(ProjectFile.encode(project).utf8)),
            ("Load.sluice.json", Array(PackageFile.encode(Package(name: "Load")).utf8)),
            ("../evil.sluice.json", Array(PackageFile.encode(Package(name: "Evil")).utf8)),
        ])
    }
}

/// A zip of stored entries, written field by field (APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16), for
/// archives `ProjectArchive.write` would never make.
enum StoredZip {
    static func archive(_ files: [(String, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, data) in files {
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            out += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
            out += nameBytes + data
            central += le32(0x0201_4B50) + le16(0x0314) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count))
            central += le16(0) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16) + le32(offset) + nameBytes
        }
        let start = UInt32(out.count)
        out += central
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(files.count)) + le16(UInt16(files.count))
        out += le32(UInt32(central.count)) + le32(start) + le16(0)
        return out
    }

    static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}

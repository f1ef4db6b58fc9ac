import Foundation
import SluiceArchive
import SluiceCore
import SluiceTestSupport
import Testing

/// Writing and reading archives of a valid project. A `.sluiceproj` is what SSIS's `.ispac` is
/// to a project (Microsoft, "Deploy Integration Services (SSIS) Projects and Packages": the
/// project deployment file holds the project's packages and parameters in one file).
@Suite struct ProjectArchiveRoundTripTests {
    @Test func theSameFolderGivesTheSameBytesWhateverTheFilesTimesAndOrder() throws {
        let directory = try BuildProducts.temporaryDirectory("archive")
        let first = try ArchiveFixture.folder(in: directory, named: "one")
        let bytes = try ProjectArchive.write(folder: first)
        #expect(try ProjectArchive.write(folder: first) == bytes)
        // Another folder, the same files written in another order a second later.
        Thread.sleep(forTimeInterval: 1.1)
        let second = directory.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: second, withIntermediateDirectories: true)
        for name in ["Publish.sluice.json", "project.sluice.json", "Load.sluice.json"] {
            try FileManager.default.copyItem(atPath: first + "/" + name, toPath: second.appendingPathComponent(name).path)
        }
        #expect(try ProjectArchive.write(folder: second.path) == bytes)
    }

    @Test func readingGivesBackTheProjectAndEachFileByteForByte() throws {
        let directory = try BuildProducts.temporaryDirectory("archive")
        let folder = try ArchiveFixture.folder(in: directory)
        let file = directory.appendingPathComponent("warehouse.sluiceproj").path
        try ProjectArchive.write(folder: folder, to: file)
        let contents = try ProjectArchive.read(fromFile: file)
        #expect(contents.project == (try ProjectFile.load(fromFolder: folder)))
        #expect(contents.files.keys.sorted() == ["Load.sluice.json", "Publish.sluice.json", "project.sluice.json"])
        for (name, bytes) in contents.files {
            #expect(bytes == Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))), "\(name)")
        }
        #expect(try contents.package(named: "Load").name == "Load")
    }

    /// Files in the folder that the project does not list stay out of the archive.
    @Test func onlyTheProjectFileAndItsListedPackagesArePacked() throws {
        let directory = try BuildProducts.temporaryDirectory("archive")
        let folder = try ArchiveFixture.folder(in: directory)
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        try Data(ArchiveFixture.packageText("Stray")).write(to: URL(fileURLWithPath: folder + "/Stray.sluice.json"))
        let contents = try ProjectArchive.read(try ProjectArchive.write(folder: folder))
        #expect(contents.files.keys.sorted() == ["Load.sluice.json", "Publish.sluice.json", "project.sluice.json"])
    }

    @Test func aProjectThatDoesNotLoadIsNotPacked() throws {
        let directory = try BuildProducts.temporaryDirectory("archive")
        let folder = try ArchiveFixture.folder(in: directory)
        try Data("{ not json".utf8).write(to: URL(fileURLWithPath: folder + "/Publish.sluice.json"))
        #expect(throws: SluiceError.self) { try ProjectArchive.write(folder: folder) }
        try FileManager.default.removeItem(atPath: folder + "/Publish.sluice.json")
        let missing = #expect(throws: SluiceError.self) { try ProjectArchive.write(folder: folder) }
        #expect(missing?.message == .packageNotFound)
        let none = #expect(throws: SluiceError.self) { try ProjectArchive.write(folder: directory.path) }
        #expect(none?.message == .projectNotFound)
    }

    /// The extracted folder is private (0700, as mkdtemp makes it), holds exactly the archive's
    /// files, and is gone after remove().
    @Test func extractingMakesAPrivateFolderThatRemoveDeletes() throws {
        let directory = try BuildProducts.temporaryDirectory("archive")
        let parent = directory.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let contents = try ProjectArchive.read(try ProjectArchive.write(folder: try ArchiveFixture.folder(in: directory)))
        let extracted = try contents.extract(under: parent.path)
        #expect(extracted.folder.hasPrefix(parent.path + "/sluice-project-"))
        let mode = try FileManager.default.attributesOfItem(atPath: extracted.folder)[.posixPermissions] as? Int
        #expect(mode == 0o700)
        #expect(try ArchiveFixture.listing(URL(fileURLWithPath: extracted.folder)) == contents.files.keys.sorted())
        #expect(try extracted.scope.loadPackage(named: "Publish").package.name == "Publish")
        // A file a run leaves in the folder goes with it.
        try Data("left".utf8).write(to: URL(fileURLWithPath: extracted.folder + "/left.txt"))
        extracted.remove()
        extracted.remove()
        #expect(try ArchiveFixture.listing(parent) == [])
    }

    /// A zip written by another tool reads too: deflated entries, a comment that holds an end
    /// record's signature (the reader takes the record whose comment reaches the file's end).
    @Test func aDeflatedArchiveWithACommentReads() throws {
        var zip = RawZip(entries: [
            .deflated("project.sluice.json", ArchiveFixture.projectText),
            .deflated("Load.sluice.json", ArchiveFixture.packageText("Load")),
            .deflated("Publish.sluice.json", ArchiveFixture.packageText("Publish")),
        ])
        zip.comment = Array("PK\u{05}\u{06} not the record".utf8)
        let contents = try ProjectArchive.read(zip.bytes)
        #expect(contents.files["Load.sluice.json"] == ArchiveFixture.packageText("Load"))
    }

    /// A streaming writer's entries: zeros in the local header, CRC and sizes in a data
    /// descriptor after the data (APPNOTE 4.3.9, general purpose bit 3). The central directory's
    /// values are used; the inflated bytes are still counted and checked against them.
    @Test func entriesWithDataDescriptorsRead() throws {
        var entries = [
            RawZip.Entry.deflated("project.sluice.json", ArchiveFixture.projectText),
            .deflated("Load.sluice.json", ArchiveFixture.packageText("Load")),
            .stored(Array("Publish.sluice.json".utf8), ArchiveFixture.packageText("Publish")),
        ]
        for index in entries.indices { entries[index].dataDescriptor = true }
        let contents = try ProjectArchive.read(RawZip(entries: entries).bytes)
        #expect(contents.files["Publish.sluice.json"] == ArchiveFixture.packageText("Publish"))
        entries[1].crc ^= 0xFF
        let error = #expect(throws: SluiceError.self) { try ProjectArchive.read(RawZip(entries: entries).bytes) }
        #expect(error?.message == .archiveCRCMismatch)
    }
}

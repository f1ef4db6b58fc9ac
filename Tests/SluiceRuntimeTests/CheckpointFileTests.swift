import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// The files a checkpoint may not be: refused with a code before anything runs, and left
/// exactly as they were.
@Suite struct CheckpointFileTests {
    private func package(checkpoint: String, usage: CheckpointSettings.Usage = .ifExists) -> Package {
        var p = Package(name: "Guarded", id: UUID(uuidString: "00000000-0000-4000-8000-0000000000AB")!)
        p.checkpoint = CheckpointSettings(fileName: checkpoint, usage: usage)
        p.executables = [RuntimeFixture.record("A")]
        return p
    }

    /// Runs `p` and expects it refused with `message` before A ran.
    private func expectRefused(_ p: Package, _ message: SluiceMessage, options: RunOptions = RunOptions(), _ comment: Comment? = nil) throws {
        let f = try RuntimeFixture()
        let r = f.run(p, options)
        #expect(r.result == .failure, comment)
        #expect(f.errorCodes == [message.code], comment)
        #expect(f.log.entries.isEmpty, "nothing ran")
        #expect(r.errors.first?.message.contains(p.checkpoint!.fileName) == true, "the message names the file")
    }

    private func bytesAndTime(_ path: String) throws -> (Data, Date) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (try Data(contentsOf: URL(fileURLWithPath: path)), attributes[.modificationDate] as! Date)
    }

    @Test func thePackageFileIsRefusedByAnyNameForIt() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let packageFile = dir.appendingPathComponent("p.sluice.json").path
        var p = package(checkpoint: packageFile)
        try PackageFile.save(p, to: packageFile)
        let before = try bytesAndTime(packageFile)
        let link = dir.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: packageFile)
        let hard = dir.appendingPathComponent("hard").path
        try FileManager.default.linkItem(atPath: packageFile, toPath: hard)
        try FileManager.default.createDirectory(atPath: dir.appendingPathComponent("sub").path, withIntermediateDirectories: false)
        for name in [packageFile, link, hard, dir.appendingPathComponent("sub/../p.sluice.json").path] {
            p.checkpoint = CheckpointSettings(fileName: name)
            try expectRefused(p, .checkpointFileConflict, options: RunOptions(packageFile: packageFile), "\(name)")
        }
        let after = try bytesAndTime(packageFile)
        #expect(after.0 == before.0 && after.1 == before.1, "the package file is untouched")
    }

    @Test func filesTheRunUsesAreRefused() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let path = dir.appendingPathComponent("shared.file").path
        // A log file (not created yet: it would be made at validation).
        var logged = package(checkpoint: path)
        logged.logProviders = [LogProvider("Log", kind: "sluice.log.text", path: path)]
        try expectRefused(logged, .checkpointFileConflict)
        #expect(!FileManager.default.fileExists(atPath: path))
        // A connection's database.
        var connected = package(checkpoint: path)
        connected.connections = [ConnectionManager("DB", kind: "sluice.sqlite", connectionString: path)]
        try expectRefused(connected, .checkpointFileConflict)
        // A file a task copies to, named through a different path.
        var copying = package(checkpoint: path)
        copying.executables.append(.task("Copy", component: "sluice.fileSystem", properties: [
            ("operation", "copyFile"), ("source", "/etc/hostname"), ("destination", .string(dir.path + "/./shared.file")),
        ]))
        try expectRefused(copying, .checkpointFileConflict)
        // A child package (an existing file: compared by device and inode).
        let child = dir.appendingPathComponent("child.sluice.json").path
        try PackageFile.save(Package(name: "Child"), to: child)
        let childBytes = try bytesAndTime(child)
        var parent = package(checkpoint: dir.path + "/../" + dir.lastPathComponent + "/child.sluice.json")
        parent.executables.append(.task("Run child", component: "sluice.executePackage", properties: [("packagePath", .string(child))]))
        try expectRefused(parent, .checkpointFileConflict)
        let childAfter = try bytesAndTime(child)
        #expect(childAfter.0 == childBytes.0 && childAfter.1 == childBytes.1)
        // --conn names it.
        var overridden = package(checkpoint: path)
        overridden.connections = [ConnectionManager("DB", kind: "sluice.sqlite", connectionString: "other.db")]
        try expectRefused(overridden, .checkpointFileConflict, options: RunOptions(connectionStrings: ["DB": path]))
    }

    @Test func validationRefusesItToo() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        var p = package(checkpoint: dir.path)
        let f = try RuntimeFixture()
        #expect(f.validate(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.checkpointNotRegularFile.code])
        p.checkpoint = CheckpointSettings(fileName: dir.appendingPathComponent("fine.ckpt").path, usage: .always)
        #expect(try RuntimeFixture().validate(p).result == .success, "a missing file is a run's concern, not validation's")
    }

    @Test func whatIsNotARegularFileIsRefused() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let fifo = dir.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let dangling = dir.appendingPathComponent("dangling").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: dir.appendingPathComponent("nowhere").path)
        for name in [dir.path, dir.path + "/", fifo, "/dev/null", dangling] {
            try expectRefused(package(checkpoint: name), .checkpointNotRegularFile, "\(name)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nowhere").path))
    }

    @Test func aFileThatIsNotACheckpointIsNeverOverwrittenOrRemoved() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let path = dir.appendingPathComponent("notes.txt").path
        for content in ["precious data\n", "", "{\"format\": \"sluice.package\"}\n"] {
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            let before = try bytesAndTime(path)
            for usage in CheckpointSettings.Usage.allCases {
                try expectRefused(package(checkpoint: path, usage: usage), .checkpointForeignFile, "\(usage) \(content)")
            }
            let after = try bytesAndTime(path)
            #expect(after.0 == before.0 && after.1 == before.1)
        }
    }

    @Test func aCheckpointOfAnOlderFormatIsRefusedUnlessUsageIsNever() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let path = dir.appendingPathComponent("old.ckpt").path
        let old = """
            {
              "format": "sluice.checkpoint",
              "formatVersion": 1,
              "packageId": "00000000-0000-4000-8000-0000000000AB",
              "completed": ["\\\\Package\\\\A"],
              "variables": []
            }

            """
        try old.write(toFile: path, atomically: true, encoding: .utf8)
        try expectRefused(package(checkpoint: path), .checkpointFormatVersion)
        let f = try RuntimeFixture()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == old)
        #expect(f.run(package(checkpoint: path, usage: .never)).result == .success, "Never starts afresh over an old checkpoint")
        #expect(f.log.entries == ["A"])
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aMissingDirectoryIsReportedBeforeAnythingRuns() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        try expectRefused(package(checkpoint: dir.appendingPathComponent("no/such/run.ckpt").path), .checkpointUnwritable)
    }

    @Test func aCheckpointInUseByAnotherRunIsRefused() throws {
        let dir = try BuildProducts.temporaryDirectory("ckpt")
        let path = dir.appendingPathComponent("run.ckpt").path
        var failing = package(checkpoint: path)
        failing.executables.append(RuntimeFixture.fail("B"))
        failing.connect("A", to: "B")
        _ = try RuntimeFixture().run(failing)
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        try expectRefused(package(checkpoint: path), .checkpointLocked)
    }
}

import Foundation
import SluiceCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What loading says about a path that is not a readable regular file: "not found" only when
/// nothing is there (ENOENT); every other case names what is wrong.
@Suite struct PackageFileReadingTests {
    private func loadError(_ path: String) throws -> SluiceError {
        try #require(throws: SluiceError.self) { try PackageFile.load(from: path) }
    }

    @Test func aDirectoryIsNotAFile() throws {
        try withTemporaryDirectory { dir in
            let error = try loadError(dir.path)
            #expect(error.message == .packageUnreadable)
            #expect(error.text.hasSuffix("it is a directory, not a file"))
        }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        try withTemporaryDirectory { dir in
            let fifo = dir.appendingPathComponent("package.sluice.json").path
            #expect(mkfifo(fifo, 0o600) == 0)
            // Opened for reading without O_NONBLOCK, this would wait for a writer for ever.
            let error = try loadError(fifo)
            #expect(error.message == .packageUnreadable)
            #expect(error.text.contains("FIFO"))
        }
    }

    @Test func devNullIsACharacterDeviceNotAPackage() throws {
        let error = try loadError("/dev/null")
        #expect(error.message == .packageUnreadable)
        #expect(error.text.hasSuffix("it is a character device, not a regular file"))
    }

    @Test func aPathThroughAFileIsNotReportedAsMissing() throws {
        try withTemporaryDirectory { dir in
            let file = dir.appendingPathComponent("plain")
            try Data("x".utf8).write(to: file)
            let error = try loadError(file.appendingPathComponent("package.sluice.json").path)
            #expect(error.message == .packageUnreadable)
            #expect(error.text.contains("ENOTDIR"))
        }
    }

    @Test func aFileInAMissingDirectoryIsNotFound() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("missing/package.sluice.json").path
            let error = try loadError(path)
            #expect(error.message == .packageNotFound)
        }
    }

    // Root reads through any permission; the CLI tests check this case as an unprivileged user.
    @Test(.disabled(if: getuid() == 0, "root is not refused by permissions"))
    func aFileBehindAnUnreadableDirectoryIsPermissionDeniedNotMissing() throws {
        try withTemporaryDirectory { dir in
            let locked = dir.appendingPathComponent("locked")
            try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
            let path = locked.appendingPathComponent("package.sluice.json").path
            try PackageFile.save(Package(name: "P"), to: path)
            #expect(chmod(locked.path, 0o000) == 0)
            defer { chmod(locked.path, 0o700) }
            let error = try loadError(path)
            #expect(error.message == .packageUnreadable)
            #expect(error.text.contains("EACCES"))
        }
    }

    @Test func aRegularFileStillLoads() throws {
        try withTemporaryDirectory { dir in
            let path = dir.appendingPathComponent("p.sluice.json").path
            try PackageFile.save(Package(name: "Readable"), to: path)
            #expect(try PackageFile.load(from: path).name == "Readable")
        }
    }
}

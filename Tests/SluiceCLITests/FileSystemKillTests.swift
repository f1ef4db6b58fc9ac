import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// A `sluice` run killed with SIGKILL while the File System task replaces a directory: the
/// destination is whole (the old copy or the new one, never a mix or nothing), the source is
/// intact, and the only other names beside the destination are the documented temporary ones
/// (docs/file-operations.md).
@Suite struct FileSystemKillTests {
    static let fileCount = 48
    static let fileSize = 1 << 20

    /// `src` with many 1 MiB files (a copy slow enough to be caught) and `dst/src` with old data.
    private func prepare(_ f: CLIFixture, destinationParent: URL) throws -> (source: URL, target: URL) {
        let source = f.directory.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        for i in 0..<Self.fileCount {
            try Data(repeating: UInt8(i), count: Self.fileSize).write(to: source.appendingPathComponent("f\(i).bin"))
        }
        let target = destinationParent.appendingPathComponent("src")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: target.appendingPathComponent("old.txt"))
        return (source, target)
    }

    private func package(_ operation: String, source: URL, destination: URL) -> Package {
        var p = Package(name: "Replace")
        p.executables = [.task("Replace", component: "sluice.fileSystem", properties: [
            ("operation", .string(operation)), ("source", .string(source.path)),
            ("destination", .string(destination.path)), ("overwriteDestination", true),
        ])]
        return p
    }

    /// Starts `sluice run`, and kills it with SIGKILL as soon as a temporary copy appears in
    /// `watched` (or lets it finish, should it be quicker than the poll).
    private func runAndKill(_ f: CLIFixture, _ package: Package, watching watched: URL) throws {
        let process = try SpawnedProcess(BuildProducts.sluice, ["run", try f.save(package)], environment: ["SLUICE_DEFAULT_PLUGIN_DIR": "none"])
        while process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: watched.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".src.sluice-new-") }) {
                kill(process.processIdentifier, SIGKILL)
                break
            }
        }
        process.blockingWait()
    }

    /// The destination holds exactly the old data or exactly the new; the rest are temporaries.
    private func expectWhole(_ target: URL, source: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: target.path).sorted()
        if names == ["old.txt"] {
            #expect(try Data(contentsOf: target.appendingPathComponent("old.txt")) == Data("old".utf8), sourceLocation: sourceLocation)
        } else {
            #expect(names == (0..<Self.fileCount).map { "f\($0).bin" }.sorted(), "a mix: \(names)", sourceLocation: sourceLocation)
            for i in 0..<Self.fileCount {
                let data = try Data(contentsOf: target.appendingPathComponent("f\(i).bin"))
                #expect(data == Data(repeating: UInt8(i), count: Self.fileSize), "f\(i).bin is partial", sourceLocation: sourceLocation)
            }
        }
        let beside = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        for name in beside where name != "src" {
            #expect(name.hasPrefix(".src.sluice-new-") || name.hasPrefix(".src.sluice-old-"), "unexpected \(name)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func aCopyKilledMidwayLeavesTheOldDestinationAndTheSourceWhole() throws {
        let f = try CLIFixture()
        let destination = f.directory.appendingPathComponent("dst")
        let (source, target) = try prepare(f, destinationParent: destination)
        try runAndKill(f, package("copyDirectory", source: source, destination: destination), watching: destination)
        try expectWhole(target, source: source)
        #expect(try FileManager.default.contentsOfDirectory(atPath: source.path).count == Self.fileCount)
        // A rerun completes; the killed run's temporary copy stays, under its documented name.
        let rerun = try f.sluice(["run", try f.save(package("copyDirectory", source: source, destination: destination))])
        #expect(rerun.status == 0, "\(rerun.transcript)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).count == Self.fileCount)
        try expectWhole(target, source: source)
    }

    @Test(.enabled(if: TemporaryShm.isAnotherFileSystem, "needs /dev/shm on another file system than the temporary directory"))
    func aMoveAcrossFileSystemsKilledMidwayKeepsTheSource() throws {
        let other = try TemporaryShm()
        let f = try CLIFixture()
        let (source, target) = try prepare(f, destinationParent: other.url)
        try runAndKill(f, package("moveDirectory", source: source, destination: other.url), watching: other.url)
        try expectWhole(target, source: source)
        // Killed before the source was removed, or after: never a source with files missing
        // while the destination lacks them.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? []
        let arrived = try FileManager.default.contentsOfDirectory(atPath: target.path).contains("f0.bin")
        #expect(left.count == Self.fileCount || arrived, "source has \(left.count) files and the destination none")
    }
}

/// A directory on /dev/shm (another file system than the temporary directory), removed after.
private final class TemporaryShm {
    let url: URL
    init() throws {
        url = URL(fileURLWithPath: "/dev/shm/sluice-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    static let isAnotherFileSystem: Bool = {
        func device(_ path: String) -> UInt64? {
            var info = stat()
            return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
        }
        guard let shm = device("/dev/shm"), let temporary = device(NSTemporaryDirectory()) else { return false }
        return shm != temporary
    }()
}

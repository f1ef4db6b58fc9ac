import Foundation
import SluiceComponents
import SluiceCore
import Testing

/// The File System task against hostile paths: a destination that is the source, holds it or
/// lies inside it (spelt through `..`, symbolic links and hard links), and copies that fail
/// half-way. After every refusal the source's data must still be there, and nothing may be
/// left beside the destination.
@Suite struct FileSystemOverlapTests {
    let directory: TemporaryDirectory
    let context = InMemoryTaskContext()

    init() throws { directory = try TemporaryDirectory() }

    /// Runs one operation; paths are relative to the temporary directory and joined as written
    /// (no `..` is folded away).
    @discardableResult
    private func run(_ operation: String, _ source: String, _ destination: String, overwrite: Bool = true) throws
        -> TaskOutcome
    {
        try FileSystemTask.make([
            "operation": .string(operation), "source": .string(directory.path + "/" + source),
            "destination": .string(directory.path + "/" + destination), "overwriteDestination": .bool(overwrite),
        ]).execute(in: context)
    }

    private func refusal(
        _ operation: String, _ source: String, _ destination: String, overwrite: Bool = true,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SluiceError? {
        #expect(throws: SluiceError.self, sourceLocation: sourceLocation) {
            try run(operation, source, destination, overwrite: overwrite)
        }
    }

    private func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: directory.file(name), withDestinationPath: target)
    }

    /// Every name under `name`, recursively, sorted (to prove nothing was added or removed).
    private func tree(_ name: String = ".") -> [String] {
        (FileManager.default.subpaths(atPath: directory.file(name)) ?? []).sorted()
    }

    // MARK: a destination that holds the source

    @Test(arguments: ["moveDirectory", "copyDirectory"])
    func theSourcesOwnParentAsDestinationIsRefused(operation: String) throws {
        // x/x into "." means "replace ./x with x/x": deleting ./x first would delete the source.
        try directory.write("keep", to: "x/x/data.txt")
        let before = tree()
        let error = refusal(operation, "x/x", ".")
        #expect(error?.message == .filePathsOverlap)
        #expect(error?.inserts["reason"]?.contains("contains the source") == true)
        #expect(directory.read("x/x/data.txt") == "keep")
        #expect(tree() == before)
    }

    @Test func aDestinationThatIsALinkToTheSourcesParentIsRefused() throws {
        try directory.write("keep", to: "data/set/a.txt")
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
        try link("out/set", to: "../data")
        let error = refusal("moveDirectory", "data/set", "out")
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("data/set/a.txt") == "keep")
        #expect(directory.read("out/set/set/a.txt") == "keep")
    }

    // MARK: the same directory spelt differently

    @Test(arguments: ["moveDirectory", "copyDirectory"])
    func theSameDirectoryThroughASymlinkAndDotDotIsRefused(operation: String) throws {
        // From work/: ../other/d → link/.. where link → ../other/d. link/.. is other/ (the
        // parent of the link's target), so the target other/d is the source itself; folding
        // the `..` as text would say work/d instead.
        try directory.write("keep", to: "other/d/data.txt")
        try FileManager.default.createDirectory(atPath: directory.file("work"), withIntermediateDirectories: true)
        try link("work/link", to: "../other/d")
        let before = tree()
        let error = refusal(operation, "work/../other/d", "work/link/..")
        #expect(error?.message == .filePathsOverlap)
        #expect(error?.inserts["reason"]?.contains("is the source directory itself") == true)
        #expect(directory.read("other/d/data.txt") == "keep")
        #expect(tree() == before)
    }

    @Test(arguments: ["moveDirectory", "copyDirectory"])
    func aSourceWrittenAsDotIsRecognisedToo(operation: String) throws {
        try directory.write("keep", to: "d/data.txt")
        let error = refusal(operation, "d/.", ".")
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("d/data.txt") == "keep")
    }

    // MARK: a destination inside the source

    @Test(arguments: ["moveDirectory", "copyDirectory"])
    func aDestinationInsideTheSourceIsRefused(operation: String) throws {
        try directory.write("keep", to: "src/sub/data.txt")
        let error = refusal(operation, "src", "src/sub", overwrite: false)
        #expect(error?.message == .filePathsOverlap)
        #expect(error?.inserts["reason"]?.contains("inside the source") == true)
        #expect(tree("src") == ["sub", "sub/data.txt"])
    }

    @Test(arguments: ["moveDirectory", "copyDirectory"])
    func aDestinationInsideTheSourceThroughALinkIsRefused(operation: String) throws {
        try directory.write("keep", to: "src/data.txt")
        try link("alias", to: "src")
        let error = refusal(operation, "src", "alias/new")
        #expect(error?.message == .filePathsOverlap)
        #expect(tree("src") == ["data.txt"])
    }

    // MARK: the same file under another name

    @Test(arguments: ["copyFile", "moveFile", "renameFile"])
    func theSameFileThroughAHardLinkIsRefused(operation: String) throws {
        try directory.write("keep", to: "a.txt")
        try FileManager.default.linkItem(atPath: directory.file("a.txt"), toPath: directory.file("b.txt"))
        let error = refusal(operation, "a.txt", "b.txt")
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("a.txt") == "keep")
        #expect(directory.read("b.txt") == "keep")
    }

    @Test(arguments: ["copyFile", "moveFile", "renameFile"])
    func aLinkOntoTheFileItPointsAtIsRefused(operation: String) throws {
        // Moving link.txt over a.txt would replace the data with a link to itself.
        try directory.write("keep", to: "a.txt")
        try link("link.txt", to: "a.txt")
        let error = refusal(operation, "link.txt", "a.txt")
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("a.txt") == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.file("link.txt")) == "a.txt")
    }

    @Test func aFileOntoALinkToItselfIsRefused() throws {
        try directory.write("keep", to: "a.txt")
        try link("link.txt", to: "a.txt")
        let error = refusal("copyFile", "a.txt", "link.txt")
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("a.txt") == "keep")
    }

    @Test func overlapIsRefusedEvenWithoutOverwrite() throws {
        try directory.write("keep", to: "a.txt")
        let error = refusal("moveFile", "a.txt", "a.txt", overwrite: false)
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("a.txt") == "keep")
    }

    // MARK: copies that fail half-way

    @Test func aCopyThatFailsHalfWayLeavesTheOldDestinationIntact() throws {
        try directory.write("new", to: "src/a.txt")
        #expect(mkfifo(directory.file("src/b.pipe"), 0o600) == 0)  // refused, never opened (it would block)
        try directory.write("new", to: "src/c.txt")
        try directory.write("old", to: "dst/src/old.txt")
        let error = refusal("copyDirectory", "src", "dst")
        #expect(error?.message == .fileKindUnsupported)
        #expect(error?.inserts["kind"] == "FIFO")
        #expect(tree("dst") == ["src", "src/old.txt"])
        #expect(directory.read("dst/src/old.txt") == "old")
    }

    @Test(.enabled(if: getuid() != 0, "root reads files whatever their mode"))
    func anUnreadableFileStopsTheCopyAndKeepsTheOldDestination() throws {
        try directory.write("new", to: "src/a.txt")
        let secret = try directory.write("new", to: "src/secret.txt")
        #expect(chmod(secret, 0) == 0)
        defer { chmod(secret, 0o600) }
        try directory.write("old", to: "dst/src/old.txt")
        let error = refusal("copyDirectory", "src", "dst")
        #expect(error?.message == .fileOperationFailed)
        #expect(tree("dst") == ["src", "src/old.txt"])
    }

    @Test(.enabled(if: secondFileSystemAvailable, "needs /dev/shm on another file system than the temporary directory"))
    func aFailedMoveAcrossFileSystemsKeepsTheSource() throws {
        let other = try TemporaryDirectory(under: "/dev/shm")
        try directory.write("keep", to: "src/a.txt")
        #expect(mkfifo(directory.file("src/b.pipe"), 0o600) == 0)
        let task = try FileSystemTask.make([
            "operation": .string("moveDirectory"), "source": .string(directory.file("src")),
            "destination": .string(other.file("src")),
        ])
        #expect(throws: SluiceError.self) { try task.execute(in: context) }
        #expect(directory.read("src/a.txt") == "keep")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: other.path)) == [])
    }

    // MARK: replacing safely

    @Test func replacingADirectoryNeverFollowsLinksInsideTheOldOne() throws {
        try directory.write("precious", to: "outside/keep.txt")
        try directory.write("new", to: "src/a.txt")
        try directory.write("old", to: "dst/src/old.txt")
        try link("dst/src/escape", to: "../../outside")
        try run("copyDirectory", "src", "dst")
        #expect(tree("dst") == ["src", "src/a.txt"])
        #expect(directory.read("outside/keep.txt") == "precious")
    }

    @Test func aLinkLoopInsideTheSourceIsCopiedAsALink() throws {
        try directory.write("data", to: "src/a.txt")
        try link("src/loop", to: ".")
        try run("copyDirectory", "src", "dst")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.file("dst/loop")) == ".")
        #expect(directory.read("dst/a.txt") == "data")
    }

    @Test func aCopyKeepsPermissionsAndModificationTimes() throws {
        let file = try directory.write("x", to: "src/run.sh")
        let stamp = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.posixPermissions: 0o750, .modificationDate: stamp], ofItemAtPath: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.file("src"))
        defer {
            for name in ["src", "dst"] {
                try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.file(name))
            }
        }
        try run("copyDirectory", "src", "dst", overwrite: false)
        let copied = try FileManager.default.attributesOfItem(atPath: directory.file("dst/run.sh"))
        #expect(copied[.posixPermissions] as? Int == 0o750)
        #expect(copied[.modificationDate] as? Date == stamp)
        let folder = try FileManager.default.attributesOfItem(atPath: directory.file("dst"))
        #expect(folder[.posixPermissions] as? Int == 0o555)
    }

    @Test(.enabled(if: secondFileSystemAvailable, "needs /dev/shm on another file system than the temporary directory"))
    func aMoveIntoAnotherFileSystemReplacesTheTarget() throws {
        let other = try TemporaryDirectory(under: "/dev/shm")
        try directory.write("new", to: "src/a.txt")
        try other.write("old", to: "src/old.txt")
        let task = try FileSystemTask.make([
            "operation": .string("moveDirectory"), "source": .string(directory.file("src")),
            "destination": .string(other.path), "overwriteDestination": .bool(true),
        ])
        _ = try task.execute(in: context)
        #expect(!directory.exists("src"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: other.path)) == ["src"])
        #expect(other.read("src/a.txt") == "new")
        #expect(!other.exists("src/old.txt"))
    }
}

/// True when /dev/shm exists on another file system than the temporary directory, so a move
/// between them takes the copy path (rename(2) fails with EXDEV).
let secondFileSystemAvailable: Bool = {
    func device(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
    }
    guard let shm = device("/dev/shm"), let temporary = device(NSTemporaryDirectory()) else { return false }
    return shm != temporary
}()

import Foundation
import SluiceComponents
import SluiceCore
import Testing

@Suite struct FileSystemTests {
    let directory: TemporaryDirectory
    let context = InMemoryTaskContext()

    init() throws { directory = try TemporaryDirectory() }

    /// Runs one operation with literal paths (names inside the temporary directory).
    @discardableResult
    private func run(
        _ operation: String, _ source: String, _ destination: String? = nil, overwrite: Bool = false
    ) throws -> TaskOutcome {
        var values: [String: JSONValue] = [
            "operation": .string(operation), "source": .string(directory.file(source)),
            "overwriteDestination": .bool(overwrite),
        ]
        if let destination { values["destination"] = .string(directory.file(destination)) }
        return try FileSystemTask.make(values).execute(in: context)
    }

    /// The error `body` throws, which must be a ``SluiceError``.
    private func failure(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) -> SluiceError? {
        #expect(throws: SluiceError.self, sourceLocation: sourceLocation) { try body() }
    }

    private func contents(_ name: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.file(name)).sorted()
    }

    // MARK: copyFile

    @Test func copyFileCopiesToANewPath() throws {
        try directory.write("data", to: "a.txt")
        let outcome = try run("copyFile", "a.txt", "b.txt")
        #expect(directory.read("a.txt") == "data")
        #expect(directory.read("b.txt") == "data")
        #expect(outcome == .success(.string(directory.file("b.txt"))))
        #expect(context.informationMessages.contains { $0.contains("Copied file") })
    }

    @Test func copyFileIntoAnExistingDirectoryPutsTheFileInside() throws {
        try directory.write("data", to: "a.txt")
        try directory.write("", to: "out/keep")
        try run("copyFile", "a.txt", "out")
        #expect(directory.read("out/a.txt") == "data")
    }

    @Test func copyFileRefusesAnExistingDestinationWithoutOverwrite() throws {
        try directory.write("new", to: "a.txt")
        try directory.write("old", to: "b.txt")
        let error = failure { try run("copyFile", "a.txt", "b.txt") }
        #expect(error?.message == .fileDestinationExists)
        #expect(directory.read("b.txt") == "old")
    }

    @Test func copyFileReplacesAnExistingFileWithOverwrite() throws {
        try directory.write("new", to: "a.txt")
        try directory.write("old", to: "b.txt")
        try run("copyFile", "a.txt", "b.txt", overwrite: true)
        #expect(directory.read("b.txt") == "new")
        // The staging copy was renamed into place, not left behind.
        #expect(try contents(".") == ["a.txt", "b.txt"])
    }

    @Test func copyFileNeverReplacesADirectoryWithAFile() throws {
        try directory.write("data", to: "a.txt")
        try directory.write("", to: "out/a.txt/inner")
        let error = failure { try run("copyFile", "a.txt", "out", overwrite: true) }
        #expect(error?.message == .fileOperationFailed)
        #expect(directory.isDirectory("out/a.txt"))
    }

    @Test func copyFileOfAMissingSourceFails() throws {
        let error = failure { try run("copyFile", "missing.txt", "b.txt") }
        #expect(error?.message == .fileSourceMissing)
    }

    @Test func copyFileOfADirectoryFails() throws {
        try directory.write("", to: "folder/x")
        let error = failure { try run("copyFile", "folder", "copy") }
        #expect(error?.message == .fileOperationFailed)
        #expect(!directory.exists("copy"))
    }

    @Test func copyFileOntoItselfFailsEvenWithOverwrite() throws {
        try directory.write("data", to: "a.txt")
        let error = failure { try run("copyFile", "a.txt", "a.txt", overwrite: true) }
        #expect(error?.message == .filePathsOverlap)
        #expect(directory.read("a.txt") == "data")
    }

    // MARK: moveFile and renameFile

    @Test func moveFileMovesIntoAnExistingDirectory() throws {
        try directory.write("data", to: "a.txt")
        try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
        let outcome = try run("moveFile", "a.txt", "out")
        #expect(!directory.exists("a.txt"))
        #expect(directory.read("out/a.txt") == "data")
        #expect(outcome == .success(.string(directory.file("out/a.txt"))))
    }

    @Test func moveFileRefusesAnExistingDestinationWithoutOverwrite() throws {
        try directory.write("new", to: "a.txt")
        try directory.write("old", to: "b.txt")
        let error = failure { try run("moveFile", "a.txt", "b.txt") }
        #expect(error?.message == .fileDestinationExists)
        #expect(directory.read("a.txt") == "new")
        #expect(directory.read("b.txt") == "old")
    }

    @Test func moveFileReplacesAnExistingFileWithOverwrite() throws {
        try directory.write("new", to: "a.txt")
        try directory.write("old", to: "b.txt")
        try run("moveFile", "a.txt", "b.txt", overwrite: true)
        #expect(!directory.exists("a.txt"))
        #expect(directory.read("b.txt") == "new")
    }

    @Test func renameFileTakesARelativeNameFromTheSourcesDirectory() throws {
        try directory.write("data", to: "sub/old.txt")
        let task = try FileSystemTask.make([
            "operation": .string("renameFile"), "source": .string(directory.file("sub/old.txt")),
            "destination": .string("new.txt"),
        ])
        #expect(try task.execute(in: context) == .success(.string(directory.file("sub/new.txt"))))
        #expect(!directory.exists("sub/old.txt"))
        #expect(directory.read("sub/new.txt") == "data")
    }

    @Test func renameFileToAnExistingDirectoryDoesNotMoveIntoIt() throws {
        try directory.write("data", to: "a.txt")
        try directory.write("", to: "out/keep")
        let error = failure { try run("renameFile", "a.txt", "out") }
        #expect(error?.message == .fileDestinationExists)
        #expect(!directory.exists("out/a.txt"))
    }

    @Test func renameFileReplacesAnExistingFileWithOverwrite() throws {
        try directory.write("new", to: "a.txt")
        try directory.write("old", to: "b.txt")
        try run("renameFile", "a.txt", "b.txt", overwrite: true)
        #expect(directory.read("b.txt") == "new")
        #expect(!directory.exists("a.txt"))
    }

    // MARK: deleteFile

    @Test func deleteFileDeletesIt() throws {
        try directory.write("data", to: "a.txt")
        #expect(try run("deleteFile", "a.txt") == .success(.string(directory.file("a.txt"))))
        #expect(!directory.exists("a.txt"))
    }

    @Test func deleteFileOfAMissingPathFails() throws {
        let error = failure { try run("deleteFile", "missing.txt") }
        #expect(error?.message == .fileSourceMissing)
    }

    @Test func deleteFileRefusesADirectory() throws {
        try directory.write("data", to: "folder/a.txt")
        let error = failure { try run("deleteFile", "folder") }
        #expect(error?.message == .fileOperationFailed)
        #expect(directory.exists("folder/a.txt"))
    }

    @Test func deleteFileRemovesADanglingSymbolicLink() throws {
        try FileManager.default.createSymbolicLink(atPath: directory.file("link"), withDestinationPath: "/nonexistent")
        try run("deleteFile", "link")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: directory.file("link"))) == nil)
    }

    // MARK: createDirectory

    @Test func createDirectoryCreatesMissingParents() throws {
        try run("createDirectory", "a/b/c")
        #expect(directory.isDirectory("a/b/c"))
    }

    @Test func createDirectoryOfAnExistingDirectoryFailsWithoutOverwrite() throws {
        try directory.write("data", to: "folder/a.txt")
        let error = failure { try run("createDirectory", "folder") }
        #expect(error?.message == .fileDestinationExists)
    }

    @Test func createDirectoryKeepsAnExistingDirectoryWithOverwrite() throws {
        try directory.write("data", to: "folder/a.txt")
        #expect(try run("createDirectory", "folder", overwrite: true) == .success(.string(directory.file("folder"))))
        #expect(directory.read("folder/a.txt") == "data")
    }

    @Test func createDirectoryNeverReplacesAFile() throws {
        try directory.write("data", to: "taken")
        let error = failure { try run("createDirectory", "taken", overwrite: true) }
        #expect(error?.message == .fileOperationFailed)
        #expect(directory.read("taken") == "data")
    }

    // MARK: deleteDirectory and deleteDirectoryContent

    @Test func deleteDirectoryDeletesTheWholeTree() throws {
        try directory.write("data", to: "folder/sub/a.txt")
        try run("deleteDirectory", "folder")
        #expect(!directory.exists("folder"))
    }

    @Test func deleteDirectoryOfAMissingPathFails() throws {
        let error = failure { try run("deleteDirectory", "missing") }
        #expect(error?.message == .fileSourceMissing)
    }

    @Test func deleteDirectoryRefusesAFile() throws {
        try directory.write("data", to: "a.txt")
        let error = failure { try run("deleteDirectory", "a.txt") }
        #expect(error?.message == .fileOperationFailed)
        #expect(directory.exists("a.txt"))
    }

    @Test func deleteDirectoryContentEmptiesTheDirectoryButKeepsIt() throws {
        try directory.write("1", to: "folder/a.txt")
        try directory.write("2", to: "folder/.hidden")
        try directory.write("3", to: "folder/sub/b.txt")
        try run("deleteDirectoryContent", "folder")
        #expect(directory.isDirectory("folder"))
        #expect(try contents("folder").isEmpty)
        #expect(context.informationMessages.contains { $0.contains("3 item(s)") })
    }

    @Test func deleteDirectoryContentOfAMissingDirectoryFails() throws {
        let error = failure { try run("deleteDirectoryContent", "missing") }
        #expect(error?.message == .fileSourceMissing)
    }

    // MARK: copyDirectory and moveDirectory

    @Test func copyDirectoryCopiesTheTreeToANewPath() throws {
        try directory.write("1", to: "src/a.txt")
        try directory.write("2", to: "src/sub/b.txt")
        try run("copyDirectory", "src", "dst")
        #expect(directory.read("dst/a.txt") == "1")
        #expect(directory.read("dst/sub/b.txt") == "2")
        #expect(directory.read("src/sub/b.txt") == "2")
    }

    @Test func copyDirectoryIntoAnExistingDirectoryPutsItInside() throws {
        try directory.write("1", to: "src/a.txt")
        try directory.write("", to: "dst/other")
        try run("copyDirectory", "src", "dst")
        #expect(directory.read("dst/src/a.txt") == "1")
        #expect(directory.exists("dst/other"))
    }

    @Test func copyDirectoryRefusesAnExistingTargetWithoutOverwrite() throws {
        try directory.write("1", to: "src/a.txt")
        try directory.write("old", to: "dst/src/old.txt")
        let error = failure { try run("copyDirectory", "src", "dst") }
        #expect(error?.message == .fileDestinationExists)
        #expect(directory.read("dst/src/old.txt") == "old")
    }

    @Test func copyDirectoryReplacesAnExistingTargetWithOverwrite() throws {
        try directory.write("1", to: "src/a.txt")
        try directory.write("old", to: "dst/src/old.txt")
        try run("copyDirectory", "src", "dst", overwrite: true)
        #expect(try contents("dst/src") == ["a.txt"])
        #expect(try contents("dst") == ["src"])
    }

    @Test func copyDirectoryIntoItselfFails() throws {
        try directory.write("1", to: "src/a.txt")
        let error = failure { try run("copyDirectory", "src", "src/inner") }
        #expect(error?.message == .filePathsOverlap)
        #expect(try contents("src") == ["a.txt"])
    }

    @Test func copyDirectoryOfAFileFails() throws {
        try directory.write("1", to: "a.txt")
        let error = failure { try run("copyDirectory", "a.txt", "dst") }
        #expect(error?.message == .fileOperationFailed)
    }

    @Test func moveDirectoryMovesTheTree() throws {
        try directory.write("1", to: "src/sub/a.txt")
        try run("moveDirectory", "src", "dst")
        #expect(!directory.exists("src"))
        #expect(directory.read("dst/sub/a.txt") == "1")
    }

    @Test func moveDirectoryReplacesAnExistingTargetWithOverwrite() throws {
        try directory.write("1", to: "src/a.txt")
        try directory.write("old", to: "dst/old.txt")
        let task = try FileSystemTask.make([
            "operation": .string("moveDirectory"), "source": .string(directory.file("src")),
            // An existing directory destination means "inside it", so the replaced target is dst/src.
            "destination": .string(directory.file("dst")), "overwriteDestination": .bool(true),
        ])
        try directory.write("stale", to: "dst/src/stale.txt")
        _ = try task.execute(in: context)
        #expect(try contents("dst/src") == ["a.txt"])
        #expect(directory.read("dst/old.txt") == "old")
        #expect(!directory.exists("src"))
    }

    @Test func moveDirectoryOfAMissingSourceFails() throws {
        let error = failure { try run("moveDirectory", "missing", "dst") }
        #expect(error?.message == .fileSourceMissing)
    }

    // MARK: paths from variables

    @Test func pathsCanComeFromVariables() throws {
        try directory.write("data", to: "a.txt")
        let context = InMemoryTaskContext(variables: [
            Variable("User::From", type: .wstr, value: .string(directory.file("a.txt"))),
            Variable("User::To", type: .wstr, value: .string(directory.file("b.txt"))),
        ])
        let task = try FileSystemTask.make([
            "operation": .string("copyFile"), "sourceVariable": .string("From"),
            "destinationVariable": .string("User::To"),
        ])
        try task.validate(in: context)
        _ = try task.execute(in: context)
        #expect(directory.read("b.txt") == "data")
    }

    @Test func aPathVariableMustHoldText() throws {
        let context = InMemoryTaskContext(variables: [Variable("User::From", type: .i4, value: .int(3))])
        let task = try FileSystemTask.make(["operation": .string("deleteFile"), "sourceVariable": .string("From")])
        let error = failure { _ = try task.execute(in: context) }
        #expect(error?.message == .typeMismatch)
    }

    @Test func validationRejectsAnUnknownPathVariable() throws {
        let task = try FileSystemTask.make(["operation": .string("deleteFile"), "sourceVariable": .string("Nope")])
        let error = failure { try task.validate(in: context) }
        #expect(error?.message == .variableNotFound)
    }

    // MARK: configuration

    @Test func anUnknownOperationIsRejected() throws {
        let error = failure { _ = try FileSystemTask.make(["operation": .string("shred"), "source": .string("/x")]) }
        #expect(error?.message == .propertyType)
    }

    @Test func aSourceIsRequired() throws {
        let error = failure { _ = try FileSystemTask.make(["operation": .string("deleteFile")]) }
        #expect(error?.message == .propertyRequired)
    }

    @Test func aSourceAndASourceVariableTogetherAreRejected() throws {
        let error = failure {
            _ = try FileSystemTask.make([
                "operation": .string("deleteFile"), "source": .string("/x"), "sourceVariable": .string("X"),
            ])
        }
        #expect(error?.message == .packageFieldInvalid)
    }

    @Test(arguments: [("source", "sourceConnection"), ("sourceVariable", "sourceConnection")])
    func aSourceConnectionTogetherWithAnotherSourceIsRejected(other: String, connection: String) throws {
        let error = failure {
            _ = try FileSystemTask.make(["operation": .string("deleteFile"), other: .string("X"), connection: .string("C")])
        }
        #expect(error?.message == .packageFieldInvalid)
        #expect(error?.text.contains("give one of source, sourceVariable or sourceConnection") == true, "\(String(describing: error))")
    }

    @Test func aSourceConnectionOfKindSluiceFileGivesThePath() throws {
        try directory.write("x", to: "old.txt")
        let file = directory.file("old.txt")
        let context = InMemoryTaskContext(connections: [ConnectionManager("Old", kind: "sluice.file", connectionString: file)])
        let task = try FileSystemTask.make(["operation": .string("deleteFile"), "sourceConnection": .string("Old")])
        try task.validate(in: context)
        _ = try task.execute(in: context)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aSourceConnectionOfAnotherKindIsRejectedDuringValidation() throws {
        let context = InMemoryTaskContext(connections: [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "/tmp/x.db")])
        let task = try FileSystemTask.make(["operation": .string("deleteFile"), "sourceConnection": .string("Db")])
        let error = failure { try task.validate(in: context) }
        #expect(error?.message == .connectionKindWrong)
        #expect(error?.text.contains("needs a sluice.file connection in sourceConnection") == true, "\(String(describing: error))")
        #expect(error?.text.contains("has kind \"sluice.sqlite\"") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["copyFile", "moveFile", "renameFile", "copyDirectory", "moveDirectory"])
    func operationsThatWriteElsewhereRequireADestination(operation: String) throws {
        let error = failure { _ = try FileSystemTask.make(["operation": .string(operation), "source": .string("/x")]) }
        #expect(error?.message == .propertyRequired)
        #expect(error?.inserts["property"] == "destination")
    }

    @Test(arguments: ["deleteFile", "createDirectory", "deleteDirectory", "deleteDirectoryContent"])
    func operationsOnOnePathNeedNoDestination(operation: String) throws {
        _ = try FileSystemTask.make(["operation": .string(operation), "source": .string("/x")])
    }

    @Test func anUnusedDestinationIsWarnedAboutDuringValidation() throws {
        let task = try FileSystemTask.make([
            "operation": .string("deleteFile"), "source": .string("/x"), "destination": .string("/y"),
        ])
        try task.validate(in: context)
        #expect(context.warningMessages.contains { $0.contains("does not use a destination") })
    }
}

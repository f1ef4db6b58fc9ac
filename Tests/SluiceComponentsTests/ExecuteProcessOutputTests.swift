import Foundation
import SluiceComponents
import SluiceCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Where a child's output goes: streamed, a bounded tail for messages, variables up to a cap,
/// files of any size (the memory check runs the real binary: OutputMemoryTests in SluiceCLITests).
@Suite(.serialized) struct ExecuteProcessOutputTests {
    let output = Variable("User::Out", type: .wstr, value: .string(""))

    private func shell(_ script: String, _ extra: [String: JSONValue] = [:]) throws -> ExecuteProcessTask {
        var values: [String: JSONValue] = ["executable": .string("/bin/sh"), "arguments": list("-c", script)]
        values.merge(extra) { $1 }
        return try ExecuteProcessTask.make(values)
    }

    @Test func theFailureMessageQuotesOnlyTheEndOfALongStandardError() throws {
        // A megabyte of noise, then the line that explains the failure.
        let script = "yes 'noise line' | head -n 100000 >&2; echo 'disk full' >&2; exit 1"
        let thrown = #expect(throws: SluiceError.self) { try shell(script).execute(in: InMemoryTaskContext()) }
        let text = thrown?.text ?? ""
        #expect(text.hasSuffix("noise line\ndisk full"), "\(text.suffix(100))")
        #expect(text.contains("ended with:\n…"))
        #expect(text.count < 2_200)
    }

    // MARK: - Variables

    @Test func aVariableReceivesOutputUpToTheLimit() throws {
        let context = InMemoryTaskContext(variables: [output])
        let task = try shell(
            "head -c \(ExecuteProcessTask.variableOutputLimit) /dev/zero | tr '\\0' a",
            ["standardOutputVariable": .string("Out")])
        #expect(try task.execute(in: context) == .success(.int(0)))
        guard case .string(let text) = try context.variable("Out").value else {
            Issue.record("not a string")
            return
        }
        #expect(text.utf8.count == ExecuteProcessTask.variableOutputLimit)
    }

    @Test func outputPastTheLimitFailsTheTaskAndLeavesTheVariableAlone() throws {
        let directory = try TemporaryDirectory()
        let context = InMemoryTaskContext(variables: [output])
        let size = ExecuteProcessTask.variableOutputLimit + 1
        let task = try shell(
            "head -c \(size) /dev/zero | tr '\\0' a",
            ["standardOutputVariable": .string("Out"), "standardOutputFile": .string(directory.file("all.txt"))])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: context) }
        #expect(thrown?.message == .processOutputTooLarge)
        #expect(thrown?.inserts["variable"] == "Out")
        #expect(thrown?.text.contains("standardOutputFile") == true)
        #expect(try context.variable("Out").value == .string(""))
        // The file keeps every byte.
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.file("all.txt"))
        #expect((attributes[.size] as? NSNumber)?.intValue == size)
    }

    // MARK: - Files

    @Test func aFileReceivesAllTheOutputExactly() throws {
        let directory = try TemporaryDirectory()
        let task = try shell("seq 1 300000", ["standardOutputFile": .string(directory.file("numbers.txt"))])
        #expect(try task.execute(in: InMemoryTaskContext()) == .success(.int(0)))
        let expected = (1...300_000).map(String.init).joined(separator: "\n") + "\n"
        #expect(directory.read("numbers.txt") == expected)
    }

    @Test func anOutputFileIsReplacedAndARelativePathIsTakenFromTheWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("older and longer content\n", to: "out.txt")
        let task = try shell(
            "echo new", ["workingDirectory": .string(directory.path), "standardOutputFile": .string("out.txt")])
        _ = try task.execute(in: InMemoryTaskContext())
        #expect(directory.read("out.txt") == "new\n")
    }

    @Test func outputFilesAreAppendedToWhenAsked() throws {
        let directory = try TemporaryDirectory()
        try directory.write("zero\n", to: "log.txt")
        for word in ["one", "two"] {
            let task = try shell(
                "echo \(word); echo \(word)-error >&2",
                [
                    "standardOutputFile": .string(directory.file("log.txt")),
                    "standardErrorFile": .string(directory.file("errors.txt")), "appendToOutputFiles": .bool(true),
                ])
            _ = try task.execute(in: InMemoryTaskContext())
        }
        #expect(directory.read("log.txt") == "zero\none\ntwo\n")
        #expect(directory.read("errors.txt") == "one-error\ntwo-error\n")
    }

    @Test func oneFileForBothStreamsGetsBothWithoutOverwriting() throws {
        let directory = try TemporaryDirectory()
        let both = directory.file("both.txt")
        // Named once directly and once through "./", so only the file's identity shows they match.
        let task = try shell(
            "echo out; sleep 0.1; echo err >&2",
            [
                "workingDirectory": .string(directory.path), "standardOutputFile": .string(both),
                "standardErrorFile": .string("./both.txt"),
            ])
        _ = try task.execute(in: InMemoryTaskContext())
        #expect(directory.read("both.txt") == "out\nerr\n")
    }

    @Test func anOutputFileThatCannotBeOpenedStopsTheTaskBeforeTheProgramRuns() throws {
        let directory = try TemporaryDirectory()
        let task = try shell(
            "touch '\(directory.file("ran"))'", ["standardErrorFile": .string(directory.file("missing/err.txt"))])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processOutputFileFailed)
        #expect(thrown?.inserts["stream"] == "standard error")
        #expect(!directory.exists("ran"))
    }

    @Test func aFIFOWithoutAReaderIsRefusedAtOnceRatherThanWaitedOn() throws {
        let directory = try TemporaryDirectory()
        let fifo = directory.file("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let task = try shell("echo hello", ["standardOutputFile": .string(fifo)])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processOutputFileFailed)
        #expect(thrown?.text.contains("FIFO") == true)
    }

    @Test func aWriteThatFailsFailsTheTaskOnceTheProgramHasExited() throws {
        // /dev/full accepts the open and refuses every write (ENOSPC).
        let task = try shell("head -c 1000000 /dev/zero; exit 0", ["standardOutputFile": .string("/dev/full")])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processOutputFileFailed)
        #expect(thrown?.inserts["reason"] == String(cString: strerror(ENOSPC)))
    }

    // MARK: - What the child gets

    @Test func theChildInheritsNoDescriptorOfTheHostBeyondItsStandardStreams() throws {
        // A descriptor opened without close-on-exec, as a library or plugin might leave one, at
        // a number above the usual ones. F_DUPFD takes the lowest free number from 57 on; dup2
        // onto a fixed number would silently close whatever another test running beside this
        // one has there (it closed a PostgreSQL connection's socket under NIO, and the test run
        // hung or crashed).
        let opened = open("/dev/null", O_RDONLY)
        try #require(opened >= 0)
        let stray = fcntl(opened, F_DUPFD, 57)
        close(opened)
        try #require(stray >= 57)
        defer { close(stray) }
        let context = InMemoryTaskContext(variables: [output])
        let task = try shell("ls /proc/$$/fd", ["standardOutputVariable": .string("Out")])
        _ = try task.execute(in: context)
        guard case .string(let listing) = try context.variable("Out").value else { return }
        let descriptors = Set(listing.split(separator: "\n").map(String.init))
        #expect(descriptors.isSuperset(of: ["0", "1", "2"]))
        #expect(!descriptors.contains(String(stray)), "\(descriptors.sorted())")
    }

    @Test func anArgumentWithANulCharacterIsRefused() throws {
        let task = try ExecuteProcessTask.make(["executable": .string("/bin/echo"), "arguments": list("a\u{0}b")])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processStartFailed)
        #expect(thrown?.text.contains("NUL") == true)
    }
}


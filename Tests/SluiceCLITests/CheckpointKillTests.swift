import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice run --checkpoint-file` killed with SIGKILL at random moments (while starting, while
/// rewriting the checkpoint, between tasks, while finishing), then restarted with
/// `--restart ifPossible`: no task the checkpoint recorded runs again, no task is left out,
/// and the last run succeeds and removes the checkpoint.
@Suite struct CheckpointKillTests {
    /// A chain of `n` File System tasks; task `Ti` creates the directory
    /// `trace/Ti.{ExecutionInstanceGUID}`, so `trace/` shows which task ran in which run.
    static func chain(_ n: Int) -> Package {
        var p = Package(name: "LongChain")
        p.executables = (0..<n).map { i in
            var e = Executable.task(
                "T\(i)", component: "sluice.fileSystem", properties: [("operation", "createDirectory"), ("source", .string("trace/T\(i)"))])
            e.propertyExpressions["source"] = #""trace/T\#(i)." + (DT_WSTR, 38) @[System::ExecutionInstanceGUID]"#
            return e
        }
        p.constraints = (1..<n).map { PrecedenceConstraint(from: "T\($0 - 1)", to: "T\($0)") }
        return p
    }

    /// The task numbers the checkpoint records as completed: the `completed` lists of its
    /// complete lines (a line cut short by the kill has no newline: it records nothing).
    static func recorded(_ path: String) throws -> Set<Int> {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: empty, or a torn record
        var done: Set<Int> = []
        for line in lines {
            let record = try JSONParser.parse(Array(line.dropFirst(9)))  // "crc32hex " then JSON
            for item in record.objectValue?["completed"]?.arrayValue ?? [] {
                let path = try #require(item.stringValue)
                done.insert(try #require(Int(path.dropFirst("\\Package\\T".count))))
            }
        }
        return done
    }

    /// The (task number, run id) of every directory in `trace/`.
    static func trace(_ directory: URL) throws -> [(task: Int, run: Substring)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).map { name in
            let parts = name.split(separator: ".", maxSplits: 1)
            return (try #require(Int(parts[0].dropFirst())), parts[1])
        }
    }

    @Test func restartsCorrectlyAfterSIGKILLAtAnyMoment() throws {
        let n = 2_000
        let f = try CLIFixture()
        let path = try f.save(Self.chain(n))
        let traceDirectory = f.directory.appendingPathComponent("trace")
        try FileManager.default.createDirectory(at: traceDirectory, withIntermediateDirectories: true)
        let checkpoint = f.directory.appendingPathComponent("run.ckpt").path
        let arguments = ["run", path, "--checkpoint-file", checkpoint, "--restart", "ifPossible"]
        var seenRuns: Set<Substring> = []
        var ranOnce: Set<Int> = []
        var history: [String] = []

        /// Checks one run that started with `before` recorded: it ran a contiguous stretch of
        /// the chain starting at the first task not recorded, and nothing recorded. Returns what it ran.
        @discardableResult func checkRun(before: Set<Int>) throws -> Set<Int> {
            let new = try Self.trace(traceDirectory).filter { !seenRuns.contains($0.run) }
            let runs = Set(new.map(\.run))
            #expect(runs.count <= 1, "one run, one execution id: \(history)")
            seenRuns.formUnion(runs)
            let ran = Set(new.map(\.task))
            ranOnce.formUnion(ran)
            #expect(ran.isDisjoint(with: before), "recorded as done, yet ran again: \(ran.intersection(before).sorted().prefix(10)); \(history)")
            if let first = (0..<n).first(where: { !before.contains($0) }), !ran.isEmpty {
                #expect(ran == Set(first..<(first + ran.count)), "the run resumed at T\(first) and went on in order: \(history)")
            }
            return ran
        }

        for round in 0..<10 {
            let before = try Self.recorded(checkpoint)
            let delay = UInt32.random(in: 0...700_000)
            let process = try f.start(arguments)
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            let status = process.blockingWait()
            let killed = process.endedBySignal
            history.append("round \(round): \(before.count) recorded, killed after \(delay / 1000) ms: \(killed ? "killed" : "exit \(status)")")
            let ran = try checkRun(before: before)
            if killed, FileManager.default.fileExists(atPath: checkpoint) {
                let after = try Self.recorded(checkpoint)
                #expect(after.isSuperset(of: before), "the checkpoint lost records: \(history)")
                #expect(after.isSubset(of: ranOnce), "the checkpoint records tasks that never ran: \(history)")
            } else if killed {
                // No file: killed before it was first written, or after the run succeeded and removed it.
                let started = before.isEmpty && ran.isEmpty
                #expect(started || ran == Set(0..<n).subtracting(before), "the checkpoint vanished mid-run: \(history)")
            } else {
                #expect(status == 0, "\(history)")
                #expect(!FileManager.default.fileExists(atPath: checkpoint))
            }
        }

        let before = try Self.recorded(checkpoint)
        let last = try f.sluice(arguments)
        history.append("last run: \(before.count) recorded")
        #expect(last.status == 0, "\(last.transcript)\n\(history)")
        try checkRun(before: before)
        #expect(!FileManager.default.fileExists(atPath: checkpoint), "a successful run removes its checkpoint")
        #expect(ranOnce == Set(0..<n), "every task ran at least once; missing: \(Set(0..<n).subtracting(ranOnce).sorted().prefix(10))")
    }
}

import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP cancel a run like Ctrl-C: exit 3, the cancel message with its code,
/// the summary, log providers closed, the checkpoint kept, and no Execute Process child left
/// behind. A second signal stops at once, still ending the children.
@Suite struct SignalTests {
    /// A package that runs `true`, then a shell running `script`, logging the package's end.
    private func package(_ script: String, log: String) -> Package {
        var p = Package(name: "Sleeper")
        p.logProviders = [LogProvider("Json", kind: "sluice.log.jsonl", path: log)]
        p.root.logging = LoggingOptions(providers: ["Json"], events: [.postExecute])
        p.executables = [
            .task("First", component: "sluice.executeProcess", properties: [("executable", "true")]),
            .task(
                "Sleep", component: "sluice.executeProcess",
                properties: [("executable", "/bin/sh"), ("arguments", .array([.string("-c"), .string(script)]))]),
        ]
        p.connect("First", to: "Sleep")
        return p
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalCancelsTheRunEndsTheChildAndExitsThree(_ signal: Int32) throws {
        let f = try CLIFixture()
        let pidFile = f.directory.appendingPathComponent("child.pid").path
        let log = f.directory.appendingPathComponent("run.jsonl").path
        let checkpoint = f.directory.appendingPathComponent("run.ckpt").path
        let path = try f.save(package("echo $$ > '\(pidFile)'; exec sleep 60", log: log))
        let sluice = try RunningSluice(f, ["run", path, "--checkpoint-file", checkpoint])
        let child = try #require(ProcessState.pid(in: pidFile), "\(sluice.standardError)")

        sluice.send(signal)
        let status = sluice.exitStatus()
        #expect(status == 3, "\(sluice.standardError)")
        #expect(sluice.standardError.contains("SLUICE_W_RUN_CANCELED (20006)"))
        #expect(sluice.standardError.contains("finished: Canceled"))
        #expect(ProcessState.waitUntilGone(child), "the child \(child) outlived the run")
        // The run ended in order: the log provider saw the package finish, the checkpoint stays.
        let lastLine = try #require(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").last)
        let last = try JSONParser.parse(Array(lastLine.utf8)).objectValue
        #expect(last?["event"]?.stringValue == "OnPostExecute")
        #expect(last?["source"]?.objectValue?["path"]?.stringValue == "\\Package")
        #expect(FileManager.default.fileExists(atPath: checkpoint))
    }

    @Test func aSecondSignalEndsTheChildrenAndExitsAtOnce() throws {
        let f = try CLIFixture()
        let pidFile = f.directory.appendingPathComponent("child.pid").path
        // The shell and its sleeps ignore SIGTERM: the task's own stop would take its grace
        // period, so the exit comes from the second signal, which must still end them.
        let script = "trap '' TERM; echo $$ > '\(pidFile)'; while true; do sleep 1; done"
        let path = try f.save(package(script, log: f.directory.appendingPathComponent("run.jsonl").path))
        let sluice = try RunningSluice(f, ["run", path])
        let child = try #require(ProcessState.pid(in: pidFile), "\(sluice.standardError)")

        sluice.send(SIGTERM)
        #expect(sluice.waitFor("SLUICE_W_RUN_CANCELED"))
        sluice.send(SIGINT)
        let status = sluice.exitStatus()
        #expect(status == 3, "\(sluice.standardError)")
        #expect(sluice.standardError.contains("SLUICE_W_RUN_STOPPED_AT_ONCE (50010)"), "\(sluice.standardError)")
        #expect(ProcessState.waitUntilGone(child), "the child \(child) outlived sluice")
    }

    @Test func childrenDoNotInheritTheSignalsSluiceIgnores() throws {
        // sluice ignores SIGINT, SIGTERM and SIGHUP itself (it handles them); a child that
        // inherited that could not be stopped by them.
        let f = try CLIFixture()
        let status = f.directory.appendingPathComponent("status").path
        let path = try f.save(package("grep -E '^Sig(Ign|Blk)' /proc/self/status > '\(status)'", log: "/dev/null"))
        let r = try f.sluice(["run", path])
        #expect(r.status == 0, "\(r.transcript)")
        var masks: [String: UInt64] = [:]
        for line in try String(contentsOfFile: status, encoding: .utf8).split(separator: "\n") {
            let parts = line.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { masks[parts[0]] = UInt64(parts[1], radix: 16) }
        }
        let handled = [SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM].reduce(UInt64(0)) { $0 | 1 << UInt64($1 - 1) }
        #expect(masks["SigIgn"].map { $0 & handled } == 0, "\(masks)")
        #expect(masks["SigBlk"].map { $0 & handled } == 0, "\(masks)")
    }
}

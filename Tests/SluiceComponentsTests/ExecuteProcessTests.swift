import Foundation
import SluiceComponents
import SluiceCore
import Testing

@Suite struct ExecuteProcessTests {
    let output = Variable("User::Out", type: .wstr, value: .string(""))
    let error = Variable("User::Err", type: .wstr, value: .string(""))

    private func shell(_ script: String, _ extra: [String: JSONValue] = [:]) throws -> ExecuteProcessTask {
        var values: [String: JSONValue] = ["executable": .string("/bin/sh"), "arguments": list("-c", script)]
        values.merge(extra) { $1 }
        return try ExecuteProcessTask.make(values)
    }

    @Test func theExitCodeIsTheExecutionValue() throws {
        let context = InMemoryTaskContext()
        let outcome = try shell("exit 0").execute(in: context)
        #expect(outcome == .success(.int(0)))
        #expect(context.informationMessages.contains { $0.contains("exited with code 0") })
    }

    @Test func standardOutputAndErrorAreStoredWithoutTheirTrailingLineBreak() throws {
        let context = InMemoryTaskContext(variables: [output, error])
        let task = try shell(
            "echo out; echo err >&2",
            ["standardOutputVariable": .string("User::Out"), "standardErrorVariable": .string("Err")])
        _ = try task.execute(in: context)
        #expect(try context.variable("User::Out").value == .string("out"))
        #expect(try context.variable("User::Err").value == .string("err"))
    }

    @Test func onlyOneTrailingLineBreakIsRemoved() throws {
        let context = InMemoryTaskContext(variables: [output])
        _ = try shell(#"printf 'a\nb\n\n'"#, ["standardOutputVariable": .string("Out")]).execute(in: context)
        #expect(try context.variable("Out").value == .string("a\nb\n"))
    }

    @Test func outputIsConvertedToTheVariablesType() throws {
        let count = Variable("User::Count", type: .i4, value: .int(0))
        let context = InMemoryTaskContext(variables: [count])
        _ = try shell("echo 42", ["standardOutputVariable": .string("Count")]).execute(in: context)
        #expect(try context.variable("Count").value == .int(42))
    }

    @Test func aBareExecutableNameIsFoundOnPath() throws {
        let context = InMemoryTaskContext(variables: [output])
        let task = try ExecuteProcessTask.make([
            "executable": .string("echo"), "arguments": list("hello", "world"),
            "standardOutputVariable": .string("Out"),
        ])
        #expect(try task.execute(in: context) == .success(.int(0)))
        #expect(try context.variable("Out").value == .string("hello world"))
    }

    @Test func argumentsArePassedWithoutShellInterpretation() throws {
        let context = InMemoryTaskContext(variables: [output])
        let task = try ExecuteProcessTask.make([
            "executable": .string("/bin/echo"), "arguments": list("$HOME", "a  b", "*"),
            "standardOutputVariable": .string("Out"),
        ])
        _ = try task.execute(in: context)
        #expect(try context.variable("Out").value == .string("$HOME a  b *"))
    }

    @Test func theProgramRunsInTheWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("marker content", to: "marker.txt")
        let context = InMemoryTaskContext(variables: [output])
        let task = try ExecuteProcessTask.make([
            "executable": .string("cat"), "arguments": list("marker.txt"),
            "workingDirectory": .string(directory.path), "standardOutputVariable": .string("Out"),
        ])
        _ = try task.execute(in: context)
        #expect(try context.variable("Out").value == .string("marker content"))
    }

    @Test func aRelativeExecutablePathIsTakenFromTheWorkingDirectory() throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("#!/bin/sh\necho from script\n", to: "run.sh")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let context = InMemoryTaskContext(variables: [output])
        let task = try ExecuteProcessTask.make([
            "executable": .string("./run.sh"), "workingDirectory": .string(directory.path),
            "standardOutputVariable": .string("Out"),
        ])
        _ = try task.execute(in: context)
        #expect(try context.variable("Out").value == .string("from script"))
    }

    @Test func anUnexpectedExitCodeFailsTheTaskButStillStoresTheOutput() throws {
        let context = InMemoryTaskContext(variables: [error])
        let task = try shell("echo oops >&2; exit 3", ["standardErrorVariable": .string("Err")])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: context) }
        #expect(thrown?.message == .processExitCode)
        #expect(thrown?.inserts["code"] == "3")
        #expect(try context.variable("Err").value == .string("oops"))
    }

    @Test func uncapturedStandardErrorIsQuotedWhenTheExitCodeIsUnexpected() throws {
        let thrown = #expect(throws: SluiceError.self) {
            try shell("echo 'disk full' >&2; exit 1").execute(in: InMemoryTaskContext())
        }
        #expect(thrown?.message == .processExitCode)
        #expect(thrown?.text.hasSuffix("Its standard error ended with:\ndisk full") == true, "\(thrown?.text ?? "")")
    }

    @Test func standardOutputIsQuotedWhenStandardErrorIsEmpty() throws {
        let thrown = #expect(throws: SluiceError.self) {
            try shell("echo 'usage: tool FILE'; exit 2").execute(in: InMemoryTaskContext())
        }
        #expect(thrown?.text.contains("Its standard output ended with:\nusage: tool FILE") == true)
    }

    @Test func aStreamStoredInAVariableIsNotQuotedAgain() throws {
        let context = InMemoryTaskContext(variables: [error])
        let thrown = #expect(throws: SluiceError.self) {
            let task = try shell("echo 'secret detail' >&2; exit 1", ["standardErrorVariable": .string("Err")])
            return try task.execute(in: context)
        }
        #expect(thrown?.text.contains("secret detail") == false)
        #expect(try context.variable("Err").value == .string("secret detail"))
    }

    @Test func anUnexpectedExitCodeOnlyWarnsWhenFailingIsTurnedOff() throws {
        let context = InMemoryTaskContext()
        let task = try ExecuteProcessTask.make([
            "executable": .string("false"), "failOnUnexpectedExitCode": .bool(false),
        ])
        #expect(try task.execute(in: context) == .success(.int(1)))
        #expect(context.warningMessages.contains { $0.contains("exited with code 1; expected 0") })
    }

    @Test func aNonZeroExpectedExitCodeMeansSuccess() throws {
        let outcome = try shell("exit 3", ["expectedExitCode": .int(3)]).execute(in: InMemoryTaskContext())
        #expect(outcome == .success(.int(3)))
    }

    @Test func aChildKilledBySignalReportsTheShellsExitCode() throws {
        let task = try shell("kill -KILL $$", ["failOnUnexpectedExitCode": .bool(false)])
        #expect(try task.execute(in: InMemoryTaskContext()) == .success(.int(128 + 9)))
    }

    @Test func anUnknownProgramFailsToStart() throws {
        let task = try ExecuteProcessTask.make(["executable": .string("sluice-no-such-program")])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processStartFailed)
    }

    @Test func aMissingWorkingDirectoryFailsToStart() throws {
        let task = try ExecuteProcessTask.make([
            "executable": .string("/bin/true"), "workingDirectory": .string("/nonexistent/sluice-dir"),
        ])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processStartFailed)
        #expect(thrown?.text.contains("/nonexistent/sluice-dir") == true)
    }

    @Test func largeOutputOnBothStreamsDoesNotDeadlock() throws {
        let context = InMemoryTaskContext(variables: [output, error])
        // A megabyte to standard error first: a reader waiting on standard output alone would
        // never see the child finish.
        let script = #"head -c 1000000 /dev/zero | tr '\0' e >&2; head -c 1000000 /dev/zero | tr '\0' o"#
        let task = try shell(
            script, ["standardOutputVariable": .string("Out"), "standardErrorVariable": .string("Err")])
        #expect(try task.execute(in: context) == .success(.int(0)))
        guard case .string(let out) = try context.variable("Out").value,
            case .string(let err) = try context.variable("Err").value
        else {
            Issue.record("outputs are not strings")
            return
        }
        #expect(out.utf8.count == 1_000_000 && out.allSatisfy { $0 == "o" })
        #expect(err.utf8.count == 1_000_000 && err.allSatisfy { $0 == "e" })
    }

    @Test func aBackgroundGrandchildThatLetGoOfTheOutputDoesNotHoldUpTheTask() throws {
        let directory = try TemporaryDirectory()
        let sleeperFile = directory.file("sleeper")
        // Were the task to wait for the grandchild (as Foundation's own exit detection does), the
        // timeout would fail it.
        let task = try shell(
            "sleep 30 >/dev/null 2>&1 & echo $! > '\(sleeperFile)'; echo started", ["timeoutSeconds": .int(10)])
        #expect(try task.execute(in: InMemoryTaskContext()) == .success(.int(0)))
        if let sleeper = ProcessProbe.pid(in: sleeperFile) { kill(sleeper, SIGKILL) }
    }

    @Test func aBackgroundGrandchildHoldingTheOutputDoesNotHoldUpTheTask() throws {
        let directory = try TemporaryDirectory()
        let sleeperFile = directory.file("sleeper")
        let context = InMemoryTaskContext(variables: [output])
        // The sleep inherits both pipes and keeps them open for 30 s; waiting for their end of
        // file would hold the task that long. A hang check with a wide margin, not a timing.
        let task = try shell(
            "echo before; (sleep 30 & echo $! > '\(sleeperFile)'); exit 0", ["standardOutputVariable": .string("Out")])
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try task.execute(in: context) == .success(.int(0)))
        #expect(clock.now - started < .seconds(15))
        // What the child wrote before it exited is all there.
        #expect(try context.variable("Out").value == .string("before"))
        // A background process of a program that exited by itself is left running, as a shell leaves it.
        let sleeper = try #require(ProcessProbe.pid(in: sleeperFile))
        #expect(ProcessProbe.isRunning(sleeper))
        kill(sleeper, SIGKILL)
    }

    @Test func aTimeoutTerminatesTheChildAndFailsTheTask() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.file("pid")
        let task = try shell("echo $$ > '\(pidFile)'; exec sleep 30", ["timeoutSeconds": .int(1)])
        let thrown = #expect(throws: SluiceError.self) { try task.execute(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .processTimeout)
        let pid = try #require(ProcessProbe.pid(in: pidFile))
        #expect(!ProcessProbe.isRunning(pid))
    }

    @Test func cancelingTerminatesTheChildAndReturnsCanceled() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.file("pid")
        let context = InMemoryTaskContext()
        let task = try shell("echo $$ > '\(pidFile)'; exec sleep 30")
        ProcessProbe.cancel(context, whenFileExists: pidFile)
        #expect(try task.execute(in: context) == .canceled)
        let pid = try #require(ProcessProbe.pid(in: pidFile))
        #expect(!ProcessProbe.isRunning(pid))
    }

    @Test func aChildIgnoringSigtermIsKilledWithItsChildren() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.file("pid")
        let sleeperFile = directory.file("sleeper")
        let context = InMemoryTaskContext()
        // The shell and its background sleep both ignore SIGTERM; only SIGKILL to the whole
        // process group stops them (and closes the pipes the sleep holds).
        let task = try shell("trap '' TERM; sleep 30 & echo $! > '\(sleeperFile)'; echo $$ > '\(pidFile)'; wait")
        ProcessProbe.cancel(context, whenFileExists: pidFile)
        #expect(try task.execute(in: context) == .canceled)
        let pid = try #require(ProcessProbe.pid(in: pidFile))
        let sleeper = try #require(ProcessProbe.pid(in: sleeperFile))
        #expect(!ProcessProbe.isRunning(pid))
        #expect(ProcessProbe.waitUntilGone(sleeper))
    }

    @Test func cancelingEndsAGrandchildThatOutlivesItsParent() throws {
        let directory = try TemporaryDirectory()
        let pidFile = directory.file("pid")
        let sleeperFile = directory.file("sleeper")
        let context = InMemoryTaskContext()
        // The shell dies of SIGTERM at once; the sleep it started ignores SIGTERM and would live
        // on, holding the pipes, had the group not been killed once the shell exited.
        let task = try shell("(trap '' TERM; exec sleep 30) & echo $! > '\(sleeperFile)'; echo $$ > '\(pidFile)'; wait")
        ProcessProbe.cancel(context, whenFileExists: pidFile)
        #expect(try task.execute(in: context) == .canceled)
        let sleeper = try #require(ProcessProbe.pid(in: sleeperFile))
        #expect(ProcessProbe.waitUntilGone(sleeper))
    }

    @Test func aRunCanceledBeforeTheTaskStartsRunsNothing() throws {
        let directory = try TemporaryDirectory()
        let context = InMemoryTaskContext()
        context.cancel()
        let task = try shell("touch '\(directory.file("ran"))'")
        #expect(try task.execute(in: context) == .canceled)
        #expect(!directory.exists("ran"))
    }

    @Test func validationRejectsAnUnknownOutputVariable() throws {
        let task = try shell("true", ["standardOutputVariable": .string("User::Missing")])
        let thrown = #expect(throws: SluiceError.self) { try task.validate(in: InMemoryTaskContext()) }
        #expect(thrown?.message == .variableNotFound)
    }

    @Test func aNegativeTimeoutIsRejected() throws {
        let thrown = #expect(throws: SluiceError.self) { try shell("true", ["timeoutSeconds": .int(-1)]) }
        #expect(thrown?.message == .propertyType)
    }
}

import SluiceCore
import SluiceRuntime
import Testing

@Suite struct EventTests {
    @Test func validateAndExecuteEventsArriveInOrder() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Events")
        p.executables = [RuntimeFixture.record("A")]
        #expect(f.run(p).result == .success)
        let trail = f.sink.events.filter { $0.kind != .information }.map { "\($0.kind.rawValue) \($0.source.name)" }
        #expect(trail == [
            "OnPreValidate Events", "OnPreValidate A", "OnPostValidate A", "OnPostValidate Events",
            "OnPreExecute Events", "OnExecStatusChanged Events", "OnPreExecute A", "OnExecStatusChanged A",
            "OnExecStatusChanged A", "OnPostExecute A", "OnExecStatusChanged Events", "OnPostExecute Events",
        ])
        #expect(f.sink.events(.postExecute).first?.result == .success)
    }

    @Test func failedTaskRaisesErrorAndTaskFailedAndFailsThePackage() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Fails")
        p.executables = [RuntimeFixture.fail("A")]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.taskFailed.code])
        #expect(f.sink.events(.taskFailed).map(\.source.name) == ["A"])
        #expect(result.errors.count == 1)
    }

    @Test func errorsBelowMaximumErrorCountStillSucceed() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Tolerant")
        p.root.maximumErrorCount = 5
        var a = RuntimeFixture.fail("A", errors: 2, result: "Success")
        a.maximumErrorCount = 3
        p.executables = [a]
        #expect(f.run(p).result == .success)
        #expect(f.errorCodes.count == 2)
    }

    @Test func reachingMaximumErrorCountTurnsSuccessIntoFailure() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Strict")
        p.executables = [RuntimeFixture.fail("A", errors: 1, result: "Success")]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.sink.events(.warning).contains { $0.code == SluiceMessage.maximumErrorCountReached.code })
    }

    @Test func forceExecutionResultOverridesTheOutcome() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Forced")
        p.root.maximumErrorCount = 0
        var a = RuntimeFixture.fail("A")
        a.forceExecutionResult = .success
        p.executables = [a, RuntimeFixture.record("B")]
        p.connect("A", to: "B")
        _ = f.run(p)
        #expect(f.log.entries == ["A", "B"])
    }

    @Test func failPackageOnFailureStopsEverythingElse() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Stop")
        p.root.maximumErrorCount = 0
        var a = RuntimeFixture.fail("A")
        a.failPackageOnFailure = true
        p.executables = [a, RuntimeFixture.record("Next")]
        p.connect("A", to: "Next", on: .completion)
        #expect(f.run(p).result == .failure)
        #expect(f.log.entries == ["A"])
    }

    @Test func failParentOnFailureFailsTheContainer() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Parent")
        p.root.maximumErrorCount = 0
        var seq = Executable("Seq", kind: .sequence)
        seq.maximumErrorCount = 0
        var a = RuntimeFixture.fail("A")
        a.failParentOnFailure = true
        seq.executables = [a]
        p.executables = [seq, RuntimeFixture.record("AfterSeqFails")]
        p.connect("Seq", to: "AfterSeqFails", on: .failure)
        let result = f.run(p)
        #expect(result.executableResults["\\Package\\Seq"] == .failure)
        #expect(f.log.entries == ["A", "AfterSeqFails"])
    }

    @Test func executionValueIsStoredInItsVariable() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Value")
        p.variables = [Variable("User::Out", type: .wstr, value: .string(""))]
        var a = RuntimeFixture.record("A")
        a.executionValueVariable = "User::Out"
        p.executables = [a]
        let result = f.run(p)
        #expect(result.variables["User::Out"]?.value == .string("A"))
    }
}

import Foundation
import SluiceCore
import SluiceRuntime
import Testing

@Suite struct ConcurrencyTests {
    @Test func independentBranchesRunAtTheSameTime() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Parallel")
        p.executables = (0..<3).map { .task("T\($0)", component: "test.concurrent", properties: [("target", 3)]) }
        let result = f.run(p, RunOptions(maxConcurrentExecutables: 3))
        #expect(result.result == .success)
        #expect(f.probe.reachedTarget, "three independent tasks should have been running at once")
    }

    @Test func maxConcurrentExecutablesBoundsHowManyRunAtOnce() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Bounded")
        // Each task waits (up to 0.2 s) for 3 to be inside; with a limit of 2 that never happens.
        f.probe.waitSeconds = 0.2
        p.executables = (0..<6).map { .task("T\($0)", component: "test.concurrent", properties: [("target", 3)]) }
        p.maxConcurrentExecutables = 2
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(f.probe.maximum == 2)
        #expect(!f.probe.reachedTarget)
    }

    @Test func nestedContainersDoNotDeadlockWithOneSlot() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Nested")
        var outer = Executable("Outer", kind: .sequence)
        var inner = Executable("Inner", kind: .sequence)
        inner.executables = [RuntimeFixture.record("X"), RuntimeFixture.record("Y")]
        outer.executables = [inner, RuntimeFixture.record("Z")]
        p.executables = [outer, RuntimeFixture.record("W")]
        let result = f.run(p, RunOptions(maxConcurrentExecutables: 1))
        #expect(result.result == .success)
        #expect(Set(f.log.entries) == ["X", "Y", "Z", "W"])
    }

    @Test func cancellationStopsTheRunAndReportsCanceled() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Cancel")
        p.executables = [.task("Wait", component: "test.waitForCancel"), RuntimeFixture.record("After")]
        p.connect("Wait", to: "After", on: .completion)
        let cancel = RunCancellation()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { cancel.cancel(reason: "test") }
        let result = f.run(p, RunOptions(cancellation: cancel))
        #expect(result.result == .canceled)
        #expect(f.log.entries == ["Wait started", "Wait saw cancel"])
        #expect(f.sink.events(.queryCancel).map(\.code) == [SluiceMessage.runCanceled.code])
    }
}

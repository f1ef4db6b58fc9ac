import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import Testing

/// OnExecStatusChanged (SSIS's `IDTSEvents.OnExecutionStatusChanged`, handler name
/// OnExecStatusChanged) and its handler variable `System::ExecutionStatus`, a DTSExecStatus
/// number ("DTSExecStatus Enum": Executing = 3, Completed = 5).
@Suite struct ExecStatusChangedTests {
    /// A package whose OnExecStatusChanged handler appends `source:status;` to User::Trail.
    private func trailPackage(_ executables: [Executable]) -> Package {
        var p = Package(name: "P")
        p.variables = [Variable("User::Trail", type: .wstr, value: .string(""))]
        var h = EventHandler(.execStatusChanged)
        h.container.executables = [
            .task("Append", component: "sluice.expression", properties: [(
                "expression",
                .string(#"@[User::Trail] = @[User::Trail] + @[System::SourceName] + ":" + (DT_WSTR, 2)@[System::ExecutionStatus] + ";""#)
            )])
        ]
        p.eventHandlers = [h]
        p.executables = executables
        return p
    }

    @Test func theHandlerSeesExecutingThenCompletedForEveryExecutable() throws {
        let f = try RuntimeFixture()
        var p = trailPackage([RuntimeFixture.record("A"), RuntimeFixture.record("B")])
        p.constraints = [PrecedenceConstraint(from: "A", to: "B")]
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(result.variables["User::Trail"]?.value == .string("P:3;A:3;A:5;B:3;B:5;P:5;"))
    }

    @Test func aFailingTaskStillCompletesAndADisabledOneRaisesNothing() throws {
        let f = try RuntimeFixture()
        var off = RuntimeFixture.record("Off")
        off.disabled = true
        let result = f.run(trailPackage([RuntimeFixture.fail("F"), off]))
        #expect(result.result == .failure)
        // The package's handler ran for F's change, not for the disabled task.
        #expect(result.variables["User::Trail"]?.value == .string("P:3;F:3;F:5;P:5;"))
    }

    @Test func eventsCarryTheStatusBetweenPreAndPostExecute() throws {
        let f = try RuntimeFixture()
        var q = Package(name: "Q")
        q.executables = [RuntimeFixture.record("T")]
        _ = f.run(q)
        let ofT = f.sink.events.filter { $0.source.name == "T" }
        let kinds = ofT.map(\.kind).filter { [.preExecute, .execStatusChanged, .postExecute].contains($0) }
        #expect(kinds == [.preExecute, .execStatusChanged, .execStatusChanged, .postExecute])
        #expect(ofT.filter { $0.kind == .execStatusChanged }.map(\.status) == [.executing, .completed])
        // The record and its JSON line keep the status by SSIS's name.
        let changed = try #require(ofT.first { $0.kind == .execStatusChanged })
        let line = EventRecord(changed).jsonLine
        #expect(EventRecord(changed).jsonObject["status"] == .string("Executing"))
        #expect(try EventRecord(jsonLine: line).status == .executing)
    }

    @Test func anUnknownStatusNameInARecordIsRefused() throws {
        let line = #"{"version":1,"event":"OnExecStatusChanged","time":"2026-01-01T00:00:00.000000Z","status":"Running"}"#
        #expect(throws: SluiceError.self) { try EventRecord(jsonLine: line) }
    }

    @Test func theHandlerRoundTripsThroughThePackageFile() throws {
        let p = trailPackage([RuntimeFixture.record("A")])
        let text = PackageFile.encode(p)
        #expect(text.contains(#""OnExecStatusChanged""#))
        #expect(try PackageFile.decode(Array(text.utf8)).eventHandlers.first?.event == .execStatusChanged)
    }
}

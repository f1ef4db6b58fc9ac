import Foundation
import SluiceComponents
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// The records a run's events become: which run and which executable raised them, the codes
/// kept apart, the durations.
@Suite struct EventRecordRunTests {
    private func handledPackage() -> Package {
        var p = Package(name: "Kinds")
        var handler = EventHandler(.error)
        handler.container.executables = [RuntimeFixture.record("Handler")]
        p.eventHandlers = [handler]
        var seq = Executable("Seq", kind: .sequence)
        seq.executables = [RuntimeFixture.fail("A")]
        p.executables = [seq]
        return p
    }

    @Test func everyRecordNamesItsRunAndItsSourcesKind() throws {
        let f = try RuntimeFixture()
        let result = f.run(handledPackage())
        let records = f.sink.events.map(EventRecord.init)
        let runs = Set(records.map(\.executionID))
        #expect(runs.count == 1)
        let run = try #require(runs.first ?? nil, "records without a run id")
        #expect(result.variables["System::ExecutionInstanceGUID"]?.value == .string("{\(run.uuidString)}"))

        var kinds: [String: EventSourceKind] = [:]
        var components: [String: String?] = [:]
        for r in records {
            let source = try #require(r.source)
            kinds[source.path] = source.kind
            components[source.path] = source.component
        }
        #expect(kinds["\\Package"] == .package)
        #expect(kinds["\\Package\\Seq"] == .sequence)
        #expect(kinds["\\Package\\Seq\\A"] == .task)
        #expect(components["\\Package\\Seq\\A"] == "test.fail")
        #expect(components["\\Package\\Seq"] == .some(nil))
        let handlerRoots = records.filter { $0.source?.kind == .eventHandler }
        #expect(!handlerRoots.isEmpty && handlerRoots.allSatisfy(\.inHandler), "\(kinds)")
        #expect(records.contains { $0.source?.name == "Handler" && $0.source?.kind == .task && $0.inHandler })
    }

    @Test func postExecuteAloneCarriesADurationThatContainsItsChildren() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Timed")
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.record("B")]
        p.connect("A", to: "B")
        #expect(f.run(p).result == .success)
        let records = f.sink.events.map(EventRecord.init)
        let timed = records.filter { $0.durationMicroseconds != nil }
        #expect(timed.map(\.event) == Array(repeating: .postExecute, count: 3))
        #expect(timed.allSatisfy { ($0.durationMicroseconds ?? -1) >= 0 })
        func duration(_ path: String) -> Int64 { timed.first { $0.source?.path == path }?.durationMicroseconds ?? -1 }
        // A monotonic clock: the package started before its tasks and ended after them.
        #expect(duration("\\Package") >= duration("\\Package\\A") + duration("\\Package\\B"))
        #expect(timed.allSatisfy { $0.result == .success })
    }

    @Test func aPluginsOwnCodeAndTheHostMessageAreKeptApart() throws {
        let registry = ComponentRegistry()
        try BuiltInComponents.register(into: registry)
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        var p = Package(name: "Status")
        p.executables = [.task("Echo", component: "fixtures.good.echo", properties: [("message", "hi"), ("status", .int(4))])]
        let sink = RecordingEventSink()
        _ = PackageRunner(registry: registry).run(p, options: RunOptions(eventSink: sink))

        let error = try #require(sink.events(.error).first { $0.code == 100_004 }, "\(sink.events(.error).map(\.message))")
        let record = EventRecord(error)
        #expect(record.pluginCode == 100_004)
        // The host's message (a failed task) is named in the text and kept as the record's code.
        #expect(record.code == SluiceMessage.taskFailed.code)
        #expect(record.name == "SLUICE_E_TASK_FAILED")
        #expect(record.message.hasPrefix("SLUICE_E_TASK_FAILED (20001)"))
        #expect(try EventRecord(jsonLine: record.jsonLine) == record)
    }

    @Test func anEventWithoutACodeHasNoneOnTheWire() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Plain")
        p.executables = [RuntimeFixture.record("A")]
        _ = f.run(p)
        let records = f.sink.events.map(EventRecord.init)
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0.code == nil && $0.pluginCode == nil && $0.name == nil })
    }
}

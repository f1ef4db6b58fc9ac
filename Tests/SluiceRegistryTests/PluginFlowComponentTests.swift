import Foundation
import SluiceCore
import SluiceDataFlow
@testable import SluicePluginHost
import SluiceRegistry
import SluiceTestSupport
import Testing

/// The C fixture's data flow components (libFixtureDataFlow.so) run by the real engine on its
/// worker threads, through ``PluginFlowComponent``.
@Suite(.serialized) struct PluginFlowComponentTests {
    private let numbersSchema = [PluginFlowColumn("id", .i8), PluginFlowColumn("name", .wstr)]

    private func registry() throws -> ComponentRegistry {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureDataFlow"])
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [dir.path])
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        return registry
    }

    private func component(
        _ registry: ComponentRegistry, _ id: String, _ name: String, _ properties: [(String, JSONValue)], inputs: [[PluginFlowColumn]] = []
    ) throws -> PluginFlowComponent {
        var object = JSONObject()
        for (key, value) in properties { object[key] = value }
        return try PluginFlowComponent.make(
            registry: registry, componentID: id, name: name, properties: object, inputSchemas: inputs,
            context: CheckContext(component: name))
    }

    /// Runs numbers -> upper -> a collecting sink; returns the sink.
    private func runNumbersThroughUpper(
        rows: Int64, malform: String = "", upperInput: [PluginFlowColumn]? = nil, in given: ComponentRegistry? = nil
    ) throws -> Collector {
        let registry = try given ?? registry()
        var flow = FlowBuilder()
        let source = flow.add("Numbers", try component(registry, "fixtures.dataflow.numbers", "Numbers", [("rows", .int(rows)), ("malform", .string(malform))]))
        let upper = flow.add("Upper", try component(registry, "fixtures.dataflow.upper", "Upper", [("column", .string("name"))], inputs: [upperInput ?? numbersSchema]))
        let collector = Collector()
        flow.connect(source, to: upper)
        flow.connect(upper, to: flow.add("Sink", collector))
        try DataFlowEngine(options: FlowOptions(workerCount: 2)).run(try flow.build())
        return collector
    }

    @Test func aPluginSourceAndTransformRunThroughTheEngineWithEveryRowRight() throws {
        let collector = try runNumbersThroughUpper(rows: 1000)
        let rows = collector.batches.flatMap { batch in
            zip(batch["id"]?.allValues ?? [], batch["name"]?.allValues ?? []).map { ($0, $1) }
        }
        #expect(rows.count == 1000)
        for (i, row) in rows.enumerated() {
            #expect(row.0 == .int(Int64(i)))
            #expect(row.1 == (i % 3 == 2 ? .null : .string("ROW\(i)")))
        }
    }

    @Test func everyBatchThePluginMadeIsReleasedExactlyOnce() throws {
        let registry = try registry()
        // The source's counters of batches made and released (its `user_data`), in the library the registry opened.
        let definition = try #require(registry.pluginComponent("fixtures.dataflow.numbers")).definition()
        let counters = try #require(definition.pointer.pointee.user_data).assumingMemoryBound(to: Int64.self)
        let before = (made: counters[0], released: counters[1])
        do {
            let collector = try runNumbersThroughUpper(rows: 50, in: registry)
            #expect(collector.batches.map(\.length).reduce(0, +) == 50)
        }
        let after = (made: counters[0], released: counters[1])
        #expect(after.made - before.made == 1)
        #expect(after.released - before.released == after.made - before.made)
    }

    @Test func aMalformedBatchFailsTheFlowWithItsCode() throws {
        for (malform, code) in [("length", SluiceMessage.arrowArrayInvalid), ("offsets", .arrowArrayInvalid), ("type", .arrowArrayInvalid)] {
            do {
                _ = try runNumbersThroughUpper(rows: 10, malform: malform)
                Issue.record("a \(malform) batch was accepted")
            } catch let e as SluiceError {
                #expect(e.message == .dataFlowComponentFailed, "\(malform): \(e)")
                #expect((e.cause as? SluiceError)?.message == code, "\(malform): \(e)")
                #expect(e.text.contains("Numbers"))
            }
        }
    }

    @Test func aPluginThatFailsNegotiationIsACodedErrorNamingTheComponent() throws {
        let registry = try registry()
        do {
            _ = try component(registry, "fixtures.dataflow.upper", "Upper Names", [("column", .string("missing"))], inputs: [numbersSchema])
            Issue.record("negotiate succeeded on a missing column")
        } catch let e as SluiceError {
            #expect(e.message == .pluginCallFailed)
            #expect(e.text.contains("Upper Names") && e.text.contains("negotiate"), "\(e.text)")
        }
    }

    @Test func aBatchThatDiffersFromTheNegotiatedSchemaFailsTheFlow() throws {
        do {
            _ = try runNumbersThroughUpper(rows: 5, upperInput: [PluginFlowColumn("id", .i4), PluginFlowColumn("name", .wstr)])
            Issue.record("a batch of the wrong schema reached the plugin")
        } catch let e as SluiceError {
            #expect((e.cause as? SluiceError)?.message == .dataFlowPluginBatchMismatch, "\(e)")
        }
    }

    @Test func theUppercaseExampleUpperCasesTheColumnsItNamesAndPassesTheOthersOn() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureDataFlow", "SluiceUppercaseC"])
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [dir.path])
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        var flow = FlowBuilder()
        let source = flow.add("Numbers", try component(registry, "fixtures.dataflow.numbers", "Numbers", [("rows", .int(20))]))
        let upper = flow.add("Uppercase", try component(registry, "examples.uppercase", "Uppercase", [("columns", .string("name"))], inputs: [numbersSchema]))
        let collector = Collector()
        flow.connect(source, to: upper)
        flow.connect(upper, to: flow.add("Sink", collector))
        try DataFlowEngine().run(try flow.build())
        let names = collector.batches.flatMap { $0["name"]?.allValues ?? [] }
        let ids = collector.batches.flatMap { $0["id"]?.allValues ?? [] }
        #expect(names == (0..<20).map { $0 % 3 == 2 ? .null : .string("ROW\($0)") })
        #expect(ids == (0..<20).map { .int(Int64($0)) })
        // A column that is not a string is refused at negotiation, naming the column.
        #expect(throws: SluiceError.self) {
            _ = try component(registry, "examples.uppercase", "Uppercase", [("columns", .string("id"))], inputs: [numbersSchema])
        }
    }

    @Test func aCanceledFlowStopsWithTheCancelCode() throws {
        let registry = try registry()
        var flow = FlowBuilder()
        let source = flow.add("Numbers", try component(registry, "fixtures.dataflow.numbers", "Numbers", [("rows", .int(10))]))
        flow.connect(source, to: flow.add("Sink", Collector()))
        let cancel = FlowCancellation()
        cancel.cancel()
        do {
            try DataFlowEngine().run(try flow.build(), cancellation: cancel)
            Issue.record("a canceled flow ran to its end")
        } catch let e as SluiceError {
            #expect(e.message == .dataFlowCanceled || (e.cause as? SluiceError)?.message == .dataFlowCanceled, "\(e)")
        }
    }

    @Test func aTaskComponentIsRefusedAsADataFlowComponent() throws {
        let registry = ComponentRegistry()
        try registry.registerDeclaration(ComponentDescriptor(id: "tests.task", kind: .task, displayName: "T", description: "", version: "1.0.0"))
        #expect(throws: SluiceError.self) {
            _ = try PluginFlowComponent.make(registry: registry, componentID: "tests.task", name: "T", context: CheckContext(component: "T"))
        }
    }
}

/// A destination that keeps every batch it receives.
final class Collector: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private(set) var batches: [ColumnBatch] = []
    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws { batches.append(batch) }
}

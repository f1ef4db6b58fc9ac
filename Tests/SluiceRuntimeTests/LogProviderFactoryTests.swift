import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Log providers are made by the registry, by kind: the runtime knows no provider by name, so a
/// kind registered through the registry's door is used exactly like the built-in ones.
@Suite struct LogProviderFactoryTests {
    /// Keeps what it is given; one per registration.
    final class MemoryLogWriter: LogWriter, @unchecked Sendable {
        private let lock = NSLock()
        private(set) var settings: [LogProviderSettings] = []
        private var stored: [EventRecord] = []
        private var calls: [String] = []

        func made(_ s: LogProviderSettings) -> MemoryLogWriter {
            lock.withLock { settings.append(s) }
            return self
        }
        func open(in context: any TaskContext) throws { lock.withLock { calls.append("open \(context.executableName)") } }
        func write(_ record: EventRecord) throws { lock.withLock { stored.append(record) } }
        func close() { lock.withLock { calls.append("close") } }
        var records: [EventRecord] { lock.withLock { stored } }
        var lifecycle: [String] { lock.withLock { calls } }
    }

    private func fixture(_ writer: MemoryLogWriter) throws -> RuntimeFixture {
        let f = try RuntimeFixture()
        let descriptor = ComponentDescriptor(
            id: "test.log.memory", kind: .logProvider, displayName: "Memory", description: "test log provider", version: "1.0.0",
            properties: [PropertySpec("tag", .string, default: "none")])
        try f.registry.register(descriptor) { settings in writer.made(settings) }
        return f
    }

    @Test func aRegisteredKindIsMadeOpenedWrittenAndClosedByTheRun() throws {
        let writer = MemoryLogWriter()
        let f = try fixture(writer)
        var p = Package(name: "Memory")
        p.logProviders = [LogProvider("Mem", kind: "test.log.memory", path: "/nowhere/mem", properties: JSONObject([("tag", "t1")]))]
        p.root.logging = LoggingOptions(providers: ["Mem"], events: [.preExecute, .postExecute])
        p.executables = [RuntimeFixture.record("A")]
        #expect(f.run(p).result == .success)

        #expect(writer.settings.count == 1)
        #expect(writer.settings.first?.name == "Mem")
        #expect(writer.settings.first?.path == "/nowhere/mem")
        #expect(writer.settings.first?.properties.optionalString("tag") == "t1")
        #expect(writer.lifecycle == ["open Memory", "close"])
        let selected = f.sink.events.filter { [.preExecute, .postExecute].contains($0.kind) }.map(EventRecord.init)
        #expect(writer.records == selected)
        #expect(writer.records.count == 4)
    }

    @Test func propertiesAreCheckedAgainstTheDeclarationsForEveryKind() throws {
        let writer = MemoryLogWriter()
        let f = try fixture(writer)
        for kind in ["test.log.memory", "sluice.log.jsonl", "sluice.log.text"] {
            var p = Package(name: "Extra")
            p.logProviders = [LogProvider("L", kind: kind, path: "/tmp/x", properties: JSONObject([("colour", "red")]))]
            p.executables = [RuntimeFixture.record("A")]
            #expect(f.run(p).result == .failure)
            #expect(f.sink.events(.error).last?.code == SluiceMessage.propertyUnknown.code, "\(kind)")
        }
        #expect(writer.settings.isEmpty)
    }

    @Test func aKindThatIsNotALogProviderIsRefused() throws {
        let registry = ComponentRegistry()
        try TestComponents.register(into: registry, log: TestLog(), probe: ConcurrencyProbe())
        #expect(throws: SluiceError.self) { try registry.makeLogWriter(for: LogProvider("T", kind: "test.record", path: "/tmp/x")) }
        do {
            _ = try registry.makeLogWriter(for: LogProvider("T", kind: "test.record", path: "/tmp/x"))
        } catch let e as SluiceError {
            #expect(e.message == .logProviderUnknown)
            #expect(e.text.contains("which is a task"))
        }
    }

    @Test func theBuiltInProvidersAreRegistryEntriesLikeAnyOther() throws {
        let f = try RuntimeFixture()
        for id in ["sluice.log.text", "sluice.log.jsonl"] {
            let entry = try #require(f.registry.entry(for: id))
            #expect(entry.descriptor.kind == .logProvider)
            guard case .logProvider = entry.factory else {
                Issue.record("\(id) is not made by a log provider factory")
                continue
            }
        }
        // Without them registered, the runtime has no provider of that name.
        let bare = ComponentRegistry()
        #expect(throws: SluiceError.self) { try bare.makeLogWriter(for: LogProvider("J", kind: "sluice.log.jsonl", path: "/tmp/x")) }
    }
}

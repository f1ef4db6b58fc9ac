import Foundation
import SluiceCore
import SluiceRegistry

/// Sends each event to the log providers its executable selects (SSIS logging: providers and
/// events chosen per container, `UseParentSetting` inheriting from the parent; the package
/// logs nothing unless it enables logging).
final class LogRouter: @unchecked Sendable {
    private let writers: [String: any LogWriter]
    /// The effective options of each executable, by path.
    private var effective: [String: LoggingOptions] = [:]
    // Not the run itself: the run holds this router, and a reference back kept every run alive.
    private let executionID: UUID
    private let sink: (any EventSink)?
    private let rootSource: EventSource
    private var failed: Set<String> = []
    private let lock = NSLock()

    /// - Throws: unknown provider kinds and names, property errors and the failure of a plugin
    ///   provider's own validate, at validation.
    init(run: Run) throws {
        executionID = run.executionID
        sink = run.sink
        rootSource = run.root.source
        var writers: [String: any LogWriter] = [:]
        for p in run.package.logProviders {
            switch p.kind {
            case "sluice.log.text": writers[p.name] = TextLogWriter(path: p.path)
            case "sluice.log.jsonl": writers[p.name] = JSONLinesLogWriter(path: p.path)
            default:
                var properties = p.properties
                // An empty path is no path: a provider that requires one says so.
                if properties["path"] == nil, !p.path.isEmpty, run.registry.entry(for: p.kind)?.descriptor.property(named: "path") != nil {
                    properties["path"] = .string(p.path)
                }
                let provider = try PluginLogProvider(p.kind, registry: run.registry, properties: properties, owner: p.name)
                try provider.validate(in: ExecutionContext(run: run, node: run.root))
                writers[p.name] = PluginLogWriter(provider: provider, run: run)
            }
        }
        self.writers = writers
        try resolve(run.root, inherited: nil)
    }

    private func resolve(_ node: ExecutableNode, inherited: LoggingOptions?) throws {
        var options = inherited
        if let own = node.model.logging {
            switch own.mode {
            case .enabled: options = own
            case .disabled: options = nil
            case .useParentSetting: break
            }
        }
        if let options {
            for name in options.providers where writers[name] == nil {
                throw SluiceError(.logProviderUnknown, ["name": name, "reason": "is selected by \(node.path) but the package has no such provider"])
            }
            effective[node.path] = options
        }
        for child in node.children { try resolve(child, inherited: options) }
        for handler in node.handlers.values { try resolve(handler, inherited: options) }
    }

    var isEmpty: Bool { effective.isEmpty }

    func open() {
        for (name, w) in writers { attempt(name) { try w.open() } }
    }

    func close() {
        for w in writers.values { w.close() }
    }

    func log(_ event: RuntimeEvent) {
        guard let options = effective[event.source.path], options.events.isEmpty || options.events.contains(event.kind) else { return }
        let entry = LogEntry(
            event: event.kind == .custom ? event.customName ?? event.kind.rawValue : event.kind.rawValue, code: event.code,
            source: event.source, executionID: executionID, message: event.message, time: event.time)
        for name in options.providers { attempt(name) { try writers[name]?.write(entry) } }
    }

    /// A failing provider is reported once, to the event sink only (logging about logging
    /// would loop), and then left alone.
    private func attempt(_ name: String, _ body: () throws -> Void) {
        do {
            try body()
        } catch {
            lock.lock()
            let first = failed.insert(name).inserted
            lock.unlock()
            guard first else { return }
            var e = SluiceError(.logProviderFailed, ["name": name, "reason": "\(error)"])
            e.pluginCode = (error as? SluiceError)?.pluginCode  // a plugin provider's own code
            sink?.receive(RuntimeEvent(.warning, source: rootSource, code: e.eventCode, message: e.description))
        }
    }
}

/// A plugin log provider as a ``LogWriter``.
///
/// It holds its run weakly: the run holds the router that holds it, and a strong reference back
/// kept every run, and the plugin's instance, alive (its `destroy` was never called). `close`
/// follows only a successful `open`.
final class PluginLogWriter: LogWriter, @unchecked Sendable {
    let provider: PluginLogProvider
    private weak var run: Run?
    private let lock = NSLock()
    private var isOpen = false

    init(provider: PluginLogProvider, run: Run) {
        self.provider = provider
        self.run = run
    }

    func open() throws {
        guard let run else { return }
        try provider.open(in: ExecutionContext(run: run, node: run.root))
        lock.lock()
        isOpen = true
        lock.unlock()
    }

    func close() {
        lock.lock()
        let wasOpen = isOpen
        isOpen = false
        lock.unlock()
        if wasOpen { provider.close() }
    }
    func write(_ e: LogEntry) throws {
        try provider.write(
            event: e.event, code: e.code, sourceName: e.source.name, sourceID: e.source.id.uuidString,
            executionID: e.executionID.uuidString, message: e.message, time: e.time)
    }
}

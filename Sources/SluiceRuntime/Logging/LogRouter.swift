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
        let context = ExecutionContext(run: run, node: run.root)
        for p in run.package.logProviders {
            let writer = try run.registry.makeLogWriter(for: p)
            try writer.validate(in: context)
            writers[p.name] = writer
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

    /// - Parameter context: the package's, for plugin providers' `open`.
    func open(in context: any TaskContext) {
        for (name, w) in writers { attempt(name) { try w.open(in: context) } }
    }

    func close() {
        for w in writers.values { w.close() }
    }

    func log(_ event: RuntimeEvent) {
        guard let options = effective[event.source.path], options.events.isEmpty || options.events.contains(event.kind) else { return }
        let record = EventRecord(event)
        for name in options.providers { attempt(name) { try writers[name]?.write(record) } }
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
            // A plugin provider's own code moves to the warning, which prints it once: left on
            // the cause too, the text said "[plugin code N] [plugin code N]".
            var cause = error as? SluiceError
            let pluginCode = cause?.pluginCode
            cause?.pluginCode = nil
            var e = SluiceError(.logProviderFailed, ["name": name, "reason": cause.map { "\($0)" } ?? "\(error)"])
            e.pluginCode = pluginCode
            var warning = RuntimeEvent(.warning, source: rootSource, error: e)
            warning.executionID = executionID
            sink?.receive(warning)
        }
    }
}

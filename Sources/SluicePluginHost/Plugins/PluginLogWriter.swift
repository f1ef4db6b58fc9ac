import Foundation
import SluiceCore

/// A plugin log provider as a ``LogWriter``: the registry's adapter, so the runtime never
/// builds one itself.
///
/// It holds no run: the run holds the router that holds it, and a reference back kept every
/// run, and the plugin's instance, alive (its `destroy` was never called). `close` follows
/// only a successful `open`.
public final class PluginLogWriter: LogWriter, @unchecked Sendable {
    public let provider: PluginLogProvider
    private let lock = NSLock()
    private var isOpen = false

    public init(provider: PluginLogProvider) { self.provider = provider }

    /// The plugin's own `validate`, called when the package is validated.
    public func validate(in context: any TaskContext) throws { try provider.validate(in: context) }

    public func open(in context: any TaskContext) throws {
        try provider.open(in: context)
        lock.lock()
        isOpen = true
        lock.unlock()
    }

    public func close() {
        lock.lock()
        let wasOpen = isOpen
        isOpen = false
        lock.unlock()
        if wasOpen { provider.close() }
    }

    /// What the C entry holds is what ABI 1.0 gave: the event's name as SSIS logs it (a
    /// custom event's own name), the source's name and id.
    public func write(_ r: EventRecord) throws {
        // Nothing reaches a provider whose `open` failed (or that is closed).
        guard lock.withLock({ isOpen }) else { return }
        try provider.write(
            event: r.eventName, code: r.pluginCode ?? r.code ?? 0, sourceName: r.source?.name ?? "",
            sourceID: r.source?.id.uuidString ?? "", executionID: r.executionID?.uuidString ?? "", message: r.message,
            time: r.time)
    }
}

import CSluiceABI
import Foundation
import SluiceCore

/// A log provider implemented by a plugin (`sluice_log_provider_vtable`): open, one
/// `write_entry` call per logged event, close.
public final class PluginLogProvider: @unchecked Sendable {
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_log_provider_vtable>
    private let lock = NSLock()
    /// The package's name for the provider.
    private let name: String

    /// Creates an instance of the log provider `component` for the package's provider
    /// `settings` (its properties checked already, `path` among them when declared).
    /// - Throws: the failure of `create` or `set_property`.
    init(component: PluginComponent, descriptor: ComponentDescriptor, settings: LogProviderSettings) throws {
        instance = try PluginInstance(component: component, descriptor: descriptor, properties: settings.properties)
        vtable = instance.vtable(as: sluice_log_provider_vtable.self)
        name = settings.name
    }

    /// Calls the plugin's validate (at validation, before `open`).
    /// - Throws: `SLUICE_E_LOG_PROVIDER_INVALID` with the plugin's message and code.
    public func validate(in context: any TaskContext) throws {
        try instance.validate(in: context, failure: .logProviderInvalid, details: ["name": name, "kind": instance.descriptor.id])
    }

    public func open(in context: any TaskContext) throws {
        let raw = instance.raw
        try instance.call(context, "open", failure: .pluginCallFailed) { vtable.pointee.open(raw, $0, $1) }
    }

    /// Writes one entry; every string is borrowed for the call only.
    public func write(
        event: String, code: Int32, sourceName: String, sourceID: String, executionID: String, message: String, time: Date
    ) throws {
        lock.lock()
        defer { lock.unlock() }
        let error = ErrorBuffer()
        let status: sluice_status = event.withCString { e in
            sourceName.withCString { sn in
                sourceID.withCString { si in
                    executionID.withCString { x in
                        message.withCString { m in
                            var entry = sluice_log_entry(
                                struct_size: UInt32(MemoryLayout<sluice_log_entry>.size), code: code, event: e, source_name: sn,
                                source_id: si, execution_id: x, message: m, time_us: Int64(time.timeIntervalSince1970 * 1_000_000))
                            return vtable.pointee.write_entry(instance.raw, &entry, error.pointer)
                        }
                    }
                }
            }
        }
        guard status == SLUICE_OK else {
            throw error.failure(.pluginCallFailed, [
                "component": instance.descriptor.id, "function": "write_entry", "reason": error.message(orStatus: status),
            ])
        }
    }

    public func close() {
        let error = ErrorBuffer()
        _ = vtable.pointee.close(instance.raw, error.pointer)
    }
}

import CSluiceABI
import Foundation
import SluiceCore

/// One instance of a plugin component, of any kind: created with its properties, validated,
/// destroyed with this object. Every vtable starts with the same members (struct_size, create,
/// destroy, set_property, validate), so one type handles the common lifecycle; the kind-specific
/// calls live in ``PluginTask``, ``PluginEnumerator``, ``PluginLogProvider`` and
/// ``PluginConnection``.
final class PluginInstance: @unchecked Sendable {
    let component: PluginComponent
    let descriptor: ComponentDescriptor
    let raw: UnsafeMutableRawPointer?
    private let definition: CheckedDefinition
    /// The members every vtable shares, read from the host's copy of the plugin's table.
    private let common: UnsafePointer<sluice_task_vtable>

    /// Creates the instance; the first instance of a library's component opens the library.
    init(component: PluginComponent, descriptor: ComponentDescriptor, properties: ResolvedProperties) throws {
        self.component = component
        self.descriptor = descriptor
        definition = try component.definition()
        common = definition.vtable.table(as: sluice_task_vtable.self)
        let error = ErrorBuffer()
        var created: UnsafeMutableRawPointer?
        let status = common.pointee.create(definition.pointer, HostServices.table, &created, error.pointer)
        guard status == SLUICE_OK else {
            throw error.failure(.pluginCallFailed, [
                "component": descriptor.id, "function": "create", "reason": error.message(orStatus: status),
            ])
        }
        raw = created
        for spec in descriptor.properties {
            guard let value = properties[spec.name] else { continue }
            try setProperty(spec, value)
        }
    }

    deinit { common.pointee.destroy(raw) }

    /// The kind-specific function table, as the C struct the kind uses: the host's copy, at
    /// least as large as any vtable the host knows, so its members are always readable.
    func vtable<T>(as type: T.Type) -> UnsafePointer<T> {
        definition.vtable.table(as: T.self)
    }

    private func setProperty(_ spec: PropertySpec, _ value: JSONValue) throws {
        let error = ErrorBuffer()
        let status = ValueBridge.withPropertyValue(value, as: spec.kind) { common.pointee.set_property(raw, spec.name, $0, error.pointer) }
        guard status == SLUICE_OK else {
            throw error.failure(.pluginCallFailed, [
                "component": descriptor.id, "function": "set_property(\(spec.name))", "reason": error.message(orStatus: status),
            ])
        }
    }

    /// Calls the component's validate, if it has one; a failure is `failure` with `details`.
    func validate(in context: any TaskContext, failure: SluiceMessage = .validationFailed, details: [String: String] = [:]) throws {
        guard let validate = common.pointee.validate else { return }
        try call(context, "validate", failure: failure, details: details) { validate(raw, $0, $1) }
    }

    /// Makes one call with a context and an error buffer; a non-OK status becomes an error
    /// (or ``FailureAlreadyReported`` when the plugin raised its own errors during the call).
    /// `details` add to (or replace) the failure message's inserts. `emitSink` receives what a
    /// data flow component emits during the call.
    func call(
        _ context: any TaskContext, _ function: String, failure: SluiceMessage, details: [String: String] = [:],
        emitSink: ((Int32, ArrowArrayOwner) throws -> Void)? = nil,
        _ body: (OpaquePointer, UnsafeMutablePointer<sluice_error>) -> sluice_status
    ) throws {
        let error = ErrorBuffer()
        let call = CallContext(context, library: component.library.path)
        call.emitSink = emitSink
        let status = call.withPointer { body($0, error.pointer) }
        guard status == SLUICE_OK else {
            if call.errorsFired > 0 { throw FailureAlreadyReported() }
            if status == SLUICE_E_CANCELED {
                // One meaning per status: canceled only when a cancel was asked for.
                if context.isCanceled { throw CancellationError() }
                throw SluiceError(.pluginCanceledUnasked, ["component": descriptor.id, "function": function])
            }
            let reason = error.message(orStatus: status)
            throw error.failure(failure, [
                "executable": context.executableName, "task": context.executableName, "reason": reason,
                "component": descriptor.id, "function": function,
            ].merging(details) { $1 })
        }
    }
}

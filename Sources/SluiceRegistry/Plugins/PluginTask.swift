import CSluiceABI
import Foundation
import SluiceCore

/// A task implemented by a plugin: the ``TaskComponent`` face of a C `sluice_task_vtable`.
///
/// The instance is created when the run prepares the executable, receives its properties in
/// declared order, and is destroyed with this object. The plugin boundary is crossed once per
/// call (create, set_property, validate, execute, destroy), never per row.
final class PluginTask: TaskComponent, @unchecked Sendable {
    private let component: PluginComponent
    private let descriptor: ComponentDescriptor
    private let vtable: UnsafePointer<sluice_task_vtable>
    private let instance: UnsafeMutableRawPointer?
    init(component: PluginComponent, descriptor: ComponentDescriptor, properties: ResolvedProperties) throws {
        self.component = component
        self.descriptor = descriptor
        self.vtable = component.vtable(as: sluice_task_vtable.self)
        let error = ErrorBuffer()
        var created: UnsafeMutableRawPointer?
        let status = vtable.pointee.create(component.definition, HostServices.table, &created, error.pointer)
        guard status == SLUICE_OK else {
            throw SluiceError(.pluginCallFailed, [
                "component": descriptor.id, "function": "create", "reason": error.message(orStatus: status),
            ])
        }
        instance = created
        for spec in descriptor.properties {
            guard let value = properties[spec.name] else { continue }
            try setProperty(spec, value)
        }
    }

    deinit { vtable.pointee.destroy(instance) }

    private func setProperty(_ spec: PropertySpec, _ value: JSONValue) throws {
        let error = ErrorBuffer()
        var v = sluice_value()
        var status: sluice_status = SLUICE_OK
        func call() { status = vtable.pointee.set_property(instance, spec.name, &v, error.pointer) }
        switch spec.kind {
        case .string, .stringList:
            let text = value.stringValue ?? JSONWriter.compact(value)
            text.withCString { p in
                v.kind = SLUICE_VALUE_STRING
                v.as.string.data = p
                v.as.string.length = Int64(strlen(p))
                call()
            }
        case .integer:
            v.kind = SLUICE_VALUE_INT64
            v.as.int64 = value.intValue ?? 0
            call()
        case .real:
            v.kind = SLUICE_VALUE_DOUBLE
            v.as.float64 = value.doubleValue ?? 0
            call()
        case .boolean:
            v.kind = SLUICE_VALUE_BOOL
            v.as.boolean = value.boolValue == true ? 1 : 0
            call()
        }
        guard status == SLUICE_OK else {
            throw SluiceError(.pluginCallFailed, [
                "component": descriptor.id, "function": "set_property(\(spec.name))", "reason": error.message(orStatus: status),
            ])
        }
    }

    func validate(in context: any TaskContext) throws {
        guard let validate = vtable.pointee.validate else { return }
        let error = ErrorBuffer()
        let call = CallContext(context)
        let status = call.withPointer { validate(instance, $0, error.pointer) }
        guard status == SLUICE_OK else {
            if call.errorsFired > 0 { throw FailureAlreadyReported() }
            throw SluiceError(.validationFailed, ["executable": context.executableName, "reason": error.message(orStatus: status)])
        }
    }

    func execute(in context: any TaskContext) throws -> TaskOutcome {
        let error = ErrorBuffer()
        var out = sluice_value()
        out.kind = SLUICE_VALUE_NULL
        let call = CallContext(context)
        let status = call.withPointer { vtable.pointee.execute(instance, $0, &out, error.pointer) }
        switch status {
        case SLUICE_OK:
            let value = try? ValueBridge.value(from: out)
            return .success(value.flatMap { $0.isNull ? nil : $0 })
        case SLUICE_E_CANCELED:
            return .canceled
        default:
            if call.errorsFired > 0 { throw FailureAlreadyReported() }
            throw SluiceError(.taskFailed, ["task": context.executableName, "reason": error.message(orStatus: status)])
        }
    }
}

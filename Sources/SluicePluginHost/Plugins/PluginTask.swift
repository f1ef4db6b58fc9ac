import CSluiceABI
import Foundation
import SluiceCore

/// A task implemented by a plugin: the ``TaskComponent`` face of a C `sluice_task_vtable`.
///
/// The plugin boundary is crossed once per call (create, set_property, validate, execute,
/// destroy), never per row.
final class PluginTask: TaskComponent, @unchecked Sendable {
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_task_vtable>

    init(component: PluginComponent, descriptor: ComponentDescriptor, properties: ResolvedProperties) throws {
        instance = try PluginInstance(component: component, descriptor: descriptor, properties: properties)
        vtable = instance.vtable(as: sluice_task_vtable.self)
    }

    func validate(in context: any TaskContext) throws { try instance.validate(in: context) }

    func execute(in context: any TaskContext) throws -> TaskOutcome {
        var out = sluice_value()
        out.kind = SLUICE_VALUE_NULL
        let raw = instance.raw
        do {
            try instance.call(context, "execute", failure: .taskFailed) { vtable.pointee.execute(raw, $0, &out, $1) }
        } catch is CancellationError {
            return .canceled
        }
        let value = try? ValueBridge.value(from: out)
        return .success(value.flatMap { $0.isNull ? nil : $0 })
    }
}

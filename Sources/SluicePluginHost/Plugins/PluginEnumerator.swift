import CSluiceABI
import Foundation
import SluiceCore
import SluiceRegistry

/// A foreach enumerator implemented by a plugin (`sluice_enumerator_vtable`): begin, then next
/// until it reports the end, then end. One call per item, never per value. Made by the
/// factory the plugin host registers for the component (``ComponentRegistry/makeEnumerator(_:properties:owner:)``).
final class PluginEnumerator: ForeachEnumeratorComponent, @unchecked Sendable {
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_enumerator_vtable>
    private var begun = false

    /// Creates an instance of the enumerator `component`, its properties checked already.
    /// - Throws: the failure of `create` or `set_property`.
    init(component: PluginComponent, descriptor: ComponentDescriptor, properties: ResolvedProperties) throws {
        instance = try PluginInstance(component: component, descriptor: descriptor, properties: properties)
        vtable = instance.vtable(as: sluice_enumerator_vtable.self)
    }

    deinit { if begun { vtable.pointee.end(instance.raw) } }

    func validate(in context: any TaskContext) throws { try instance.validate(in: context) }

    func begin(in context: any TaskContext) throws {
        let raw = instance.raw
        try instance.call(context, "begin", failure: .pluginCallFailed) { vtable.pointee.begin(raw, $0, $1) }
        begun = true
    }

    /// The next item's values (at most `capacity`), or nil at the end.
    func next(in context: any TaskContext, capacity: Int) throws -> [Value]? {
        let slots = max(capacity, 1)
        let values = UnsafeMutablePointer<sluice_value>.allocate(capacity: slots)
        values.initialize(repeating: sluice_value(), count: slots)
        defer { values.deallocate() }
        var count: Int32 = 0
        let error = ErrorBuffer()
        let call = CallContext(context, library: instance.component.library.path)
        let raw = instance.raw
        let status = call.withPointer { vtable.pointee.next(raw, $0, values, Int32(slots), &count, error.pointer) }
        if status == SLUICE_NO_MORE_ITEMS { return nil }  // the only normal end: NOT_FOUND is an error
        guard status == SLUICE_OK else {
            if call.errorsFired > 0 { throw FailureAlreadyReported() }
            throw error.failure(.pluginCallFailed, [
                "component": instance.descriptor.id, "function": "next", "reason": error.message(orStatus: status),
            ])
        }
        // Values are borrowed until the next call: convert (copy) them now.
        return try (0..<Int(min(max(count, 0), Int32(slots)))).map { try ValueBridge.value(from: values[$0]) }
    }

    func end() {
        guard begun else { return }
        begun = false
        vtable.pointee.end(instance.raw)
    }
}

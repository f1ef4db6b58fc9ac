import CSluiceABI
import Foundation
import SluiceCore

/// A foreach enumerator implemented by a plugin (`sluice_enumerator_vtable`): begin, then next
/// until it reports the end, then end. One call per item, never per value.
public final class PluginEnumerator: @unchecked Sendable {
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_enumerator_vtable>
    private var begun = false

    /// Makes an instance of the enumerator component `id` of `registry`.
    /// - Throws: `SLUICE_E_COMPONENT_UNKNOWN`, `SLUICE_E_COMPONENT_KIND_MISMATCH`, property errors.
    public init(_ id: String, registry: ComponentRegistry, properties: JSONObject, owner: String) throws {
        guard let entry = registry.entry(for: id) else { throw SluiceError(.componentUnknown, ["executable": owner, "id": id]) }
        guard case .plugin(let component) = entry.factory, entry.descriptor.kind == .foreachEnumerator else {
            throw SluiceError(.componentKindMismatch, [
                "executable": owner, "id": id, "expected": "foreach-enumerator", "actual": entry.descriptor.kind.rawValue,
            ])
        }
        let resolved = try PropertyResolver.resolve(properties, for: entry.descriptor, owner: owner)
        instance = try PluginInstance(component: component, descriptor: entry.descriptor, properties: resolved)
        vtable = instance.vtable(as: sluice_enumerator_vtable.self)
    }

    deinit { if begun { vtable.pointee.end(instance.raw) } }

    public func validate(in context: any TaskContext) throws { try instance.validate(in: context) }

    public func begin(in context: any TaskContext) throws {
        let raw = instance.raw
        try instance.call(context, "begin", failure: .pluginCallFailed) { vtable.pointee.begin(raw, $0, $1) }
        begun = true
    }

    /// The next item's values (at most `capacity`), or nil at the end.
    public func next(in context: any TaskContext, capacity: Int) throws -> [Value]? {
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

    public func end() {
        guard begun else { return }
        begun = false
        vtable.pointee.end(instance.raw)
    }
}

import CSluiceABI

/// The one `sluice_enumerator_vtable` shared by every Swift enumerator: allocated once, never freed.
enum EnumeratorVTable {
    /// Written once, during the thread-safe lazy initialization of this static, and only read after.
    nonisolated(unsafe) static let shared: UnsafeRawPointer = {
        let table = UnsafeMutablePointer<sluice_enumerator_vtable>.allocate(capacity: 1)
        table.initialize(to: sluice_enumerator_vtable(
            struct_size: UInt32(MemoryLayout<sluice_enumerator_vtable>.size),
            create: { def, host, outInstance, err in ComponentCalls.create(def, host, outInstance, err) },
            destroy: { instance in ComponentCalls.destroy(instance) },
            set_property: { instance, name, value, err in ComponentCalls.setProperty(instance, name, value, err) },
            validate: { instance, context, err in ComponentCalls.validate(instance, context, err) },
            begin: { instance, context, err in EnumeratorCalls.begin(instance, context, err) },
            next: { instance, context, values, capacity, count, err in
                EnumeratorCalls.next(instance, context, values, capacity, count, err)
            },
            end: { instance in EnumeratorCalls.end(instance) }))
        return UnsafeRawPointer(table)
    }()
}

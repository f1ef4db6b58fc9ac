import CSluiceABI

/// The one `sluice_task_vtable` shared by every Swift task: allocated once, never freed.
///
/// Its members are `@convention(c)` closures without captures (a C function pointer cannot carry
/// context); they find the Swift type through `def->user_data` and the object through `instance`.
enum TaskVTable {
    /// Written once, during the thread-safe lazy initialization of this static, and only read after.
    nonisolated(unsafe) static let shared: UnsafeRawPointer = {
        let table = UnsafeMutablePointer<sluice_task_vtable>.allocate(capacity: 1)
        table.initialize(to: sluice_task_vtable(
            struct_size: UInt32(MemoryLayout<sluice_task_vtable>.size),
            create: { def, host, outInstance, err in ComponentCalls.create(def, host, outInstance, err) },
            destroy: { instance in ComponentCalls.destroy(instance) },
            set_property: { instance, name, value, err in ComponentCalls.setProperty(instance, name, value, err) },
            validate: { instance, context, err in ComponentCalls.validate(instance, context, err) },
            execute: { instance, context, value, err in TaskCalls.execute(instance, context, value, err) }))
        return UnsafeRawPointer(table)
    }()
}

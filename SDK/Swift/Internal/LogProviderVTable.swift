import CSluiceABI

/// The one `sluice_log_provider_vtable` shared by every Swift log provider: allocated once, never freed.
enum LogProviderVTable {
    /// Written once, during the thread-safe lazy initialization of this static, and only read after.
    nonisolated(unsafe) static let shared: UnsafeRawPointer = {
        let table = UnsafeMutablePointer<sluice_log_provider_vtable>.allocate(capacity: 1)
        table.initialize(to: sluice_log_provider_vtable(
            struct_size: UInt32(MemoryLayout<sluice_log_provider_vtable>.size),
            create: { def, host, outInstance, err in ComponentCalls.create(def, host, outInstance, err) },
            destroy: { instance in ComponentCalls.destroy(instance) },
            set_property: { instance, name, value, err in ComponentCalls.setProperty(instance, name, value, err) },
            validate: { instance, context, err in ComponentCalls.validate(instance, context, err) },
            open: { instance, context, err in LogProviderCalls.open(instance, context, err) },
            write_entry: { instance, entry, err in LogProviderCalls.writeEntry(instance, entry, err) },
            close: { instance, err in LogProviderCalls.close(instance, err) }))
        return UnsafeRawPointer(table)
    }()
}

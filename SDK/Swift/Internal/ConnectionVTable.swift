import CSluiceABI

/// The one `sluice_connection_vtable` shared by every Swift connection manager: allocated once, never freed.
enum ConnectionVTable {
    /// Written once, during the thread-safe lazy initialization of this static, and only read after.
    nonisolated(unsafe) static let shared: UnsafeRawPointer = {
        let table = UnsafeMutablePointer<sluice_connection_vtable>.allocate(capacity: 1)
        table.initialize(to: sluice_connection_vtable(
            struct_size: UInt32(MemoryLayout<sluice_connection_vtable>.size),
            create: { def, host, outInstance, err in ComponentCalls.create(def, host, outInstance, err) },
            destroy: { instance in ComponentCalls.destroy(instance) },
            set_property: { instance, name, value, err in ComponentCalls.setProperty(instance, name, value, err) },
            validate: { instance, context, err in ComponentCalls.validate(instance, context, err) },
            acquire: { instance, context, connection, err in ConnectionCalls.acquire(instance, context, connection, err) },
            release: { instance, connection in ConnectionCalls.release(instance, connection) }))
        return UnsafeRawPointer(table)
    }()
}

import CSluiceABI

/// The Swift side of `sluice_task_vtable.execute` (the common members are ``ComponentCalls``).
/// Every error thrown by plugin code becomes a status and a message in `err`.
enum TaskCalls {
    static func execute(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ outValue: UnsafeMutablePointer<sluice_value>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (instance, task) = ComponentCalls.component(pointer, as: (any PluginTask).self, "execute", err) else {
            return SLUICE_E_INVALID_ARGUMENT
        }
        instance.valueStorage = []  // the previous value's data may go now
        do {
            let value = try task.execute(instance.context(handle))
            if let value, let outValue, let storage = value.copy(to: outValue) {
                instance.valueStorage = [storage]
            }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }
}

import CSluiceABI

/// The Swift side of each `sluice_task_vtable` function. Each one catches every error thrown by
/// plugin code, writes its message into `err` and returns a status: nothing thrown crosses into C.
enum TaskCalls {
    static func create(
        _ def: UnsafePointer<sluice_component_def>?, _ host: UnsafePointer<sluice_host_api>?,
        _ outInstance: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let def, let host, let outInstance, let userData = def.pointee.user_data else {
            return fail(.invalidArgument, "create: NULL definition, host, user_data or out_instance", err)
        }
        let factory = Unmanaged<TaskFactory>.fromOpaque(userData).takeUnretainedValue()
        let instance = TaskInstance(factory: factory, host: host)
        outInstance.pointee = Unmanaged.passRetained(instance).toOpaque()
        return SLUICE_OK
    }

    static func destroy(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        Unmanaged<TaskInstance>.fromOpaque(pointer).release()
    }

    static func setProperty(
        _ pointer: UnsafeMutableRawPointer?, _ cName: UnsafePointer<CChar>?, _ cValue: UnsafePointer<sluice_value>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let pointer, let cName, let cValue else {
            return fail(.invalidArgument, "set_property: NULL instance, name or value", err)
        }
        let instance = TaskInstance.from(pointer)
        let name = String(cString: cName)
        let id = instance.factory.id
        guard let declared = instance.factory.property(named: name) else {
            return fail(.notFound, "task '\(id)' has no property '\(name)'", err)
        }
        guard let value = PluginValue(copying: cValue.pointee) else {
            let kind = cValue.pointee.kind
            return fail(.typeMismatch, "property '\(name)' of task '\(id)': unknown value kind \(kind)", err)
        }
        guard declared.type.accepts(value) else {
            return fail(.typeMismatch, "property '\(name)' of task '\(id)' is \(declared.type), got \(value)", err)
        }
        do {
            try instance.task.setProperty(name, value)
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func validate(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let pointer else { return fail(.invalidArgument, "validate: NULL instance", err) }
        let instance = TaskInstance.from(pointer)
        let context = instance.context(handle)
        do {
            try instance.task.validate(context)
            return SLUICE_OK
        } catch {
            // sluice_plugin.h: validation problems are reported with fire_error and a non-OK status.
            let failure = PluginError(describing: error)
            context.fireError(failure.message, code: failure.code)
            return ErrorBuffer.report(failure, to: err)
        }
    }

    static func execute(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ outValue: UnsafeMutablePointer<sluice_value>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let pointer else { return fail(.invalidArgument, "execute: NULL instance", err) }
        let instance = TaskInstance.from(pointer)
        instance.executionValueStorage = nil  // the previous value's data may go now
        do {
            let value = try instance.task.execute(instance.context(handle))
            if let value, let outValue {
                instance.executionValueStorage = value.copy(to: outValue)
            }
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    private static func fail(
        _ status: PluginError.Status, _ message: String, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        ErrorBuffer.report(PluginError(status, message), to: err)
    }
}

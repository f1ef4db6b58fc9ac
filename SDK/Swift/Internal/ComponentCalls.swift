import CSluiceABI

/// The Swift side of the members every vtable starts with (`create`, `destroy`, `set_property`,
/// `validate`), shared by all kinds. Each one catches every error thrown by plugin code, writes
/// its message into `err` and returns a status: nothing thrown crosses into C.
enum ComponentCalls {
    static func create(
        _ def: UnsafePointer<sluice_component_def>?, _ host: UnsafePointer<sluice_host_api>?,
        _ outInstance: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let def, let host, let outInstance, let userData = def.pointee.user_data else {
            return fail(.invalidArgument, "create: NULL definition, host, user_data or out_instance", err)
        }
        let factory = Unmanaged<ComponentFactory>.fromOpaque(userData).takeUnretainedValue()
        let instance = ComponentInstance(factory: factory, host: host)
        outInstance.pointee = Unmanaged.passRetained(instance).toOpaque()
        return SLUICE_OK
    }

    static func destroy(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        Unmanaged<ComponentInstance>.fromOpaque(pointer).release()
    }

    static func setProperty(
        _ pointer: UnsafeMutableRawPointer?, _ cName: UnsafePointer<CChar>?, _ cValue: UnsafePointer<sluice_value>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let pointer, let cName, let cValue else {
            return fail(.invalidArgument, "set_property: NULL instance, name or value", err)
        }
        let instance = ComponentInstance.from(pointer)
        let name = String(cString: cName)
        let id = instance.factory.id
        guard let declared = instance.factory.property(named: name) else {
            return fail(.notFound, "component '\(id)' has no property '\(name)'", err)
        }
        guard let value = PluginValue(copying: cValue.pointee) else {
            let kind = cValue.pointee.kind
            return fail(.typeMismatch, "property '\(name)' of component '\(id)': unknown value kind \(kind)", err)
        }
        guard declared.type.accepts(value) else {
            return fail(.typeMismatch, "property '\(name)' of component '\(id)' is \(declared.type), got \(value)", err)
        }
        do {
            try instance.component.setProperty(name, value)
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func validate(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let pointer else { return fail(.invalidArgument, "validate: NULL instance", err) }
        let instance = ComponentInstance.from(pointer)
        let context = instance.context(handle)
        do {
            try instance.component.validate(context)
            return SLUICE_OK
        } catch {
            // sluice_plugin.h: validation problems are reported with fire_error and a non-OK status.
            let failure = PluginError(describing: error)
            context.fireError(failure.message, code: failure.code)
            return ErrorBuffer.report(failure, to: err)
        }
    }

    /// The instance behind `pointer` when its component has kind `Kind`; otherwise writes why
    /// not into `err` (a NULL instance, or a vtable of one kind called on another).
    static func component<Kind>(
        _ pointer: UnsafeMutableRawPointer?, as kind: Kind.Type, _ function: String, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> (ComponentInstance, Kind)? {
        guard let pointer else {
            _ = fail(.invalidArgument, "\(function): NULL instance", err)
            return nil
        }
        let instance = ComponentInstance.from(pointer)
        guard let component = instance.component as? Kind else {
            _ = fail(.invalidArgument, "\(function): component '\(instance.factory.id)' is not a \(Kind.self)", err)
            return nil
        }
        return (instance, component)
    }

    static func fail(
        _ status: PluginError.Status, _ message: String, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        ErrorBuffer.report(PluginError(status, message), to: err)
    }
}

import CSluiceABI

/// The Swift side of `sluice_log_provider_vtable`'s own members: `open`, `write_entry`, `close`.
enum LogProviderCalls {
    static func open(
        _ pointer: UnsafeMutableRawPointer?, _ handle: OpaquePointer?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (instance, provider) = ComponentCalls.component(pointer, as: (any PluginLogProvider).self, "open", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            try provider.open(instance.context(handle))
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func writeEntry(
        _ pointer: UnsafeMutableRawPointer?, _ cEntry: UnsafePointer<sluice_log_entry>?, _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let (_, provider) = ComponentCalls.component(pointer, as: (any PluginLogProvider).self, "write_entry", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        guard let cEntry else { return ComponentCalls.fail(.invalidArgument, "write_entry: NULL entry", err) }
        do {
            try provider.write(PluginLogEntry(copying: cEntry))
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }

    static func close(_ pointer: UnsafeMutableRawPointer?, _ err: UnsafeMutablePointer<sluice_error>?) -> sluice_status {
        guard let (_, provider) = ComponentCalls.component(pointer, as: (any PluginLogProvider).self, "close", err)
        else { return SLUICE_E_INVALID_ARGUMENT }
        do {
            try provider.close()
            return SLUICE_OK
        } catch {
            return ErrorBuffer.report(error, to: err)
        }
    }
}

extension PluginLogEntry {
    /// Copies the host's entry, whose strings are borrowed for the call (NULL reads as "").
    init(copying entry: UnsafePointer<sluice_log_entry>) {
        func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        let e = entry.pointee
        self.init(
            event: text(e.event), code: e.code, sourceName: text(e.source_name), sourceID: text(e.source_id),
            executionID: text(e.execution_id), message: text(e.message), timeMicroseconds: e.time_us)
    }
}

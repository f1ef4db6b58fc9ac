import CSluiceABI
import Foundation
import SluiceCore

extension ComponentProbe {
    /// The events a log provider is handed in a run: every kind, and a custom one (`PluginLog`).
    static let loggedEvents = EventKind.allCases.map { $0 == .custom ? "PluginLog" : $0.rawValue }

    /// The log provider lifecycle: open; write_entry for each kind of event; close; then open,
    /// write and close again (child packages reopen a provider in one run).
    func checkLogProvider(_ instance: Instance) {
        let vtable = definition.vtable.table(as: sluice_log_provider_vtable.self)
        step("open")
        let opened = call { ctx, err in vtable.pointee.open(instance.raw, ctx, err) }
        if case .failed(let reason) = opened {
            note("the log provider lifecycle", "open refused the configuration (\(reason))")
            return
        }
        for event in Self.loggedEvents {
            step("write_entry(\(event))")
            guard write(instance, vtable, event: event) else { break }
        }
        step("close")
        guard close(instance, vtable) else { return }

        step("open after close")
        let reopened = call { ctx, err in vtable.pointee.open(instance.raw, ctx, err) }
        guard expectOK(reopened, expected: "SLUICE_OK: a provider is opened again after close (child packages do it)") else { return }
        step("write_entry after the second open")
        _ = write(instance, vtable, event: EventKind.information.rawValue)
        step("close after the second open")
        _ = close(instance, vtable)
    }

    private static let sampleSource = "Check"
    private static let sampleID = "00000000-0000-4000-8000-000000000001"

    private func write(_ instance: Instance, _ vtable: UnsafePointer<sluice_log_provider_vtable>, event: String) -> Bool {
        let error = ErrorBuffer()
        let message = "sluice plugins check: a sample \(event) entry"
        let status = event.withCString { e in
            message.withCString { m in
                Self.sampleSource.withCString { source in
                    Self.sampleID.withCString { uuid in
                        var entry = sluice_log_entry(
                            struct_size: UInt32(MemoryLayout<sluice_log_entry>.size), code: 0, event: e, source_name: source,
                            source_id: uuid, execution_id: uuid, message: m, time_us: Int64(Date().timeIntervalSince1970 * 1_000_000))
                        return vtable.pointee.write_entry(instance.raw, &entry, error.pointer)
                    }
                }
            }
        }
        return expectOK(judge(status, error), expected: "SLUICE_OK for an entry after a successful open")
    }

    private func close(_ instance: Instance, _ vtable: UnsafePointer<sluice_log_provider_vtable>) -> Bool {
        let error = ErrorBuffer()
        return expectOK(judge(vtable.pointee.close(instance.raw, error.pointer), error), expected: "SLUICE_OK from close after a successful open")
    }
}

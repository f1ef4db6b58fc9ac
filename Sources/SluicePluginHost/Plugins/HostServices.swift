import CSluiceABI
import Foundation
import SluiceCore

/// The host services table handed to every plugin, and the per-call context behind the
/// opaque `sluice_context *` it receives.
///
/// The table is built once and lives for the life of the process. Every function in it is a
/// capture-free C function that finds its Swift state through the context pointer.
enum HostServices {
    nonisolated(unsafe) static let table: UnsafeMutablePointer<sluice_host_api> = {
        let t = UnsafeMutablePointer<sluice_host_api>.allocate(capacity: 1)
        t.initialize(to: sluice_host_api(
            struct_size: UInt32(MemoryLayout<sluice_host_api>.size),
            abi_major: HostABI.major, abi_minor: HostABI.minor,
            fire_error: { ctx, code, message in
                guard let call = CallContext.from(ctx) else { return }
                call.errorsFired += 1
                call.task.raise(.error(code: code, message: text(message)))
            },
            fire_warning: { ctx, code, message in
                CallContext.from(ctx)?.task.raise(.warning(code: code, message: text(message)))
            },
            fire_information: { ctx, code, message in
                CallContext.from(ctx)?.task.raise(.information(code: code, message: text(message)))
            },
            fire_progress: { ctx, percent, message in
                CallContext.from(ctx)?.task.raise(.progress(percent: Int(min(max(percent, 0), 100)), message: text(message)))
            },
            fire_custom: { ctx, name, message in
                CallContext.from(ctx)?.task.raise(.custom(name: text(name), text: text(message)))
            },
            write_log: { ctx, level, message in
                // A custom log entry, as the header says: no OnInformation/OnWarning/OnError.
                CallContext.from(ctx)?.task.raise(.custom(name: "PluginLog", text: "\(levelName(level)): \(text(message))"))
            },
            variable_get: { ctx, name, out, err in
                guard let call = CallContext.from(ctx), let name, let out else { return invalidArgument(err) }
                return call.guarded(err) {
                    let typed = try call.task.variable(String(cString: name))
                    try ValueBridge.fill(out, with: typed.value, storage: call)
                }
            },
            variable_set: { ctx, name, value, err in
                guard let call = CallContext.from(ctx), let name, let value else { return invalidArgument(err) }
                return call.guarded(err) {
                    try call.task.setVariable(String(cString: name), to: try ValueBridge.value(from: value.pointee))
                }
            },
            connection_string: { ctx, name, out, err in
                guard let call = CallContext.from(ctx), let name, let out else { return invalidArgument(err) }
                return call.guarded(err) {
                    let connection = try call.task.connection(named: String(cString: name))
                    out.pointee = UnsafePointer(try call.keep(connection.connectionString))
                }
            },
            is_canceled: { ctx in CallContext.from(ctx)?.task.isCanceled == true ? 1 : 0 },
            allocate: { size in AllocationLedger.allocate(size) },
            deallocate: { pointer in AllocationLedger.deallocate(pointer) },
            connection_acquire: { ctx, name, outConnection, outString, err in
                guard let call = CallContext.from(ctx), let name else { return invalidArgument(err) }
                return call.guarded(err) {
                    let (handle, string) = try call.acquireConnection(String(cString: name))
                    outConnection?.pointee = handle
                    outString?.pointee = UnsafePointer(string)
                }
            },
            emit: { ctx, output, batch, err in emitBatch(ctx, output, batch, err) }))
        return t
    }()

    /// A plugin's message, read no further than SLUICE_EVENT_MESSAGE_MAX bytes: a longer one is
    /// cut at a character boundary and marked.
    static func text(_ p: UnsafePointer<CChar>?) -> String {
        guard let p else { return "" }
        let limit = Int(SLUICE_EVENT_MESSAGE_MAX)
        let length = strnlen(p, limit + 1)
        let bytes = UnsafeRawBufferPointer(start: p, count: min(length, limit))
        let text = String(decoding: bytes, as: UTF8.self)
        guard length > limit else { return text }
        // A character cut in two decodes as U+FFFD at the end: drop it.
        return String(text.unicodeScalars.reversed().drop { $0 == "\u{FFFD}" }.reversed().map(Character.init)) + "… [truncated]"
    }

    /// The name `write_log` gives a level in its entry's text.
    static func levelName(_ level: Int32) -> String {
        switch level {
        case SLUICE_LOG_DEBUG: "DEBUG"
        case SLUICE_LOG_INFO: "INFO"
        case SLUICE_LOG_WARNING: "WARNING"
        case SLUICE_LOG_ERROR: "ERROR"
        default: "LEVEL \(level)"
        }
    }

    /// `emit`: moves the batch out of the plugin's struct first, so it is released exactly once
    /// whatever happens next, then hands it to the data flow call's sink.
    private static func emitBatch(
        _ ctx: OpaquePointer?, _ output: Int32, _ batch: UnsafeMutablePointer<ArrowArray>?,
        _ err: UnsafeMutablePointer<sluice_error>?
    ) -> sluice_status {
        guard let batch else { return invalidArgument(err) }
        guard batch.pointee.release != nil else {
            CallContext.from(ctx)?.releasedBatchesEmitted += 1
            ErrorBuffer.write("emit: the batch was already released (its release is NULL)", code: 0, into: err)
            return SLUICE_E_INVALID_ARGUMENT
        }
        let moved = ArrowArrayOwner(moving: batch)
        guard let call = CallContext.from(ctx), let sink = call.emitSink else {
            ErrorBuffer.write("emit: only a data flow component may emit, during produce, process or end_of_input", code: 0, into: err)
            return SLUICE_E_UNSUPPORTED
        }
        return call.guarded(err) { try sink(output, moved) }
    }

    private static func invalidArgument(_ err: UnsafeMutablePointer<sluice_error>?) -> sluice_status {
        ErrorBuffer.write("a required argument was NULL", code: 0, into: err)
        return SLUICE_E_INVALID_ARGUMENT
    }
}

/// `allocate` of the host table: plugin memory the host may free, and host memory the plugin
/// frees with `deallocate`.
enum HostMemory {
    /// At least 16-byte aligned (glibc's `malloc`); size 0 gives a unique pointer that must be
    /// deallocated like any other; a size that cannot be had gives NULL (never a trap).
    static func allocate(_ size: UInt64) -> UnsafeMutableRawPointer? {
        guard size <= UInt64(Int.max) else { return nil }
        return malloc(max(Int(size), 1))
    }
}

/// The Swift state behind one `sluice_context *`: the task context of the call, plus the
/// memory of strings handed to the plugin, which stay valid until the next call that hands out
/// a string, or until the call ends.
final class CallContext {
    let task: any TaskContext
    /// The path of the plugin library making the call: only its own connection handles are
    /// handed to it (nil: no library's).
    let library: String?
    /// Errors the plugin raised during this call: a failure it already reported is not raised twice.
    var errorsFired = 0
    /// Where `emit` sends a data flow component's batches during this call (set by the data
    /// flow engine's adapter; nil outside a data flow call). It gets the moved batch, whose
    /// owner releases it exactly once; a thrown error becomes the status and message of `emit`.
    var emitSink: ((_ output: Int32, _ batch: ArrowArrayOwner) throws -> Void)?
    /// Batches the plugin emitted with a NULL `release` during this call (refused; counted for
    /// `sluice plugins check`).
    var releasedBatchesEmitted = 0
    private var borrowed: [UnsafeMutableRawPointer] = []

    init(_ task: any TaskContext, library: String? = nil) {
        self.task = task
        self.library = library
    }

    deinit { releaseBorrowed() }

    static func from(_ ctx: OpaquePointer?) -> CallContext? {
        guard let ctx else { return nil }
        return Unmanaged<CallContext>.fromOpaque(UnsafeRawPointer(ctx)).takeUnretainedValue()
    }

    /// Runs `body` with the opaque pointer the plugin receives; the pointer dies with the call.
    func withPointer<R>(_ body: (OpaquePointer) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(OpaquePointer(Unmanaged.passUnretained(self).toOpaque())) }
    }

    /// `connection_acquire`: the acquired connection `name` for the calling library, its
    /// string kept for the plugin to borrow. Nothing is handed out on a failure.
    /// - Throws: `SLUICE_E_CONNECTION_FOREIGN` for another library's connection.
    func acquireConnection(_ name: String) throws -> (UnsafeMutableRawPointer?, UnsafeMutablePointer<CChar>) {
        let acquired = try task.acquireConnection(named: name, for: library)
        // The runtime refuses first (before acquiring); this keeps any context honest.
        if let owner = acquired.library, owner != library {
            let kind = (try? task.connection(named: name).kind) ?? "a plugin kind"
            throw SluiceError(.connectionForeign, ["executable": task.executableName, "name": name, "kind": kind, "library": owner])
        }
        return (acquired.handle, try keep(acquired.connectionString))
    }

    /// Copies `string` into memory the plugin may borrow, replacing what it borrowed before:
    /// every UTF-8 byte (a U+0000 inside included, so the length handed out with it covers only
    /// copied bytes) and a terminating NUL.
    /// - Throws: when the memory cannot be had.
    func keep(_ string: String) throws -> UnsafeMutablePointer<CChar> {
        let bytes = Array(string.utf8)
        return try keep(bytes: bytes).withMemoryRebound(to: CChar.self, capacity: bytes.count + 1) { $0 }
    }

    /// Copies `bytes` and a NUL after them into memory the plugin may borrow.
    func keep(bytes: [UInt8]) throws -> UnsafeMutablePointer<UInt8> {
        releaseBorrowed()
        guard let raw = HostMemory.allocate(UInt64(bytes.count) + 1) else {
            throw SluiceError(.pluginCallFailed, ["component": "host", "function": "a host service", "reason": "out of memory for a value of \(bytes.count) bytes"])
        }
        let p = raw.bindMemory(to: UInt8.self, capacity: bytes.count + 1)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { p.initialize(from: base, count: bytes.count) }
        }
        p[bytes.count] = 0
        borrowed.append(raw)
        return p
    }

    private func releaseBorrowed() {
        for p in borrowed { free(p) }
        borrowed.removeAll()
    }

    /// Runs a host service, turning a thrown error into a status and a message for the plugin.
    func guarded(_ err: UnsafeMutablePointer<sluice_error>?, _ body: () throws -> Void) -> sluice_status {
        do {
            try body()
            return SLUICE_OK
        } catch let e as SluiceError {
            ErrorBuffer.write(e.description, code: e.code, into: err)
            switch e.message {
            case .variableNotFound, .connectionNotFound, .parameterNotFound: return SLUICE_E_NOT_FOUND
            case .variableReadOnly: return SLUICE_E_READ_ONLY
            case .typeMismatch, .connectionForeign: return SLUICE_E_TYPE_MISMATCH
            case .runCanceled: return SLUICE_E_CANCELED
            case .arrowArrayInvalid, .arrowSchemaInvalid, .arrowFormatUnsupported, .arrowArrayReleased, .dataFlowPortsInvalid:
                return SLUICE_E_INVALID_ARGUMENT
            default: return SLUICE_E_FAILED
            }
        } catch {
            ErrorBuffer.write(String(describing: error), code: 0, into: err)
            return SLUICE_E_FAILED
        }
    }
}

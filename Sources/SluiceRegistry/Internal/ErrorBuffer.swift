import CSluiceABI
import SluiceCore

/// A zeroed `sluice_error` that a plugin writes its message into. The struct's message is a
/// fixed C array, which Swift sees as a tuple; reading it through its offset keeps that out of
/// sight.
final class ErrorBuffer {
    let pointer: UnsafeMutablePointer<sluice_error>

    init() {
        pointer = .allocate(capacity: 1)
        UnsafeMutableRawPointer(pointer).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<sluice_error>.size)
    }

    deinit { pointer.deallocate() }

    /// The code the plugin set (0 when none).
    var code: Int32 { pointer.pointee.code }

    /// The message the plugin wrote, or a description of the status when it wrote none.
    func message(orStatus status: sluice_status) -> String {
        let offset = MemoryLayout<sluice_error>.offset(of: \sluice_error.message)!
        let raw = UnsafeMutableRawPointer(pointer) + offset
        // Terminate defensively: a plugin may have filled all bytes.
        raw.storeBytes(of: 0, toByteOffset: Int(SLUICE_ERROR_MESSAGE_SIZE) - 1, as: UInt8.self)
        let text = String(cString: raw.assumingMemoryBound(to: CChar.self))
        return text.isEmpty ? "status \(status) (\(StatusName.of(status)))" : text
    }

    /// The host's error for a failed call, carrying the plugin's own code when it gave one
    /// (``PluginCodes``): it reaches the OnError event and the log.
    func failure(_ message: SluiceMessage, _ inserts: [String: String]) -> SluiceError {
        var error = SluiceError(message, inserts)
        error.pluginCode = PluginCodes.accepted(code)
        return error
    }

    /// Writes `text` (truncated to fit) for a plugin to read.
    static func write(_ text: String, code: Int32, into error: UnsafeMutablePointer<sluice_error>?) {
        guard let error else { return }
        error.pointee.code = code
        let offset = MemoryLayout<sluice_error>.offset(of: \sluice_error.message)!
        let raw = (UnsafeMutableRawPointer(error) + offset).assumingMemoryBound(to: UInt8.self)
        var bytes = Array(text.utf8.prefix(Int(SLUICE_ERROR_MESSAGE_SIZE) - 1))
        bytes.append(0)
        raw.update(from: bytes, count: bytes.count)
    }
}

enum StatusName {
    static func of(_ status: sluice_status) -> String {
        switch status {
        case SLUICE_OK: "SLUICE_OK"
        case SLUICE_E_INVALID_ARGUMENT: "SLUICE_E_INVALID_ARGUMENT"
        case SLUICE_E_UNSUPPORTED: "SLUICE_E_UNSUPPORTED"
        case SLUICE_E_IO: "SLUICE_E_IO"
        case SLUICE_E_FAILED: "SLUICE_E_FAILED"
        case SLUICE_E_CANCELED: "SLUICE_E_CANCELED"
        case SLUICE_E_NOT_FOUND: "SLUICE_E_NOT_FOUND"
        case SLUICE_E_TYPE_MISMATCH: "SLUICE_E_TYPE_MISMATCH"
        case SLUICE_E_READ_ONLY: "SLUICE_E_READ_ONLY"
        case SLUICE_E_NO_MEMORY: "SLUICE_E_NO_MEMORY"
        case SLUICE_NO_MORE_ITEMS: "SLUICE_NO_MORE_ITEMS"
        default: "unknown status"
        }
    }
}

import CSluiceABI
import SluiceCBoundary
import SluiceCore

/// A zeroed `sluice_error` that a plugin writes its message into, owned by the host for one
/// call and freed with this object. Its message is read and written only through
/// ``ErrorMessageBuffer``, the rule the Swift SDK shares.
final class ErrorBuffer {
    let pointer: UnsafeMutablePointer<sluice_error>

    init() {
        pointer = .allocate(capacity: 1)
        UnsafeMutableRawPointer(pointer).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<sluice_error>.size)
    }

    deinit { pointer.deallocate() }

    /// The code the plugin set (0 when none).
    var code: Int32 { pointer.pointee.code }

    /// The message the plugin wrote (read no further than the buffer, invalid UTF-8 replaced),
    /// or a description of the status when it wrote none.
    func message(orStatus status: sluice_status) -> String {
        let text = ErrorMessageBuffer.read(pointer)
        return text.isEmpty ? "status \(status) (\(StatusName.of(status)))" : text
    }

    /// The host's error for a failed call, carrying the plugin's own code when it gave one
    /// (``PluginCodes``): it reaches the OnError event and the log.
    func failure(_ message: SluiceMessage, _ inserts: [String: String]) -> SluiceError {
        var error = SluiceError(message, inserts)
        error.pluginCode = PluginCodes.accepted(code)
        return error
    }

    /// Writes `text` for a plugin to read, cut at a character boundary to fit.
    static func write(_ text: String, code: Int32, into error: UnsafeMutablePointer<sluice_error>?) {
        ErrorMessageBuffer.write(text, code: code, to: error)
    }
}

import CSluiceABI
import SluiceCBoundary

/// Hands a thrown error back to C: the message goes into the caller's `sluice_error` by the one
/// rule both sides share (``ErrorMessageBuffer``).
enum ErrorBuffer {
    /// Writes any error thrown by plugin code and returns the status to hand back to C.
    static func report(_ error: any Error, to buffer: UnsafeMutablePointer<sluice_error>?) -> sluice_status {
        let failure = PluginError(describing: error)
        ErrorMessageBuffer.write(failure.message, code: failure.code, to: buffer)
        return failure.status.rawValue
    }
}

extension PluginError {
    /// Normalizes any error into a ``PluginError`` with a non-OK status.
    init(describing error: any Error) {
        if var known = error as? PluginError {
            if known.status == .ok { known.status = .failed }
            self = known
        } else if error is CancellationError {
            self.init(.canceled, "canceled", cause: error)
        } else {
            self.init(.failed, String(describing: error), cause: error)
        }
    }
}

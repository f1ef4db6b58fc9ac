import CSluiceABI

/// Reads and writes the message of a `sluice_error` without ever overrunning it.
enum ErrorBuffer {
    /// Writes `message` as NUL-terminated UTF-8 of at most `SLUICE_ERROR_MESSAGE_SIZE - 1` bytes,
    /// cut before a partial character, and sets `code`. Does nothing when `error` is NULL.
    static func write(_ message: String, code: Int32, to error: UnsafeMutablePointer<sluice_error>?) {
        guard let error else { return }
        error.pointee.code = code
        withUnsafeMutableBytes(of: &error.pointee.message) { buffer in
            guard buffer.count > 0 else { return }
            let utf8 = Array(message.utf8)
            var length = min(utf8.count, buffer.count - 1)
            // Back off while the first byte left out is a continuation byte (10xxxxxx).
            while length > 0, length < utf8.count, utf8[length] & 0xC0 == 0x80 { length -= 1 }
            for index in 0..<length { buffer[index] = utf8[index] }
            buffer[length] = 0
        }
    }

    /// The message in `error`, read up to the first NUL or the end of the buffer.
    static func read(_ error: inout sluice_error) -> String {
        withUnsafeBytes(of: &error.message) { buffer in
            let bytes = buffer.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Writes any error thrown by plugin code and returns the status to hand back to C.
    static func report(_ error: any Error, to buffer: UnsafeMutablePointer<sluice_error>?) -> sluice_status {
        let failure = PluginError(describing: error)
        write(failure.message, code: failure.code, to: buffer)
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

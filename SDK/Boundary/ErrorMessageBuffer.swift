import CSluiceABI

/// The message of a `sluice_error`, written and read one way on both sides of the boundary: by
/// the host (to the errors it hands a plugin, from the errors a plugin hands back) and by the
/// Swift SDK (the other way round).
///
/// ```swift
/// var error = sluice_error()
/// ErrorMessageBuffer.write("département inconnu", code: 100_001, to: &error)
/// ErrorMessageBuffer.read(error)  // "département inconnu"
/// ```
/// Neither side trusts the other: writing never leaves a partial UTF-8 character, and reading
/// never goes past the buffer, whatever the writer left in it.
package enum ErrorMessageBuffer {
    /// The bytes of `sluice_error.message`, its terminating NUL included.
    package static let capacity = Int(SLUICE_ERROR_MESSAGE_SIZE)

    /// Writes `message` as NUL-terminated UTF-8 of at most ``capacity`` - 1 bytes, cut before
    /// the first character that does not fit whole, and sets `code`. Does nothing for NULL.
    package static func write(_ message: String, code: Int32, to error: UnsafeMutablePointer<sluice_error>?) {
        guard let error else { return }
        error.pointee.code = code
        let bytes = utf8Prefix(of: message, maxBytes: capacity - 1)
        withUnsafeMutableBytes(of: &error.pointee.message) { buffer in
            guard buffer.count > bytes.count else { return }  // the ABI's size: never false
            buffer.copyBytes(from: bytes)
            buffer[bytes.count] = 0
        }
    }

    /// The message in `error`, up to its first NUL or the end of the buffer (a writer that left
    /// no NUL is read no further), with invalid UTF-8 replaced by U+FFFD.
    package static func read(_ error: sluice_error) -> String {
        withMessageBytes(of: error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// The message in the `sluice_error` at `error` (the same reading rule).
    package static func read(_ error: UnsafePointer<sluice_error>) -> String { read(error.pointee) }

    /// All ``capacity`` bytes of the message as the writer left them, for callers that judge
    /// the writer (the conformance kit: is it terminated, is it UTF-8).
    package static func withMessageBytes<R>(of error: sluice_error, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: error.message) { try body($0) }
    }

    /// The longest prefix of `text`'s UTF-8 of at most `maxBytes` bytes that ends on a
    /// character boundary: a 2-, 3- or 4-byte character that does not fit is left out whole.
    package static func utf8Prefix(of text: String, maxBytes: Int) -> ArraySlice<UInt8> {
        let utf8 = Array(text.utf8)
        var length = min(utf8.count, max(maxBytes, 0))
        // Back off while the first byte left out continues a character (10xxxxxx): at most 3 steps.
        while length > 0, length < utf8.count, utf8[length] & 0xC0 == 0x80 { length -= 1 }
        return utf8[..<length]
    }
}

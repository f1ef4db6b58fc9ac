import CSluiceABI
import SluiceCBoundary

extension ErrorBuffer {
    /// What a plugin left in the message, read without trusting it.
    enum Written: Equatable {
        case empty
        case text(String)
        /// No NUL in all SLUICE_ERROR_MESSAGE_SIZE bytes.
        case unterminated
        /// Not UTF-8; `offset` is where the first bad byte sequence starts.
        case notUTF8(offset: Int)
    }

    /// The message exactly as the plugin wrote it.
    var written: Written {
        ErrorMessageBuffer.withMessageBytes(of: pointer.pointee) { Self.judge($0) }
    }

    private static func judge(_ bytes: UnsafeRawBufferPointer) -> Written {
        guard let end = bytes.firstIndex(of: 0) else { return .unterminated }
        if end == 0 { return .empty }
        let text = UnsafeRawBufferPointer(rebasing: bytes[..<end])
        if let s = String(validating: text, as: UTF8.self) { return .text(s) }
        return .notUTF8(offset: firstInvalidUTF8(text))
    }

    private static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer) -> Int {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput, .error: return offset
            }
        }
    }
}

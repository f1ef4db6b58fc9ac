/// Copies strings into NUL-terminated C strings that are never freed, for the descriptor.
enum PermanentCString {
    /// A copy of `text` as a C string valid for the life of the process (like `strdup`, never freed).
    static func make(_ text: String) -> UnsafePointer<CChar> {
        let utf8 = Array(text.utf8)
        let memory = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
        for (index, byte) in utf8.enumerated() { memory[index] = CChar(bitPattern: byte) }
        memory[utf8.count] = 0
        return UnsafePointer(memory)
    }

    /// `make(text)`, or NULL for `nil`.
    static func make(_ text: String?) -> UnsafePointer<CChar>? {
        text.map { make($0) }
    }
}

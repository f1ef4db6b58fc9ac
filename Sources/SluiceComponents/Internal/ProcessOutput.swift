/// Where one output stream of a child goes while it runs: always a bounded tail (for messages),
/// the whole stream only when a variable wants it (up to a cap), and a file when one is named.
///
/// Memory is therefore bounded by ``tailCapacity`` plus, for a stream a variable receives,
/// ``captureLimit``: a child printing gigabytes that nobody asked to keep costs 64 KiB.
struct ProcessOutput {
    static var tailCapacity: Int { ExecuteProcessTask.outputTailSize }
    static var captureLimit: Int { ExecuteProcessTask.variableOutputLimit }

    private(set) var tail = TailBuffer(capacity: tailCapacity)
    /// nil when no variable wants the stream, or once it outgrew ``captureLimit``.
    private(set) var captured: [UInt8]?
    /// Set when the stream outgrew ``captureLimit`` while a variable wanted it.
    private(set) var overflowed = false
    let file: OutputFile?

    init(capture: Bool, file: OutputFile?) {
        captured = capture ? [] : nil
        self.file = file
    }

    mutating func receive(_ bytes: UnsafeRawBufferPointer) {
        tail.append(bytes)
        file?.writeAll(bytes)
        guard captured != nil else { return }
        if tail.total > Self.captureLimit {
            captured = nil
            overflowed = true
        } else {
            captured?.append(contentsOf: bytes)
        }
    }

    /// The tail as text for a message: at most the last 2,000 characters, "…" in front when
    /// anything was left out, without the final line break. Empty when the stream was.
    var excerpt: String {
        var bytes = tail.bytes[...]
        // A cut tail may start inside a UTF-8 sequence: skip its (at most 3) continuation bytes.
        if tail.isTruncated {
            for _ in 0..<3 where bytes.first.map({ $0 & 0xC0 == 0x80 }) == true { bytes = bytes.dropFirst() }
        }
        let text = Self.text(bytes)
        let cut = tail.isTruncated || text.count > 2_000
        return cut ? "…" + text.suffix(2_000) : text
    }

    /// Decodes output as UTF-8 (invalid bytes become U+FFFD) and drops one trailing line break.
    static func text<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
        return text
    }
}

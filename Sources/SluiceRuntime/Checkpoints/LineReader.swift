import Glibc

/// Reads a file line by line from its start, in 64 KiB chunks (`pread`, so the descriptor's
/// offset is left alone), so that a checkpoint is never held in memory whole: only its longest line.
struct LineReader {
    private let fd: Int32
    private var offset: off_t = 0
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes: bytes before it hold none.
    private var scanned = 0
    private var atEnd = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline, or nil when no complete line is left (then
    /// `remainder` holds any bytes after the last newline) or when a line grows past
    /// `maximumLength` bytes.
    /// - Throws: the errno of a failed read.
    mutating func nextLine(maximumLength: Int = .max) throws(Errno) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[start..<newline]
                start = newline + 1
                scanned = start
                return line
            }
            scanned = buffer.count
            if atEnd || buffer.count - start > maximumLength { return nil }
            if start > 0 {
                buffer.removeFirst(start)
                scanned -= start
                start = 0
            }
            try fill()
        }
    }

    /// Bytes after the last newline, once `nextLine` has returned nil at the end of the file.
    var remainder: ArraySlice<UInt8> { buffer[start...] }

    private mutating func fill() throws(Errno) {
        let chunk = 65_536
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        while true {
            let n = buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { pread(fd, $0 + old, chunk, offset) } ?? -1
            }
            let error = errno
            if n < 0 && error == EINTR { continue }
            buffer.removeLast(chunk - max(n, 0))
            if n < 0 { throw Errno(error) }
            if n == 0 { atEnd = true }
            offset += off_t(n)
            return
        }
    }
}

import Glibc
import SluiceCore

/// The writer's output: one reused ~1 MiB buffer, one `write()` per fill. A struct the writer
/// copies into a local for its loop (no class property is touched per value). Made with `fd`
/// -1 it only grows: a parallel writer's worker formats a whole morsel into it.
struct OutputBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0
    let fd: Int32
    let file: String

    init(fd: Int32, file: String, capacity: Int = 1 << 20) {
        self.fd = fd
        self.file = file
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    /// Frees the memory; called once by the owner.
    func deallocate() { bytes.deallocate() }

    /// Makes room for `n` more bytes: writes out what is there, or grows for one huge value.
    @inline(__always) mutating func reserve(_ n: Int) throws {
        if count &+ n <= capacity { return }
        if fd < 0 { return growKeeping(count + n) }
        try flush()
        if n > capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
            bytes.deallocate()
            bytes = grown
            capacity = n
        }
    }

    private mutating func growKeeping(_ needed: Int) {
        let size = max(needed, capacity * 2)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
        grown.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = grown
        capacity = size
    }

    @inline(__always) mutating func append(_ byte: UInt8) {
        bytes[count] = byte
        count &+= 1
    }

    @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        (bytes + count).update(from: p, count: n)
        count &+= n
    }

    mutating func flush() throws {
        try writeOut(bytes, count)
        count = 0
    }

    /// Flushes, then writes `n` bytes from `p` straight to the file.
    mutating func writeThrough(_ p: UnsafePointer<UInt8>, _ n: Int) throws {
        try flush()
        try writeOut(p, n)
    }

    private func writeOut(_ p: UnsafePointer<UInt8>, _ n: Int) throws {
        var done = 0
        while done < n {
            let written = write(fd, p + done, n - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw SluiceError(.csvWriteFailed, ["file": file, "reason": String(cString: strerror(errno))])
            }
            done += written
        }
    }
}

/// Receives the stdlib's shortest round-trip digits of a Double without making a String
/// (`_writeASCII` is underscored, ABI-stable API; `write(_:)` is the fallback it may use).
struct ASCIISink: TextOutputStream {
    let out: UnsafeMutablePointer<UInt8>
    var count = 0

    mutating func write(_ string: String) {
        for byte in string.utf8 where count < 48 {
            out[count] = byte
            count += 1
        }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let base = buffer.baseAddress else { return }
        let n = min(buffer.count, 48 - count)
        (out + count).update(from: base, count: n)
        count += n
    }
}

#if canImport(Glibc)
import Glibc
#endif
import SluiceCore

/// Buffered writes to a descriptor the caller owns (standard output): small pieces are copied
/// into one reused 1 MiB buffer, large ones (column buffers) written straight from their memory.
final class DescriptorOutput {
    let fd: Int32
    /// Labels errors: the output's name and format.
    let name: String
    let format: String
    private let buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private var count = 0

    init(fd: Int32, name: String, format: String) {
        self.fd = fd
        self.name = name
        self.format = format
        buffer = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { buffer.deallocate() }

    func write(_ p: UnsafeRawPointer, _ n: Int) throws {
        guard n > 0 else { return }
        if n >= capacity / 2 {
            try flush()
            return try writeAll(p, n)
        }
        if count + n > capacity { try flush() }
        (buffer + count).copyMemory(from: p, byteCount: n)
        count += n
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            try write(base, raw.count)
        }
    }

    /// `n` zero bytes (padding; n < 64).
    func writeZeros(_ n: Int) throws {
        guard n > 0 else { return }
        if count + n > capacity { try flush() }
        (buffer + count).initializeMemory(as: UInt8.self, repeating: 0, count: n)
        count += n
    }

    func flush() throws {
        let n = count
        count = 0
        try writeAll(buffer, n)
    }

    private func writeAll(_ p: UnsafeRawPointer, _ n: Int) throws {
        var done = 0
        while done < n {
            let written = Glibc.write(fd, p + done, n - done)
            if written < 0 {
                if errno == EINTR { continue }
                throw SluiceError(.dataReaderWriteFailed, ["name": name, "format": format, "reason": String(cString: strerror(errno))])
            }
            done += written
        }
    }
}

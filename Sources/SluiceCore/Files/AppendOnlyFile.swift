#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A file that several writers, in this process and in others, append to at once: each entry
/// reaches the file whole and in one piece, never interleaved with or overwriting another's.
///
/// The file is opened with `O_APPEND` (the kernel moves to the end and writes as one step) and
/// every entry goes out in a single `write(2)`; nothing ever seeks, so pipes, FIFOs, terminals
/// and `/dev/stdout` work as well as regular files. A FIFO with no reader is an error at open
/// rather than a hang. Writing to a pipe whose reader has gone fails with `EPIPE` (the CLI
/// ignores `SIGPIPE`), which callers report like any other write error.
public final class AppendOnlyFile: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32 = -1
    private var lock = pthread_mutex_t()

    /// Opens (creating with mode 0644 when missing) `path` for appending. A new file gets
    /// `header` as its first line: the header is written under a temporary name that is then
    /// linked into place, so the file never exists without it and only one creator writes it.
    public init(path: String, header: String? = nil) throws(AppendOnlyFile.Failure) {
        self.path = path
        pthread_mutex_init(&lock, nil)
        var fd = Self.open(path, header == nil ? O_CREAT : 0)
        if fd < 0 && errno == ENOENT, let header {
            fd = Self.create(path, header: header)
        }
        guard fd >= 0 else {
            let code = errno
            throw Failure(path: path, errno: code, operation: "open")
        }
        // O_NONBLOCK was only there so that opening a FIFO without a reader fails (ENXIO)
        // instead of waiting for one; writes block as usual.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        descriptor = fd
    }

    /// Creates `path` holding `header`, or opens it when another writer created it first.
    private static func create(_ path: String, header: String) -> Int32 {
        let temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).new"
        let fd = open(temporary, O_CREAT | O_EXCL)
        guard fd >= 0 else { return open(path, O_CREAT) }  // no temporary possible: create plainly
        var bytes = Array(header.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let linked = written == bytes.count && link(temporary, path) == 0
        let linkError = errno
        unlink(temporary)
        if linked { return fd }  // the same file, now under its real name
        _ = Glibc.close(fd)
        return linkError == EEXIST ? open(path, 0) : open(path, O_CREAT)
    }

    deinit {
        close()
        pthread_mutex_destroy(&lock)
    }

    private static func open(_ path: String, _ extra: Int32) -> Int32 {
        Glibc.open(path, O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK | extra, 0o644)
    }

    /// Appends `line` and a newline in one `write(2)`.
    public func append(_ line: String) throws(AppendOnlyFile.Failure) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        try append(bytes: bytes)
    }

    /// Appends `bytes` as one entry. A short write (a full disk, a signal) is finished with
    /// further writes: the entry may then interleave, but it is never silently cut.
    public func append(bytes: [UInt8]) throws(AppendOnlyFile.Failure) {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard descriptor >= 0 else { throw Failure(path: path, errno: EBADF, operation: "write") }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                write(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                throw Failure(path: path, errno: code, operation: "write")
            }
            if n == 0 { throw Failure(path: path, errno: EIO, operation: "write") }
            written += n
        }
    }

    /// Closes the file; later appends fail with `EBADF`.
    public func close() {
        pthread_mutex_lock(&lock)
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
        pthread_mutex_unlock(&lock)
    }

    /// Why opening or writing failed, with the system's own words.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let path: String
        public let errno: Int32
        public let operation: String

        public var description: String {
            let reason = errno == ENXIO ? "no process is reading the FIFO" : String(cString: strerror(errno))
            return "cannot \(operation) \(path): \(reason)"
        }
    }
}

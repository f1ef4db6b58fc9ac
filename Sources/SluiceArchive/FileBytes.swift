#if canImport(Glibc)
    import Glibc
#endif

/// Whole-file reads with a size bound, and exclusive writes, by plain system calls: a FIFO or a
/// device in the archive's place is refused, not waited on, and a huge file is refused before
/// it is read.
enum FileBytes {
    enum Failure: Error {
        case notFound
        case unreadable(String)
        case tooLarge(Int)
    }

    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw errno == ENOENT ? .notFound : .unreadable(describe(errno)) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(describe(errno)) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadable(status.st_mode & S_IFMT == S_IFDIR ? "it is a directory, not a file" : "it is not a regular file")
        }
        if status.st_size > limit { throw .tooLarge(Int(status.st_size)) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(describe(errno))
            }
            // The file may grow while it is read: the bound holds for what is read.
            guard count <= limit - bytes.count else { throw .tooLarge(bytes.count + count) }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    /// Creates `path` (it must not exist; a symbolic link there is not followed) with mode 0600
    /// and writes `bytes` to it. Returns the error's text, or nil.
    static func create(_ path: String, _ bytes: [UInt8]) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return describe(errno) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress.map { $0 + written }, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                let reason = describe(errno)
                close(fd)
                return reason
            }
            written += count
        }
        return close(fd) == 0 ? nil : describe(errno)
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

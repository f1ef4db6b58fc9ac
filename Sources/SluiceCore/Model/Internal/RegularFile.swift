#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file with open(2), fstat(2) and read(2), to say precisely why a path
/// cannot be read.
///
/// Foundation calls a directory or a FIFO a "permission" problem (or `NSCocoaErrorDomain error
/// 256`), says a file behind an unreadable directory does not exist, and would block forever
/// on a FIFO nobody writes to. Here the file is opened non-blocking (which never waits on a
/// FIFO) and checked with `fstat` before a byte is read, so it is the file that was checked.
enum RegularFile {
    /// Why a file could not be read.
    enum Failure: Error, Equatable {
        /// ENOENT: the path, or a directory on it, does not exist.
        case notFound
        /// Anything else, in words: "it is a directory, not a file", "permission denied (EACCES)".
        case unreadable(String)
    }

    /// The bytes of the regular file at `path`.
    static func contents(of path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw openFailure(errno) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .unreadable(describe(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .unreadable("it is a directory, not a file")
        case S_IFIFO: throw .unreadable("it is a FIFO (named pipe), not a regular file")
        case S_IFCHR: throw .unreadable("it is a character device, not a regular file")
        case S_IFBLK: throw .unreadable("it is a block device, not a regular file")
        case S_IFSOCK: throw .unreadable("it is a socket, not a regular file")
        default: throw .unreadable("it is not a regular file")
        }
        return try readToEnd(fd, sizeHint: Int(status.st_size))
    }

    private static func readToEnd(_ fd: Int32, sizeHint: Int) throws(Failure) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, sizeHint))
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(describe(errno))
            }
            bytes.append(contentsOf: chunk[..<count])
        }
    }

    private static func openFailure(_ code: Int32) -> Failure {
        switch code {
        case ENOENT: .notFound
        case EACCES: .unreadable("permission denied (EACCES) on the file or a directory of its path")
        case EPERM: .unreadable("operation not permitted (EPERM)")
        case ENOTDIR: .unreadable("a part of the path is not a directory (ENOTDIR)")
        default: .unreadable(describe(code))
        }
    }

    private static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

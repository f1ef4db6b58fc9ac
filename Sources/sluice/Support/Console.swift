#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to the process's standard streams with write(2), ignoring failure.
///
/// After SIGHUP the terminal may be gone (EIO) while the run still finishes cleanly, and
/// Foundation's `FileHandle.write` traps on any error. A closed pipe still raises SIGPIPE.
enum Console {
    static func emit(_ text: String, to fd: Int32 = STDERR_FILENO) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            bytes = bytes.dropFirst(written)
        }
    }
}

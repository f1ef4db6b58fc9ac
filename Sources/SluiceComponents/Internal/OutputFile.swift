import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a child's output is written to: the one owner of its descriptor, closed in `deinit`.
///
/// Replacing opens with `O_TRUNC` (a shell's `>`); appending opens with `O_APPEND` (`>>`), so
/// each write lands at the end even when other processes append to the same file. A write that
/// fails is remembered and ends the writing; the task reports it once the child has exited.
final class OutputFile {
    let path: String
    private let fd: Int32
    /// A FIFO or socket, whose reader may go away: writing then raises SIGPIPE.
    private let isPipe: Bool
    /// Why writing stopped, if it did.
    private(set) var failure: String?

    /// Opens `path` for writing, creating it (mode 0666 less the umask) if it does not exist.
    ///
    /// The open does not block: a FIFO without a reader is an error at once rather than a task
    /// that hangs before its program starts.
    /// - Throws: the system's reason, as text.
    init(path: String, append: Bool) throws(OutputFileError) {
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (append ? O_APPEND : O_TRUNC)
        let fd = open(path, flags, 0o666)
        guard fd >= 0 else {
            let reason = errno == ENXIO ? "it is a FIFO that no process is reading" : String(cString: strerror(errno))
            throw OutputFileError(reason: reason)
        }
        // Writes may block from here on: a slow reader of a FIFO slows the child, as with `>`.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var status = stat()
        let type = fstat(fd, &status) == 0 ? status.st_mode & S_IFMT : 0
        self.path = path
        self.fd = fd
        isPipe = type == S_IFIFO || type == S_IFSOCK
    }

    deinit { close(fd) }

    /// Whether `other` is the same file (device and inode), however it was named.
    func isSameFile(as other: OutputFile) -> Bool {
        var mine = stat()
        var theirs = stat()
        guard fstat(fd, &mine) == 0, fstat(other.fd, &theirs) == 0 else { return false }
        return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
    }

    /// Writes all of `bytes`, unless an earlier write failed.
    func writeAll(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, bytes.count > 0 else { return }
        if isPipe {
            withSIGPIPEHeld { writeLoop(bytes) }
        } else {
            writeLoop(bytes)
        }
    }

    private func writeLoop(_ bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = write(fd, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno == EPIPE ? "no process is reading it any more" : String(cString: strerror(errno))
                return
            }
            left -= written
            next += written
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread, then takes back a SIGPIPE that `body`
    /// caused, so a reader that went away fails the write (EPIPE) instead of ending the host.
    private func withSIGPIPEHeld(_ body: () -> Void) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        var pending = sigset_t()
        sigpending(&pending)
        let alreadyPending = sigismember(&pending, SIGPIPE) == 1
        body()
        if !alreadyPending, failure != nil {
            var now = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &now)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}

/// Why an ``OutputFile`` could not be opened.
struct OutputFileError: Error {
    let reason: String
}

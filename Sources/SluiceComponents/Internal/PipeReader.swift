#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a child's standard output and error pipes without ever blocking on either.
///
/// The one owner of both read ends: they are put in non-blocking mode at once and closed in
/// `deinit`. Chunks are read into one reused 64 KiB buffer and handed on, never kept.
final class PipeReader {
    private let fds: [Int32]
    private var open: [Bool]
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)

    /// - Parameter fds: the read ends, standard output first.
    init(fds: [Int32]) {
        self.fds = fds
        open = fds.map { _ in true }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Waits up to `milliseconds` for data on the open pipes and reads one chunk from each that
    /// has some. With both pipes at end of file, it just sleeps.
    func pump(waitingUpTo milliseconds: Int32, _ receive: (ChildProcess.Stream, UnsafeRawBufferPointer) -> Void) {
        let watched = fds.indices.filter { open[$0] }
        guard !watched.isEmpty else {
            usleep(useconds_t(milliseconds) * 1000)
            return
        }
        var polled = watched.map { pollfd(fd: fds[$0], events: Int16(POLLIN), revents: 0) }
        guard poll(&polled, nfds_t(polled.count), milliseconds) > 0 else { return }
        for (slot, index) in watched.enumerated() where polled[slot].revents != 0 {
            _ = readChunk(index, receive)
        }
    }

    /// Reads what the pipes already hold, up to `limit` bytes each, without waiting for more.
    func drain(upTo limit: Int, _ receive: (ChildProcess.Stream, UnsafeRawBufferPointer) -> Void) {
        for index in fds.indices {
            var taken = 0
            while open[index], taken < limit {
                let count = readChunk(index, receive)
                guard count > 0 else { break }
                taken += count
            }
        }
    }

    deinit {
        for fd in fds { close(fd) }
        buffer.deallocate()
    }

    /// One `read`: the bytes go to `receive`; end of file or an error closes the stream.
    /// - Returns: the bytes read, 0 when there were none (now or ever).
    private func readChunk(_ index: Int, _ receive: (ChildProcess.Stream, UnsafeRawBufferPointer) -> Void)
        -> Int
    {
        let count = read(fds[index], buffer.baseAddress, buffer.count)
        if count > 0, let stream = ChildProcess.Stream(rawValue: index) {
            receive(stream, UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            return count
        }
        if count == 0 || (errno != EINTR && errno != EAGAIN) { open[index] = false }
        return 0
    }
}

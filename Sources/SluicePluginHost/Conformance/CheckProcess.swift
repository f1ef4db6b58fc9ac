import CSluiceProcess
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run of the check process, read line by line with a time limit per line.
///
/// The child writes its report to standard output (its own prints go to standard error,
/// which is passed through). A child that is silent for longer than the limit is killed.
struct CheckProcess {
    static let longestLine = 1 << 20

    /// How the child ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// Silent past the limit, then killed.
        case timedOut
    }

    /// Starts `executable` with `arguments`, hands each report line to `receive` as it comes,
    /// and returns how the child ended.
    /// - Throws: when the child cannot be started.
    static func run(
        _ executable: URL, _ arguments: [String], stepTimeout: Double, receive: (CheckMessage) -> Void
    ) throws -> Ending {
        // posix_spawn (CSluiceProcess), not Foundation's Process: its pipes and its watcher
        // thread's socket pair can close a descriptor number twice on Linux, the second time
        // under whoever was given the number since (a host running NIO beside this).
        var ends: [Int32] = [-1, -1]
        if let error = ScannerProcess.pipe(&ends) { throw CheckProcessFailed(path: executable.path, errno: error) }
        let (fd, writeEnd) = (ends[0], ends[1])
        defer { close(fd) }
        var pid: pid_t = 0
        // A crash is an expected result here: no crash report from the Swift runtime's backtracer.
        let started = ScannerProcess.withCStrings([executable.path] + arguments) { argv in
            ScannerProcess.withCStrings(ScannerProcess.childEnvironment) { envp in
                csluice_spawn_env(executable.path, argv, nil, envp, writeEnd, STDERR_FILENO, &pid)
            }
        }
        close(writeEnd)
        guard started == 0 else { throw CheckProcessFailed(path: executable.path, errno: started) }
        var pending = Data()
        var timedOut = false
        let limitMilliseconds = stepTimeout.isFinite ? Int32(min(max(stepTimeout, 0.1) * 1000, Double(Int32.max))) : Int32.max
        reading: while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, limitMilliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else {
                timedOut = true
                kill(pid, SIGKILL)
                break
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(fd, &chunk, chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break reading }
            pending.append(contentsOf: chunk[..<count])
            while let newline = pending.firstIndex(of: 0x0A) {
                if let message = CheckMessage.decode(line: pending[pending.startIndex..<newline]) { receive(message) }
                pending = pending[pending.index(after: newline)...]
            }
            // No report line is this long: bytes without a newline are not the checker's.
            if pending.count > Self.longestLine { pending.removeAll() }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if timedOut { return .timedOut }
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signaled(signal)
    }
}

/// The check process could not be started.
struct CheckProcessFailed: Error, CustomStringConvertible {
    var path: String
    var errno: Int32
    var description: String { "could not start \(path): \(String(cString: strerror(errno)))" }
}

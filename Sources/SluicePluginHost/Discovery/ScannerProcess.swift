import CSluiceProcess
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one scanner child to its end or its deadline, collecting its output.
///
/// The child is started with posix_spawn (CSluiceProcess: its own process group, every other
/// descriptor closed, default signal actions). Both pipes are read as data comes, with `poll`
/// bounded by what is left of the deadline, until the report (standard output) ends, so a child
/// that fills a pipe never blocks, and a child that hangs (or closes its pipes and then hangs)
/// is killed at the deadline, its whole process group with it.
enum ScannerProcess {
    enum Result {
        case exited(status: Int32, output: [UInt8], errors: [UInt8])
        case signaled(Int32)
        case timedOut
        case startFailed(Int32)
    }

    /// The most standard output kept; a scanner report is a few kilobytes.
    static let outputLimit = 4 << 20
    static let errorLimit = 16 << 10

    static func run(_ executable: String, _ arguments: [String], timeout: Double) -> Result {
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        if let e = pipe(&outPipe) { return .startFailed(e) }
        if let e = pipe(&errPipe) {
            close(outPipe[0]); close(outPipe[1])
            return .startFailed(e)
        }
        var pid: pid_t = 0
        let status = withCStrings([executable] + arguments) { argv in
            withCStrings(childEnvironment) { envp in csluice_spawn_env(executable, argv, nil, envp, outPipe[1], errPipe[1], &pid) }
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard status == 0 else { return .startFailed(status) }

        let deadline = monotonicNow() + max(0, timeout)
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [outPipe[0], errPipe[0]]
        // Until the report's pipe closes: a daemon the plugin started may hold standard error
        // open for ever, and must not make a finished scan look hung.
        while open.contains(outPipe[0]) {
            let left = deadline - monotonicNow()
            guard left > 0 else { return kill(pid) }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(left * 1000, 60_000).rounded(.up)))
            if ready < 0 && errno != EINTR { return kill(pid) }
            for f in fds where f.revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 16 << 10)
                let n = chunk.withUnsafeMutableBytes { read(f.fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { open.removeAll { $0 == f.fd }; continue }
                if f.fd == outPipe[0] {
                    if output.count + n > outputLimit { return kill(pid) }  // garbage by any measure
                    output += chunk[0..<n]
                } else if errors.count < errorLimit {
                    errors += chunk[0..<min(n, errorLimit - errors.count)]
                }
            }
        }
        if open.contains(errPipe[0]) { drain(errPipe[0], into: &errors) }
        // The report is complete: wait for the exit, still bounded by the deadline.
        while true {
            var info = siginfo_t()
            // WNOWAIT: the child stays unreaped, so its pid (the group's id) cannot be reused
            // while what it left behind in its group is killed.
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r < 0 && errno == EINTR { continue }
            if r < 0 { return .exited(status: -1, output: output, errors: errors) }
            if info._sifields._sigchld.si_pid == pid {  // si_pid: 0 while the child still runs
                // A process the plugin started in the scanner (a daemon, a helper) dies with it.
                _ = Glibc.kill(-pid, SIGKILL)
                var wstatus: Int32 = 0
                while waitpid(pid, &wstatus, 0) < 0 && errno == EINTR {}
                return decode(wstatus, output, errors)
            }
            if monotonicNow() >= deadline { return kill(pid) }
            usleep(1000)
        }
    }

    /// Reads what `fd` holds now, without waiting for more.
    private static func drain(_ fd: Int32, into errors: inout [UInt8]) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var chunk = [UInt8](repeating: 0, count: 16 << 10)
        while errors.count < errorLimit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            errors += chunk[0..<min(n, errorLimit - errors.count)]
        }
    }

    /// Kills the child's process group and reaps the child.
    private static func kill(_ pid: pid_t) -> Result {
        _ = Glibc.kill(-pid, SIGKILL)
        _ = Glibc.kill(pid, SIGKILL)
        var wstatus: Int32 = 0
        while waitpid(pid, &wstatus, 0) < 0 && errno == EINTR {}
        return .timedOut
    }

    private static func decode(_ wstatus: Int32, _ output: [UInt8], _ errors: [UInt8]) -> Result {
        let signal = wstatus & 0x7f
        if signal == 0 { return .exited(status: (wstatus >> 8) & 0xff, output: output, errors: errors) }
        return .signaled(signal)
    }

    static func pipe(_ fds: inout [Int32]) -> Int32? {
        let e = fds.withUnsafeMutableBufferPointer { csluice_pipe_cloexec($0.baseAddress) }
        return e == 0 ? nil : e
    }

    private static func monotonicNow() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Calls `body` with a NULL-terminated argv; ENOMEM when a copy cannot be made.
    /// The host's environment with Swift's crash backtracer off: a library that crashes the
    /// child is reported at once (the backtracer took ~3 s per crash, as long as a scan timeout).
    static var childEnvironment: [String] {
        ProcessInfo.processInfo.environment.filter { $0.key != "SWIFT_BACKTRACE" }.map { "\($0.key)=\($0.value)" }
            + ["SWIFT_BACKTRACE=enable=no"]
    }

    static func withCStrings(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Int32) -> Int32 {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        guard !copies.contains(where: { $0 == nil }) else { return ENOMEM }
        let argv = copies + [nil]
        return argv.withUnsafeBufferPointer { buffer in buffer.baseAddress.map(body) ?? ENOMEM }
    }
}

import Foundation
import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one child process to its end while collecting its standard output and error, honouring
/// cancellation and a timeout.
///
/// Both pipes are drained by one `poll(2)` loop on the calling thread, so a child that fills
/// one pipe while we wait on the other cannot deadlock, and the same loop checks the cancel flag
/// and the clock every ``pollInterval`` milliseconds.
struct ChildProcess {
    /// How the run ended.
    enum Ending: Equatable {
        case exited(code: Int32, output: [UInt8], error: [UInt8])
        case canceled
        case timedOut
    }

    var executable: URL
    var arguments: [String]
    var workingDirectory: String?
    /// nil: wait as long as it takes.
    var timeout: Duration?

    /// Milliseconds between two checks of the cancel flag and the clock.
    static let pollInterval: Int32 = 50
    /// Time a child gets between SIGTERM and SIGKILL to clean up.
    static let terminationGrace: Duration = .seconds(2)

    /// Starts the child and waits until it has exited and both pipes are closed. When it is
    /// stopped (canceled or timed out) its whole process group is signalled, and the wait ends at
    /// its exit even if an escaped descendant still holds a pipe.
    /// - Throws: `SLUICE_E_PROCESS_START_FAILED` when the child cannot be started.
    func run(isCanceled: () -> Bool) throws -> Ending {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        }
        // The child must not compete with the host for the terminal's input.
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        do {
            try process.run()
        } catch {
            throw SluiceError(
                .processStartFailed, ["executable": executable.path, "reason": error.localizedDescription],
                cause: error)
        }
        let pid = process.processIdentifier

        var streams = [
            Stream(fd: output.fileHandleForReading.fileDescriptor),
            Stream(fd: error.fileHandleForReading.fileDescriptor),
        ]
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var stop: Ending?
        var killAt: ContinuousClock.Instant?
        var killed = false
        var exitCode: Int32?
        while true {
            if exitCode == nil { exitCode = Self.exitCode(of: process) }
            let open = streams.indices.filter { streams[$0].isOpen }
            // After SIGKILL, a descendant that escaped the process group may still hold a pipe
            // open; waiting for its end-of-file could take forever, so stop at the child's exit.
            if exitCode != nil, open.isEmpty || killed { break }
            if open.isEmpty {
                usleep(useconds_t(Self.pollInterval) * 1000)
            } else {
                Self.pump(&streams, open)
            }
            if stop == nil {
                if isCanceled() {
                    stop = .canceled
                } else if let deadline, clock.now >= deadline {
                    stop = .timedOut
                }
                if stop != nil {
                    Self.signal(SIGTERM, to: pid)
                    killAt = clock.now + Self.terminationGrace
                }
            } else if !killed, let killAt, clock.now >= killAt {
                Self.signal(SIGKILL, to: pid)
                killed = true
            }
        }
        if let stop { return stop }
        return .exited(code: exitCode ?? 0, output: streams[0].bytes, error: streams[1].bytes)
    }

    /// The child's exit code once it has exited, else nil; a child killed by a signal reports
    /// it the way shells do, 128 + the signal number.
    ///
    /// Foundation on Linux learns of the exit only when every process holding an inherited
    /// socket has closed it, so a grandchild can delay `Process`'s notice indefinitely. `waitid`
    /// with `WNOWAIT` sees the child's own exit at once and leaves reaping to Foundation.
    private static func exitCode(of process: Process) -> Int32? {
        let pid = process.processIdentifier
        var info = siginfo_t()
        if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 {
            #if canImport(Glibc)
            let (exited, status) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
            #else
            let (exited, status) = (info.si_pid, info.si_status)
            #endif
            // With WNOHANG and nothing to report, waitid leaves the zeroed pid in place.
            guard exited == pid else { return nil }
            return info.si_code == CLD_EXITED ? status : 128 + status
        }
        // Foundation already reaped it: its record is complete once it says so.
        guard !process.isRunning else { return nil }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    /// One pipe being drained.
    private struct Stream {
        let fd: Int32
        var isOpen = true
        var bytes: [UInt8] = []
    }

    /// Waits up to ``pollInterval`` for data on the open streams and reads what arrived.
    private static func pump(_ streams: inout [Stream], _ open: [Int]) {
        var fds = open.map { pollfd(fd: streams[$0].fd, events: Int16(POLLIN), revents: 0) }
        guard poll(&fds, nfds_t(fds.count), pollInterval) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for (slot, index) in open.enumerated() where fds[slot].revents != 0 {
            let count = buffer.withUnsafeMutableBytes { read(streams[index].fd, $0.baseAddress, $0.count) }
            if count > 0 {
                streams[index].bytes.append(contentsOf: buffer[..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                streams[index].isOpen = false
            }
        }
    }

    /// Signals the child's whole process group, so that the grandchildren a shell started stop
    /// too; Foundation starts each child as the leader of its own group. Where it does not (or the
    /// group is gone), fall back to the child alone.
    private static func signal(_ signal: Int32, to pid: Int32) {
        if kill(-pid, signal) != 0 { _ = kill(pid, signal) }
    }
}

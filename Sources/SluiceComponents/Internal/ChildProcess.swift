import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one child process to its end, handing its standard output and error to the caller as
/// they arrive, honouring cancellation and a timeout.
///
/// Nothing is kept here: each chunk read goes to `receive` and the 64 KiB read buffer is
/// reused, so a child that prints gigabytes costs no memory unless the caller keeps it.
///
/// The end of the run is the child's exit, seen with `waitid`, not the end of its pipes: a
/// grandchild left in the background (`sh -c "(sleep 30 &); exit 0"`) may hold them open for
/// as long as it lives. Once the child has exited, what is already buffered in the pipes is
/// read without blocking, and the rest is left to whoever still writes there.
///
/// Both pipes and the exit are watched by one `poll(2)` loop on the calling thread, so a child
/// that fills one pipe while we wait on the other cannot deadlock, and the same loop checks the
/// cancel flag and the clock every ``pollInterval`` milliseconds.
struct ChildProcess {
    /// How the run ended.
    enum Ending: Equatable {
        /// The exit code; a child killed by a signal reports it as shells do, 128 + the signal.
        case exited(code: Int32)
        case canceled
        case timedOut
    }

    /// The two streams a child writes.
    enum Stream: Int, CaseIterable {
        case standardOutput = 0
        case standardError = 1
    }

    var executable: String
    var arguments: [String]
    var workingDirectory: String?
    /// nil: wait as long as it takes.
    var timeout: Duration?

    /// Milliseconds between two checks of the exit, the cancel flag and the clock.
    static let pollInterval: Int32 = 50
    /// Time a child gets between SIGTERM and SIGKILL to clean up.
    static let terminationGrace: Duration = .seconds(2)
    /// Bytes read from each pipe after the exit, at most: what a pipe can hold (1 MiB is
    /// Linux's `pipe-max-size`), so a grandchild that keeps writing cannot keep us reading.
    static let drainLimit = 1 << 20

    /// Starts the child and waits for it to exit. When it is stopped (canceled or timed out),
    /// its process group gets SIGTERM, then SIGKILL after ``terminationGrace``, and once the
    /// child has exited, whatever is left in its group is killed too. A child that exits by
    /// itself leaves its background processes running, as it would from a shell.
    /// - Parameters:
    ///   - isCanceled: polled every ``pollInterval``.
    ///   - receive: called with each chunk of output as it is read; the bytes are only valid
    ///     during the call.
    /// - Throws: `SLUICE_E_PROCESS_START_FAILED` when the child cannot be started.
    func run(isCanceled: () -> Bool, receive: (Stream, UnsafeRawBufferPointer) -> Void) throws -> Ending {
        let (pid, pipes) = try Self.spawn(executable, arguments, workingDirectory)
        RunningProcesses.add(pid)
        let reader = PipeReader(fds: pipes)

        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        var stop: Ending?
        var killAt: ContinuousClock.Instant?
        var code = Self.exitCode(of: pid)
        while code == nil {
            reader.pump(waitingUpTo: Self.pollInterval, receive)
            code = Self.exitCode(of: pid)
            guard code == nil else { break }
            if stop == nil {
                if isCanceled() {
                    stop = .canceled
                } else if let deadline, clock.now >= deadline {
                    stop = .timedOut
                }
                if stop != nil {
                    RunningProcesses.signalGroup(SIGTERM, leader: pid)
                    killAt = clock.now + Self.terminationGrace
                }
            } else if let due = killAt, clock.now >= due {
                RunningProcesses.signalGroup(SIGKILL, leader: pid)
                killAt = nil
            }
        }
        reader.drain(upTo: Self.drainLimit, receive)
        // The child is a zombie until reaped, so its group id is still ours to signal.
        if stop != nil { RunningProcesses.signalGroup(SIGKILL, leader: pid) }
        RunningProcesses.remove(pid)
        Self.reap(pid)
        return stop ?? .exited(code: code ?? -1)
    }

    /// The child's exit code once it has exited, else nil. `WNOWAIT` leaves it unreaped, so
    /// its id stays reserved until ``reap(_:)``.
    private static func exitCode(of pid: pid_t) -> Int32? {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else {
            // ECHILD: someone else reaped it (a host that ignores SIGCHLD); its code is lost,
            // and -1 says so. EINTR: look again on the next turn.
            return errno == ECHILD ? -1 : nil
        }
        #if canImport(Glibc)
        let (exited, status) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
        #else
        let (exited, status) = (info.si_pid, info.si_status)
        #endif
        // With WNOHANG and nothing to report, waitid leaves the zeroed pid in place.
        guard exited == pid else { return nil }
        return info.si_code == CLD_EXITED ? status : 128 + status
    }

    private static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
    }
}

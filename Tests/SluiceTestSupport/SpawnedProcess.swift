import CSluiceProcess
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A child process that runs beside the test: started with posix_spawn, its standard input
/// /dev/null, its output and error to /dev/null, a file or a pipe; signalled and reaped by pid.
///
/// Not Foundation's Process: on Linux it can close a descriptor twice (swiftlang/swift#57827),
/// and the second close hits whatever the number was given to since — a NIO socket of a
/// catalog server test, which NIO's selector then finds registered twice.
public final class SpawnedProcess: @unchecked Sendable {
    // @unchecked Sendable: `exitStatus` is only touched under `lock`; the pipes are read by one
    // reader at a time, which the test arranges.
    public let processIdentifier: pid_t
    /// The read ends of the streams given as `.pipe`.
    public let standardOutput: OwnedPipe?
    public let standardError: OwnedPipe?
    private let lock = NSLock()
    private var exitStatus: Int32?
    private var signaled = false

    /// Where a child's standard output or error goes.
    public enum Destination: Sendable {
        case null
        /// Appended to the file, created when missing.
        case file(String)
        /// A pipe whose read end the test reads (``standardOutput``, ``standardError``).
        case pipe
    }

    /// - Parameter environment: added to (and overriding) the test process's environment.
    public init(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
        output: Destination = .null, error: Destination = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        func route(_ destination: Destination, to descriptor: Int32) throws -> OwnedPipe? {
            switch destination {
            case .null:
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
                return nil
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, descriptor, path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
                return nil
            case .pipe:
                let pipe = try OwnedPipe()
                posix_spawn_file_actions_adddup2(&actions, pipe.write, descriptor)
                return pipe
            }
        }
        let outputPipe = try route(output, to: 1)
        let errorPipe = try route(error, to: 2)
        let spawned = Result { try spawnChild(executable, arguments, environment: environment, currentDirectory: currentDirectory, actions: &actions) }
        outputPipe?.closeWrite()
        errorPipe?.closeWrite()
        processIdentifier = try spawned.get()
        standardOutput = outputPipe
        standardError = errorPipe
    }

    /// False once the child has ended (and has been reaped, here or by ``waitForExit()``).
    public var isRunning: Bool {
        lock.withLock {
            guard exitStatus == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(processIdentifier, &raw, WNOHANG) == processIdentifier else { return true }
            record(raw)
            return false
        }
    }

    public func signal(_ number: Int32) { if isRunning { kill(processIdentifier, number) } }

    /// Waits for the child to end, on a thread of its own (never on the concurrency pool, whose
    /// few threads the in-process servers of other tests answer with), and returns its exit
    /// status, or the number of the signal that ended it.
    @discardableResult
    public func waitForExit() async -> Int32 {
        await onOwnThread { self.blockingWait() }
    }

    /// Waits on the calling thread: only for code that already runs off the concurrency pool.
    public func blockingWait() -> Int32 {
        if let known = lock.withLock({ exitStatus }) { return known }
        var raw: Int32 = 0
        while true {
            let reaped = waitpid(processIdentifier, &raw, 0)
            if reaped == processIdentifier { break }
            if reaped < 0 && errno == EINTR { continue }
            // ECHILD: `isRunning` reaped it, under the lock, which it holds until the status is stored.
            return lock.withLock { exitStatus } ?? -1
        }
        return lock.withLock {
            if exitStatus == nil { record(raw) }
            return exitStatus ?? -1
        }
    }

    /// True when a signal ended the child (once it has been waited for).
    public var endedBySignal: Bool { lock.withLock { signaled } }

    /// Keeps how the child ended; the caller holds `lock`.
    private func record(_ raw: Int32) {
        exitStatus = Self.status(raw)
        signaled = (raw & 0x7F) != 0
    }

    deinit {
        if isRunning {
            kill(processIdentifier, SIGKILL)
            _ = blockingWait()
        }
    }

    /// As Foundation's terminationStatus: the exit code, or the signal that ended the child.
    static func status(_ raw: Int32) -> Int32 { (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : raw & 0x7F }
}

/// Runs blocking `work` on a thread made for it and resumes with its result.
///
/// Swift's concurrency pool has as many threads as the machine has cores (two here), and
/// Dispatch's global queues share them: a test that waits there for a child process stalls
/// every in-process server in the test run, whose requests then time out.
public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

public func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: work()) }.start()
    }
}

/// A pipe whose two descriptors (close-on-exec, so other children do not keep them open) are
/// closed exactly once, by this object.
public final class OwnedPipe: @unchecked Sendable {
    // @unchecked Sendable: each end is used by one thread at a time, which the user arranges.
    public private(set) var read: Int32
    public private(set) var write: Int32

    public init() throws {
        var ends: [Int32] = [-1, -1]
        // Close-on-exec from the start (pipe2): set afterwards, a child another test spawns in
        // between would inherit the write end and hold the pipe open.
        guard ends.withUnsafeMutableBufferPointer({ csluice_pipe_cloexec($0.baseAddress) }) == 0 else {
            throw CocoaError(.fileReadUnknown)
        }
        read = ends[0]
        write = ends[1]
    }

    public func closeRead() { if read >= 0 { Glibc.close(read); read = -1 } }
    public func closeWrite() { if write >= 0 { Glibc.close(write); write = -1 } }

    /// The next bytes the pipe holds, waiting for some; empty at the end (the writers closed).
    public func readAvailable() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            return count > 0 ? Array(buffer[0..<count]) : []
        }
    }

    /// Everything up to the end.
    public func readAll() -> [UInt8] {
        var bytes: [UInt8] = []
        while case let chunk = readAvailable(), !chunk.isEmpty { bytes += chunk }
        return bytes
    }

    public func writeAll(_ data: Data) {
        let bytes = [UInt8](data)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(write, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            written += count
        }
    }

    deinit {
        closeRead()
        closeWrite()
    }
}

/// posix_spawn with `actions`, the test process's environment plus `environment`, and a working
/// directory through coreutils' `env --chdir` (posix_spawn's chdir action is a GNU extension the
/// Glibc module does not show; env execs the program in its place, keeping the pid).
func spawnChild(
    _ executable: URL, _ arguments: [String], environment: [String: String], currentDirectory: URL?,
    actions: inout posix_spawn_file_actions_t
) throws -> pid_t {
    let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
    let program = currentDirectory == nil ? executable.path : "/usr/bin/env"
    let argv = currentDirectory.map { ["/usr/bin/env", "--chdir=\($0.path)", executable.path] } ?? [executable.path]
    var pid: pid_t = 0
    let spawned = withCStringArray(argv + arguments) { argv in
        withCStringArray(variables) { envp in posix_spawn(&pid, program, &actions, nil, argv, envp) }
    }
    guard spawned == 0 else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable.path): \(String(cString: strerror(spawned)))"])
    }
    return pid
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
func withCStringArray<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and captures what it printed.
///
/// posix_spawn on pipes this type owns and closes once each, not Foundation's Process and
/// Pipe: on Linux those can close a descriptor twice (swiftlang/swift#57827), and the second
/// close then hits whatever the number was given to since — a NIO socket of a catalog server
/// test running beside, which NIO's selector then finds registered twice.
public struct ChildProcess: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String

    /// - Parameter environment: added to (and overriding) the test process's environment.
    /// - Parameter input: written to the child's standard input, which is then closed (nil: inherited).
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
        input: Data? = nil
    ) throws -> ChildProcess {
        let output = try OwnedPipe(), errors = try OwnedPipe()
        let standardInput = try input.map { _ in try OwnedPipe() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        if let standardInput { posix_spawn_file_actions_adddup2(&actions, standardInput.read, 0) }
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        // A working directory through coreutils' `env --chdir` (posix_spawn's chdir action is a
        // GNU extension the Glibc module does not show).
        let program = currentDirectory == nil ? executable.path : "/usr/bin/env"
        let argv = currentDirectory.map { ["/usr/bin/env", "--chdir=\($0.path)", executable.path] } ?? [executable.path]
        var pid: pid_t = 0
        let spawned = withCStrings(argv + arguments) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, program, &actions, nil, argv, envp) }
        }
        output.closeWrite()
        errors.closeWrite()
        standardInput?.closeRead()
        guard spawned == 0 else {
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "posix_spawn \(executable.path): \(String(cString: strerror(spawned)))"])
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errorBytes: [UInt8] = []
        group.enter()
        DispatchQueue.global().async {
            errorBytes = errors.readAll()
            group.leave()
        }
        if let standardInput, let input {
            group.enter()
            DispatchQueue.global().async {
                standardInput.writeAll(input)
                standardInput.closeWrite()
                group.leave()
            }
        }
        let outputBytes = output.readAll()
        group.wait()
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        // As Foundation's terminationStatus: the exit code, or the signal that ended it.
        let status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : raw & 0x7F
        return ChildProcess(
            status: status, standardOutput: String(decoding: outputBytes, as: UTF8.self),
            standardError: String(decoding: errorBytes, as: UTF8.self))
    }

    /// Both streams, for failure messages.
    public var transcript: String { "exit \(status)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)" }
}

/// A pipe whose two descriptors (close-on-exec, so other children do not keep them open) are closed
/// exactly once, by this object.
private final class OwnedPipe: @unchecked Sendable {
    private(set) var read: Int32
    private(set) var write: Int32

    init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw CocoaError(.fileReadUnknown) }
        read = ends[0]
        write = ends[1]
        _ = fcntl(read, F_SETFD, FD_CLOEXEC)
        _ = fcntl(write, F_SETFD, FD_CLOEXEC)
    }

    func closeRead() { if read >= 0 { Glibc.close(read); read = -1 } }
    func closeWrite() { if write >= 0 { Glibc.close(write); write = -1 } }

    func readAll() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(read, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    func writeAll(_ data: Data) {
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

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return body(pointers)
}

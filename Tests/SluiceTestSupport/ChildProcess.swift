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
        let spawned = Result { try spawnChild(executable, arguments, environment: environment, currentDirectory: currentDirectory, actions: &actions) }
        output.closeWrite()
        errors.closeWrite()
        standardInput?.closeRead()
        let pid = try spawned.get()
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
        let status = SpawnedProcess.status(raw)
        return ChildProcess(
            status: status, standardOutput: String(decoding: outputBytes, as: UTF8.self),
            standardError: String(decoding: errorBytes, as: UTF8.self))
    }

    /// As the blocking `run`, waiting on a thread of its own rather than on the concurrency pool
    /// (see ``onOwnThread(_:)-swift.func``): for async tests, whose in-process servers need the pool.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
        input: Data? = nil
    ) async throws -> ChildProcess {
        try await onOwnThread {
            try run(executable, arguments, environment: environment, currentDirectory: currentDirectory, input: input) as ChildProcess
        }
    }

    /// Both streams, for failure messages.
    public var transcript: String { "exit \(status)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)" }
}

import CSluiceProcess
import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ChildProcess {
    /// Starts `executable` as the leader of a new process group (so the whole group can be
    /// signalled), standard input `/dev/null` (the child must not compete with the host for the
    /// terminal), standard output and error on two new pipes, no other descriptor of ours.
    /// - Returns: the child's id and the pipes' read ends, standard output first.
    /// - Throws: `SLUICE_E_PROCESS_START_FAILED` with the system's reason (no such file,
    ///   permission denied, a working directory that went away).
    static func spawn(_ executable: String, _ arguments: [String], _ workingDirectory: String?) throws
        -> (pid_t, [Int32])
    {
        let argv = [executable] + arguments
        // C strings end at the first NUL: such an argument would reach the child cut short.
        if let bad = (argv + [workingDirectory ?? ""]).first(where: { $0.utf8.contains(0) }) {
            let shown = bad.replacingOccurrences(of: "\0", with: "\\0")
            throw startFailed(executable, "\"\(shown)\" contains a NUL character")
        }
        let output = try pipe(for: executable)
        let error: [Int32]
        do {
            error = try pipe(for: executable)
        } catch {
            output.forEach { close($0) }
            throw error
        }
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = cArguments.withUnsafeMutableBufferPointer { argvPointer in
            csluice_spawn(executable, argvPointer.baseAddress, workingDirectory, output[1], error[1], &pid)
        }
        // The child holds the write ends now; ours would keep the pipes open after it exits.
        close(output[1])
        close(error[1])
        guard status == 0 else {
            close(output[0])
            close(error[0])
            throw startFailed(executable, String(cString: strerror(status)))
        }
        return (pid, [output[0], error[0]])
    }

    private static func pipe(for executable: String) throws -> [Int32] {
        var fds: [Int32] = [-1, -1]
        let status = fds.withUnsafeMutableBufferPointer { csluice_pipe_cloexec($0.baseAddress) }
        guard status == 0 else { throw startFailed(executable, "no pipe: \(String(cString: strerror(status)))") }
        return fds
    }

    private static func startFailed(_ executable: String, _ reason: String) -> SluiceError {
        SluiceError(.processStartFailed, ["executable": executable, "reason": reason])
    }
}

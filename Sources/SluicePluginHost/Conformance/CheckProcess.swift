import Foundation

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
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // A crash is an expected result here: no crash report from the Swift runtime's backtracer.
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let fd = pipe.fileHandleForReading.fileDescriptor
        var pending = Data()
        var timedOut = false
        let limitMilliseconds = stepTimeout.isFinite ? Int32(min(max(stepTimeout, 0.1) * 1000, Double(Int32.max))) : Int32.max
        reading: while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, limitMilliseconds)
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
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
        process.waitUntilExit()
        if timedOut { return .timedOut }
        return process.terminationReason == .uncaughtSignal ? .signaled(process.terminationStatus) : .exited(process.terminationStatus)
    }
}

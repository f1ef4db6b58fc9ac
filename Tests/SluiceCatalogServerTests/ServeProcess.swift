import Foundation
import SluiceTestSupport

/// `sluice serve` as users start it: the built binary in a child process, on a free loopback
/// port, its administrator token given in SLUICE_ADMIN_TOKEN.
final class ServeProcess {
    static let adminToken = "slc_test-administrator-" + String(repeating: "7", count: 32)
    let process = Process()
    let url: String
    /// The server's output goes to a file, read by polling: no pipe and no readability handler,
    /// whose asynchronous close in Foundation can close a descriptor number another part of the
    /// test process (a NIO socket) has been given since.
    private let logPath: String
    private let log: FileHandle

    /// Starts the server on `catalog` and waits (at most 30 s) for its "listening on" line.
    init(catalog: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = BuildProducts.sluice
        process.arguments = ["serve", "--catalog", catalog, "--port", "0"] + arguments
        var variables = ProcessInfo.processInfo.environment
        variables["SLUICE_ADMIN_TOKEN"] = Self.adminToken
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-serve-\(UUID().uuidString).log").path
        guard FileManager.default.createFile(atPath: logPath, contents: nil), let log = FileHandle(forWritingAtPath: logPath) else {
            throw ServeProcessFailed(output: "the log file \(logPath) could not be made")
        }
        self.log = log
        process.standardOutput = log
        process.standardError = log
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            seen = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = seen.range(of: #"listening on (https?://[^\s/]+)"#, options: .regularExpression) {
                url = String(seen[range].dropFirst("listening on ".count))
                return
            }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? log.close()
        try? FileManager.default.removeItem(atPath: logPath)
        throw ServeProcessFailed(output: seen)
    }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit {
        if process.isRunning {
            process.interrupt()
            process.waitUntilExit()
        }
        try? log.close()
        try? FileManager.default.removeItem(atPath: logPath)
    }
}

struct ServeProcessFailed: Error, CustomStringConvertible {
    var output: String
    var description: String { "sluice serve did not report its address; it printed:\n\(output)" }
}

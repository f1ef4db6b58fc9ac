import Foundation
import SluiceTestSupport

/// `sluice serve` as users start it: the built binary in a child process, on a free loopback
/// port, its administrator token given in SLUICE_ADMIN_TOKEN.
final class ServeProcess {
    static let adminToken = "slc_test-administrator-" + String(repeating: "7", count: 32)
    let process = Process()
    let url: String
    private let output = Pipe()

    /// Starts the server on `catalog` and waits (at most 30 s) for its "listening on" line.
    init(catalog: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = BuildProducts.sluice
        process.arguments = ["serve", "--catalog", catalog, "--port", "0"] + arguments
        var variables = ProcessInfo.processInfo.environment
        variables["SLUICE_ADMIN_TOKEN"] = Self.adminToken
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: #"listening on (https?://[^\s/]+)"#, options: .regularExpression) {
                url = String(seen[range].dropFirst("listening on ".count))
                // Keep draining so the server never blocks on a full pipe.
                output.fileHandleForReading.readabilityHandler = { _ = $0.availableData }
                return
            }
        }
        process.terminate()
        throw ServeProcessFailed(output: seen)
    }

    /// SIGTERM, then waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.interrupt() } }
}

struct ServeProcessFailed: Error, CustomStringConvertible {
    var output: String
    var description: String { "sluice serve did not report its address; it printed:\n\(output)" }
}

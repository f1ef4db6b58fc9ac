import Foundation
import SluiceTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `sluice serve` as users start it: the built binary in a child process, on a free loopback
/// port, its administrator token given in SLUICE_ADMIN_TOKEN.
final class ServeProcess: Sendable {
    static let adminToken = "slc_test-administrator-" + String(repeating: "7", count: 32)
    let process: SpawnedProcess
    let url: String
    /// The server's output goes to a file, read by polling.
    private let logPath: String

    /// Starts the server on `catalog` and waits (at most 30 s) for its "listening on" line.
    init(catalog: String, arguments: [String] = [], environment: [String: String] = [:]) async throws {
        logPath = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-serve-\(UUID().uuidString).log").path
        process = try SpawnedProcess(
            BuildProducts.sluice, ["serve", "--catalog", catalog, "--port", "0"] + arguments,
            environment: environment.merging(["SLUICE_ADMIN_TOKEN": Self.adminToken]) { $1 }, output: .file(logPath), error: .file(logPath))
        var seen = ""
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            seen = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = seen.range(of: #"listening on (https?://[^\s/]+)"#, options: .regularExpression) {
                url = String(seen[range].dropFirst("listening on ".count))
                return
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.signal(SIGTERM)
        await process.waitForExit()
        try? FileManager.default.removeItem(atPath: logPath)
        throw ServeProcessFailed(output: seen)
    }

    /// SIGTERM, then waits for the exit; returns the exit status (the signal's number when one
    /// ended it).
    @discardableResult
    func stop() async -> Int32 {
        process.signal(SIGTERM)
        return await process.waitForExit()
    }

    deinit {
        // SpawnedProcess kills and reaps a child still running when it goes.
        try? FileManager.default.removeItem(atPath: logPath)
    }
}

struct ServeProcessFailed: Error, CustomStringConvertible {
    var output: String
    var description: String { "sluice serve did not report its address; it printed:\n\(output)" }
}

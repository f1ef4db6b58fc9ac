import Foundation
import SluiceTestSupport
import Testing

/// `sluice serve` under many concurrent authenticated requests that read the catalog: every one
/// is answered. A blocking read on Swift's concurrency threads once deadlocked the server here
/// (two threads blocked waiting for reader connections that async reads held until resumed on
/// those threads): the benchmark's wrk saw it stop answering for good.
@Suite(.serialized) struct ServeLoadTests {
    @Test func hundredsOfConcurrentAuthenticatedReadsAreAllAnswered() async throws {
        let directory = try BuildProducts.temporaryDirectory("serve-load")
        let server = try await ServeProcess(catalog: directory.appendingPathComponent("catalog.db").path)
        let urls = ["/api/v1/folders", "/health", "/api/v1/packages", "/api/v1/me", "/api/v1/operations"].map { server.url + $0 }
        let requests = (0..<600).map { urls[$0 % urls.count] }
        let run = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/curl"),
            ["-s", "--parallel", "--parallel-max", "200", "--max-time", "60", "-H", "Authorization: Bearer \(ServeProcess.adminToken)",
                "-w", "%{http_code}\n"] + requests.flatMap { ["-o", "/dev/null", $0] })
        let codes = run.standardOutput.split(separator: "\n")
        #expect(codes.count == requests.count, "\(run.transcript.prefix(600))")
        #expect(codes.allSatisfy { $0 == "200" }, "\(Dictionary(grouping: codes, by: { $0 }).mapValues(\.count))")
        // And it still answers, and stops on SIGTERM.
        #expect(try await LoopbackHTTP.send("GET", server.url, "/health").status == 200)
        #expect(await server.stop() == 0)
    }
}

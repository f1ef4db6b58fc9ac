import Foundation
import SluiceArchive
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `sluice serve` as a child process, killed and restarted: "a server killed with SIGKILL in
/// the middle of a deploy restarts with a consistent catalog (a deploy is all or nothing)";
/// SIGTERM lets a request in flight finish. Uploads go through curl, whose `--limit-rate` keeps
/// a body half sent for as long as the test needs.
@Suite(.serialized) struct ServeReliabilityTests {
    let directory: URL

    init() throws { directory = try BuildProducts.temporaryDirectory("serve-reliability") }

    /// A project of `packages` packages, each carrying `padding` bytes of incompressible text,
    /// so that the archive takes time to send and to deploy.
    func bigArchive(packages: Int, padding: Int) throws -> URL {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        var project = Project(name: "Big")
        project.packages = (0..<packages).map { "P\($0).sluice.json" }
        try ProjectFile.save(project, toFolder: folder.path)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        for index in 0..<packages {
            let text = String((0..<padding).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            var package = Package(name: "P\(index)", description: text)
            var executable = Executable("Work", kind: .task(component: "sluice.expression"))
            executable.properties = JSONObject([("expression", .string("1 + 1"))])
            package.executables = [executable]
            try PackageFile.save(package, to: folder.appendingPathComponent("P\(index).sluice.json").path)
        }
        let file = directory.appendingPathComponent("big-\(packages).zip")
        try ProjectArchive.write(folder: folder.path, to: file.path)
        return file
    }

    /// `curl` uploading `file` to deploy Finance/Big; `rate` limits bytes per second. Its answer
    /// (body, then the status on a line of its own) goes to `output`.
    func upload(_ file: URL, to url: String, rate: String? = nil) throws -> (SpawnedProcess, output: String) {
        let output = directory.appendingPathComponent("curl-\(UUID().uuidString).out").path
        let curl = try SpawnedProcess(
            URL(fileURLWithPath: "/usr/bin/curl"),
            ["-sS", "-o", "-", "-w", "\n%{http_code}", "-X", "PUT", "-H", "Authorization: Bearer \(ServeProcess.adminToken)",
                "-H", "Content-Type: application/zip", "--data-binary", "@\(file.path)", "\(url)/api/v1/folders/Finance/projects/Big"]
                + (rate.map { ["--limit-rate", $0] } ?? []),
            output: .file(output), error: .file(output))
        return (curl, output)
    }

    static func adminClient(_ url: String, _ method: String, _ path: String, body: Data? = nil) async throws -> LoopbackHTTP.Answer {
        try await LoopbackHTTP.send(method, url, path, token: ServeProcess.adminToken, body: body, contentType: body == nil ? nil : "application/json")
    }

    /// After a restart: the catalog opens, SQLite finds it intact, and the project is whole —
    /// its package rows are exactly the packages of its current version's archive.
    func checkConsistent(_ catalogPath: String, sent: Set<Int>) async throws {
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            let check = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [catalogPath, "PRAGMA integrity_check;"])
            #expect(check.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(check.transcript)")
        }
        let store = try SQLiteCatalogStore(path: catalogPath)
        defer { try? store.close() }
        let project = try #require(try await store.project("Big", inFolder: "Finance"))
        let versions = try await store.projectVersions(of: "Big", inFolder: "Finance").map(\.number).sorted()
        #expect(versions == Array(1...Int64(versions.count)), "versions \(versions)")
        let archive = try await store.exportProject("Big", inFolder: "Finance", version: nil)
        let packagesInArchive = try ProjectArchive.read(archive).project.packages.count
        let rows = try await store.packages(inFolder: "Finance", project: "Big").count
        #expect(rows == packagesInArchive, "version \(project.currentVersion): \(rows) package rows, its archive holds \(packagesInArchive)")
        #expect(sent.contains(rows), "\(rows) packages: no archive sent had as many")
    }

    @Test func sigkillDuringDeploysLeavesEitherTheOldOrTheNewVersion() async throws {
        let catalog = directory.appendingPathComponent("catalog.db").path
        let first = try bigArchive(packages: 60, padding: 2_000)
        var server = try await ServeProcess(catalog: catalog)
        #expect(try await Self.adminClient(server.url, "POST", "/api/v1/folders", body: Data(#"{"name": "Finance"}"#.utf8)).status == 201)
        let (curl, _) = try upload(first, to: server.url)
        await curl.waitForExit()
        var sent: Set<Int> = [60]
        try await checkConsistentWhileStopped(&server, catalog: catalog, sent: sent)
        // Kill points: mid-body (a slow upload), then at growing delays of full-speed uploads,
        // landing in the deploy's validation, its transaction, or after it.
        let kills: [(rate: String?, delay: Double)] = [
            ("400k", 0.8), (nil, 0.05), (nil, 0.08), (nil, 0.11), (nil, 0.14), (nil, 0.17), (nil, 0.2), (nil, 0.5), (nil, 1.0),
        ]
        var committed: [Bool] = []
        for (attempt, kill) in kills.enumerated() {
            let packages = 61 + attempt
            // The slow upload is some 1.2 MB at 400 KB/s: killed at 0.8 s, its body is half sent.
            let archive = try bigArchive(packages: packages, padding: kill.rate == nil ? 2_000 : 20_000)
            sent.insert(packages)
            let before = try await versionCount(catalog, server: server)
            let (upload, _) = try upload(archive, to: server.url, rate: kill.rate)
            try await Task.sleep(for: .seconds(kill.delay))
            server.process.signal(SIGKILL)
            await server.process.waitForExit()
            await upload.waitForExit()
            try await checkConsistent(catalog, sent: sent)
            let after = try await Self.versions(catalog).count
            #expect(after == before || after == before + 1, "attempt \(attempt): \(before) versions, then \(after)")
            if kill.rate != nil { #expect(after == before, "a half-sent body made a version") }
            committed.append(after > before)
            server = try await ServeProcess(catalog: catalog)
            let health = try await LoopbackHTTP.send("GET", server.url, "/health")
            #expect(health.status == 200, "attempt \(attempt): \(health.text)")
        }
        await server.stop()
        // Where the kills landed, for the reader of the log: which attempts made a version.
        print("SIGKILL attempts that committed their version: \(committed)")
    }

    static func versions(_ catalogPath: String) async throws -> [Int64] {
        let store = try SQLiteCatalogStore(path: catalogPath)
        defer { try? store.close() }
        return try await store.projectVersions(of: "Big", inFolder: "Finance").map(\.number)
    }

    /// The versions of Finance/Big, read over HTTP from the running server.
    func versionCount(_ catalogPath: String, server: ServeProcess) async throws -> Int {
        let answer = try await Self.adminClient(server.url, "GET", "/api/v1/folders/Finance/projects/Big/versions")
        if answer.status == 200, let count = answer.itemCount { return count }
        // The versions route may still answer 501: read the file, which the server shares (WAL).
        return try await Self.versions(catalogPath).count
    }

    /// Stops the server with SIGTERM, checks the file, starts it again.
    func checkConsistentWhileStopped(_ server: inout ServeProcess, catalog: String, sent: Set<Int>) async throws {
        #expect(await server.stop() == 0)
        try await checkConsistent(catalog, sent: sent)
        server = try await ServeProcess(catalog: catalog)
    }

    @Test func sigtermLetsADeployInFlightFinishAndExitsZero() async throws {
        let catalog = directory.appendingPathComponent("catalog.db").path
        let archive = try bigArchive(packages: 30, padding: 20_000)
        let server = try await ServeProcess(catalog: catalog)
        #expect(try await Self.adminClient(server.url, "POST", "/api/v1/folders", body: Data(#"{"name": "Finance"}"#.utf8)).status == 201)
        // About 600 KB at 400 KB/s: the body is still arriving when SIGTERM comes.
        let (upload, output) = try upload(archive, to: server.url, rate: "400k")
        try await Task.sleep(for: .seconds(0.6))
        #expect(server.process.isRunning)
        let status = await server.stop()
        await upload.waitForExit()
        let answer = try String(contentsOfFile: output, encoding: .utf8)
        #expect(answer.hasSuffix("\n201"), "the deploy in flight got: \(answer.suffix(400))")
        #expect(status == 0)
        try await checkConsistent(catalog, sent: [30])
    }
}

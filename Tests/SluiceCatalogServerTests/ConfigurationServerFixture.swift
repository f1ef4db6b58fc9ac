import Foundation
import SluiceArchive
import SluiceCatalog
import SluiceCatalogClient
import SluiceCatalogServer
import SluiceCore
import SluiceTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The catalog server in this process, on a loopback port, over a real SQLite catalog in a
/// temp dir: the configuration tests talk to it over HTTP (the client library, or raw requests
/// where the client has no call or hides what is checked) and look at the store and its file.
final class ConfigurationServerFixture: Sendable {
    static let adminToken = "slc_test-configuration-admin-" + String(repeating: "5", count: 32)
    let directory: URL
    let catalogPath: String
    let store: SQLiteCatalogStore
    let url: String
    let admin: CatalogClient
    private let running: Task<Void, any Error>

    private init(directory: URL, store: SQLiteCatalogStore, url: String, running: Task<Void, any Error>) throws {
        self.directory = directory
        catalogPath = directory.appendingPathComponent("catalog.db").path
        self.store = store
        self.url = url
        self.running = running
        admin = try CatalogClient(CatalogClientConfiguration(server: url, token: Self.adminToken))
    }

    /// Runs `body` against a new server with folder "Finance" holding project "Warehouse"
    /// (CatalogConfigurationFixture's parameters), then stops the server and closes the store.
    static func with<T: Sendable>(_ body: (ConfigurationServerFixture) async throws -> T) async throws -> T {
        let directory = try BuildProducts.temporaryDirectory("configuration-server")
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog.db").path, passwordCost: 4)
        _ = try await store.bootstrapAdministrator(name: "admin", token: adminToken)
        var configuration = CatalogServerConfiguration()
        configuration.port = 0
        let server = try CatalogServer(store: store, configuration: configuration)
        let running = Task { try await server.run() }
        guard let port = await server.boundPort() else {
            running.cancel()
            throw ServeProcessFailed(output: "the in-process server reported no port")
        }
        let fixture = try ConfigurationServerFixture(directory: directory, store: store, url: "http://127.0.0.1:\(port)", running: running)
        do {
            _ = try await fixture.admin.createFolder("Finance")
            _ = try await fixture.admin.deployProject(folder: "Finance", project: "Warehouse", archive: try warehouseArchive(in: directory))
            let result = try await body(fixture)
            await fixture.stop()
            return result
        } catch {
            await fixture.stop()
            throw error
        }
    }

    func stop() async {
        await admin.close()
        running.cancel()
        _ = try? await running.value
        try? store.close()
    }

    /// A user without any permission, and a token for it.
    func user(_ name: String) async throws -> String {
        _ = try await store.createUser(name, password: "a long enough password", isAdministrator: false, by: "admin")
        return try await store.createToken(for: name, expiresAt: Date().addingTimeInterval(3600), description: "test", by: "admin").secret
    }

    func client(_ token: String) throws -> CatalogClient {
        try CatalogClient(CatalogClientConfiguration(server: url, token: token))
    }

    /// One request with raw bytes in and out: statuses, headers and bodies exactly as sent.
    func raw(_ method: String, _ path: String, json: String? = nil, token: String = adminToken) async throws -> RawAnswer {
        var request = URLRequest(url: try #require(URL(string: url + path)))
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return RawAnswer(status: http.statusCode, location: http.value(forHTTPHeaderField: "Location"), body: data)
    }

    /// The bytes of the catalog's files (the database and its WAL), to look for a secret in clear.
    func catalogFileBytes() throws -> Data {
        var bytes = Data()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: catalogPath + suffix) {
            bytes.append(try Data(contentsOf: URL(fileURLWithPath: catalogPath + suffix)))
        }
        return bytes
    }

    /// Project "Warehouse": Region (DT_WSTR "emea", required) and Retries (DT_I4 3); package
    /// Load: BatchSize (DT_I4 100) and Password (DT_WSTR, sensitive); package Publish: none.
    static func warehouseArchive(in directory: URL) throws -> Data {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var project = Project(name: "Warehouse")
        project.parameters = [
            Parameter("Region", type: .wstr, value: .string("emea"), required: true, description: "Where"),
            Parameter("Retries", type: .i4, value: .int(3)),
        ]
        project.packages = ["Load.sluice.json", "Publish.sluice.json"]
        try ProjectFile.save(project, toFolder: folder.path)
        var load = Package(name: "Load")
        load.parameters = [Parameter("BatchSize", type: .i4, value: .int(100)), Parameter("Password", type: .wstr, sensitive: true)]
        try PackageFile.save(load, to: folder.appendingPathComponent("Load.sluice.json").path)
        try PackageFile.save(Package(name: "Publish"), to: folder.appendingPathComponent("Publish.sluice.json").path)
        return Data(try ProjectArchive.write(folder: folder.path))
    }
}

struct RawAnswer: Sendable {
    var status: Int
    var location: String?
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    /// The problem document's `name` (or any JSON object's text member).
    func member(_ name: String) -> String? { object?[name] as? String }
    func flag(_ name: String) -> Bool? { object?[name] as? Bool }
    private var object: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
}

extension Data {
    func contains(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SluiceArchive
import SluiceCatalog
import SluiceCore
import SluiceTestSupport
import Testing

@testable import SluiceCatalogServer

/// The real catalog server on a loopback port over a SQLite catalog in a temporary directory,
/// with its administrator `admin` (token ``adminToken``), and plain HTTP requests to it: the
/// status, headers and body exactly as a client gets them.
struct SecurityServer: Sendable {
    static let adminToken = "slc_test-administrator-" + String(repeating: "5", count: 32)
    static let password = "correct horse battery"
    let store: SQLiteCatalogStore
    let directory: URL
    let port: Int

    /// Runs `body` against a fresh server, stopped afterwards.
    static func with<T: Sendable>(_ body: @escaping @Sendable (SecurityServer) async throws -> T) async throws -> T {
        let directory = try BuildProducts.temporaryDirectory("security-server")
        let store = try SQLiteCatalogStore(path: directory.appendingPathComponent("catalog.db").path, passwordCost: 4)
        _ = try await store.bootstrapAdministrator(name: "admin", token: adminToken)
        var configuration = CatalogServerConfiguration()
        configuration.port = 0
        let server = try CatalogServer(store: store, configuration: configuration)
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let port = try #require(await server.boundPort())
        return try await body(SecurityServer(store: store, directory: directory, port: port))
    }

    /// A user with ``password`` and a token of theirs.
    func user(_ name: String, administrator: Bool = false) async throws -> String {
        try await store.createUser(name, password: Self.password, isAdministrator: administrator, by: "admin")
        return try await store.createToken(for: name, expiresAt: Date().addingTimeInterval(3600), description: "", by: name).secret
    }

    /// - Parameter authorization: the whole `Authorization` header, instead of `Bearer TOKEN`.
    func send(
        _ method: HTTPRequest.Method, _ path: String, token: String? = adminToken, authorization: String? = nil, json: String? = nil
    ) async throws -> Answer {
        var headers: HTTPFields = [:]
        if let header = authorization ?? token.map({ "Bearer \($0)" }) { headers[.authorization] = header }
        if json != nil { headers[.contentType] = "application/json" }
        let request = TestClient.Request(path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { try await $0.execute(request) }
        return Answer(status: response.head.status.code, headers: response.head.headerFields, body: response.body.map { Data($0.readableBytesView) } ?? Data())
    }

    func get(_ path: String, token: String? = adminToken) async throws -> Answer { try await send(.get, path, token: token) }

    /// A project archive whose packages are named `packages`, each described `description`.
    func archive(_ packages: [String], description: String = "") throws -> [UInt8] {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        var project = Project(name: "Warehouse", description: description)
        project.packages = packages.map { $0 + ".sluice.json" }
        try ProjectFile.save(project, toFolder: folder.path)
        for name in packages {
            try PackageFile.save(Package(name: name, description: description), to: folder.appendingPathComponent(name + ".sluice.json").path)
        }
        return try ProjectArchive.write(folder: folder.path)
    }

    /// A folder `folder` holding project `Warehouse` with `packages`.
    func deploy(_ packages: [String] = ["Load"], into folder: String = "Finance", description: String = "") async throws -> [UInt8] {
        if try await store.folder(folder) == nil { try await store.createFolder(folder, description: "", by: "admin") }
        let bytes = try archive(packages, description: description)
        try await store.deployProject(bytes, as: "Warehouse", into: folder, by: "admin")
        return bytes
    }
}

/// One HTTP answer.
struct Answer: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: Data

    var object: [String: Any] { ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:] }
    var items: [[String: Any]] { (object["items"] as? [[String: Any]]) ?? [] }
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The problem's Sluice error name, when the answer is a problem.
    var problem: String? {
        guard headers[.contentType] == "application/problem+json" else { return nil }
        return object["name"] as? String
    }
}

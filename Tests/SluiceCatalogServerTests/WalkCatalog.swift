import Foundation
import SluiceArchive
import SluiceCatalog
import SluiceCore
import SluiceTestSupport

/// A SQLite catalog with one of every object a route can name, and a token for every kind of
/// caller. It is built once (bcrypt and the expired token's wait cost time), closed, and copied
/// file by file for each server: a route that changes something gets a fresh copy afterwards.
struct WalkCatalog: Sendable {
    static let password = "walk-password-0123"
    static let folder = "Finance", otherFolder = "Archive", project = "Warehouse", package = "Load"
    static let environment = "Prod", variable = "Server", projectParameter = "Threshold", packageParameter = "Limit"
    /// The user the user and permission routes name when the caller is not to name itself.
    static let bystander = "bystander"

    let directory: URL
    let templatePath: String
    let keyPath: String
    let archive: [UInt8]
    /// The bearer value each kind of caller sends (nil: no Authorization header).
    let tokens: [WalkCaller: String]
    let bystanderTokenID: UUID
    let referenceID: UUID

    /// A fresh copy of the catalog file, opened.
    func open() throws -> SQLiteCatalogStore {
        let copy = directory.appendingPathComponent("copy-\(UUID().uuidString).db").path
        // The WAL is checkpointed on close; copy it too should a reader have left one.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: templatePath + suffix) {
            try FileManager.default.copyItem(atPath: templatePath + suffix, toPath: copy + suffix)
        }
        return try SQLiteCatalogStore(path: copy, keyFile: keyPath, passwordCost: 4)
    }

    /// Built once per test process and shared: every server opens its own copy.
    static let shared = Task { try await build() }

    /// The project deployed in the fixture, zipped.
    static func projectArchive(in directory: URL, packages: Int = 1) throws -> [UInt8] {
        try ProjectArchive.write(folder: try projectFolder(in: directory, packages: packages).path)
    }

    /// The project's files, each (name in the archive, bytes).
    static func projectFiles(in directory: URL) throws -> [(String, [UInt8])] {
        let folder = try projectFolder(in: directory)
        return try [Project.fileName, Self.package + ".sluice.json"].map { name in
            (name, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
    }

    /// The project's folder: one project parameter, packages with one parameter each.
    static func projectFolder(in directory: URL, packages: Int = 1) throws -> URL {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        var project = Project(name: Self.project)
        project.parameters = [Parameter(Self.projectParameter, type: .i4, value: .int(1))]
        project.packages = (0..<packages).map { ($0 == 0 ? Self.package : "\(Self.package)\($0)") + ".sluice.json" }
        try ProjectFile.save(project, toFolder: folder.path)
        for file in project.packages {
            var package = Package(name: String(file.dropLast(".sluice.json".count)))
            package.parameters = [Parameter(Self.packageParameter, type: .i4, value: .int(2))]
            var executable = Executable("Work", kind: .task(component: "sluice.expression"))
            executable.properties = JSONObject([("expression", .string("1 + 1"))])
            package.executables = [executable]
            try PackageFile.save(package, to: folder.appendingPathComponent(file).path)
        }
        return folder
    }

    static func build() async throws -> WalkCatalog {
        let directory = try BuildProducts.temporaryDirectory("route-walk")
        let path = directory.appendingPathComponent("template.db").path
        let keyPath = directory.appendingPathComponent("catalog.key").path
        let store = try SQLiteCatalogStore(path: path, keyFile: keyPath, passwordCost: 4)
        var tokens: [WalkCaller: String] = [:]
        let admin = try await store.bootstrapAdministrator(name: "admin", token: ServeProcess.adminToken) ?? ServeProcess.adminToken
        tokens[.administrator] = admin
        let adminCaller = CatalogCaller(user: "admin", isAdministrator: true, tokenID: nil)
        for user in ["nobody", "reader", "writer", "executor", "dormant", Self.bystander] {
            _ = try await store.createUser(user, password: Self.password, isAdministrator: false, by: "admin")
        }
        // Made now and waited for last: the store refuses an expiry in the past. (Written through
        // the store, not SQLite: the token is one the store made, which has simply run out.)
        let expiring = Date().addingTimeInterval(3)
        tokens[.expired] = try await store.createToken(for: "reader", expiresAt: expiring, description: "expires", by: "admin").secret
        func token(_ user: String) async throws -> CatalogCreatedToken {
            try await store.createToken(for: user, expiresAt: Date().addingTimeInterval(86_400), description: "walk", by: "admin")
        }
        for (kind, user) in [(WalkCaller.nobody, "nobody"), (.reader, "reader"), (.writer, "writer"), (.executor, "executor")] {
            tokens[kind] = try await token(user).secret
        }
        let revoked = try await token("reader")
        try await store.revokeToken(revoked.info.id, by: adminCaller)
        tokens[.revoked] = revoked.secret
        tokens[.disabled] = try await token("dormant").secret
        _ = try await store.updateUser("dormant", CatalogUserUpdate(isDisabled: true), by: "admin")
        // Right shape, wrong secret: the reader's token with its last characters changed.
        let readerToken = tokens[.reader] ?? ""
        tokens[.forged] = String(readerToken.dropLast(4)) + (readerToken.hasSuffix("AAAA") ? "BBBB" : "AAAA")
        let bystanderToken = try await token(Self.bystander)

        _ = try await store.createFolder(Self.folder, description: "walked", by: "admin")
        _ = try await store.createFolder(Self.otherFolder, description: "", by: "admin")
        let archive = try projectArchive(in: directory)
        _ = try await store.deployProject(archive, as: Self.project, into: Self.folder, by: "admin")
        _ = try await store.createEnvironment(Self.environment, inFolder: Self.folder, description: "", by: "admin")
        _ = try await store.setEnvironmentVariable(
            Self.variable, CatalogVariableDefinition(type: .wstr, value: "db1"), inEnvironment: Self.environment, inFolder: Self.folder, by: "admin")
        let reference = try await store.createEnvironmentReference(
            .relative(environment: Self.environment), project: Self.project, inFolder: Self.folder, by: "admin")
        _ = try await store.setParameterValue(
            .literal("5"), parameter: Self.projectParameter, package: nil, project: Self.project, inFolder: Self.folder, by: "admin")
        _ = try await store.setParameterValue(
            .literal("6"), parameter: Self.packageParameter, package: Self.package, project: Self.project, inFolder: Self.folder, by: "admin")
        for (user, permissions) in WalkCaller.folderGrants {
            for permission in permissions {
                try await store.setPermission(permission, .grant, for: user, on: .folder(Self.folder), by: "admin")
            }
        }
        try await store.setPermission(.execute, .grant, for: "executor", on: .project(folder: Self.folder, project: Self.project), by: "admin")
        try store.close()
        let wait = expiring.timeIntervalSinceNow + 0.2
        if wait > 0 { try await Task.sleep(for: .seconds(wait)) }
        return WalkCatalog(
            directory: directory, templatePath: path, keyPath: keyPath, archive: archive, tokens: tokens,
            bystanderTokenID: bystanderToken.info.id, referenceID: reference.id)
    }
}

import Foundation
import Testing

/// Roles and explicit permissions over the real server: what they let a user do, deny winning,
/// and refusals that change nothing.
@Suite struct RolesPermissionsHandlerTests {
    static let package = "/api/v1/folders/Finance/projects/Warehouse/packages/Load"

    @Test func aPackagesReaderRoleLetsAUserReadItAndAnUnknownMemberIsRefused() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy(["Load", "Publish"])
            let ada = try await server.user("ada")
            #expect(try await server.get(Self.package, token: ada).status == 404)
            let roles = try await server.get(Self.package + "/roles")
            #expect(roles.status == 200 && roles.object["owner"] as? String == "admin")
            #expect((roles.object["readers"] as? [String]) == [])

            let unknown = try await server.send(.put, Self.package + "/roles", json: #"{"readers": ["ada", "ghost"], "writers": []}"#)
            #expect(unknown.status == 422 && unknown.problem == "SLUICE_E_CATALOG_ROLE_MEMBER_UNKNOWN", "\(unknown.text)")
            #expect(try await server.store.roles(of: .package(folder: "Finance", project: "Warehouse", package: "Load")).readers.isEmpty)

            let set = try await server.send(.put, Self.package + "/roles", json: #"{"readers": ["ada"], "writers": []}"#)
            #expect(set.status == 200 && (set.object["readers"] as? [String]) == ["ada"], "\(set.text)")
            #expect(try await server.get(Self.package, token: ada).status == 200)
            #expect(try await server.get(Self.package + "/roles", token: ada).status == 200)
            // Only that package: its sibling stays hidden, and a reader may not set roles.
            #expect(try await server.get("/api/v1/folders/Finance/projects/Warehouse/packages/Publish", token: ada).status == 404)
            let bySelf = try await server.send(.put, Self.package + "/roles", token: ada, json: #"{"readers": ["ada"], "writers": ["ada"]}"#)
            #expect(bySelf.status == 404)
            #expect(try await server.store.roles(of: .package(folder: "Finance", project: "Warehouse", package: "Load")).writers.isEmpty)
        }
    }

    @Test func aFoldersRolesAreReadAndSet() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy()
            let ada = try await server.user("ada")
            #expect(try await server.get("/api/v1/folders/Finance", token: ada).status == 404)
            let set = try await server.send(.put, "/api/v1/folders/Finance/roles", json: #"{"readers": [], "writers": ["ada"]}"#)
            #expect(set.status == 200 && (set.object["writers"] as? [String]) == ["ada"])
            // A writer reads the folder and its projects, and may create in it.
            #expect(try await server.get("/api/v1/folders/Finance", token: ada).status == 200)
            #expect(try await server.get("/api/v1/folders/Finance/projects/Warehouse", token: ada).status == 200)
            let roles = try await server.get("/api/v1/folders/Finance/roles", token: ada)
            #expect(roles.status == 200 && (roles.object["writers"] as? [String]) == ["ada"])
        }
    }

    @Test func grantDenyAndRevokeWithDenyWinning() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy()
            let ada = try await server.user("ada")
            let project = "/api/v1/folders/Finance/projects/Warehouse"
            let granted = try await server.send(.put, "/api/v1/folders/Finance/permissions/ada/READ_OBJECTS", json: #"{"state": "grant"}"#)
            #expect(granted.status == 200, "\(granted.text)")
            #expect(granted.object["permission"] as? String == "READ_OBJECTS" && granted.object["state"] as? String == "grant")
            #expect(granted.object["setBy"] as? String == "admin")
            #expect(try await server.send(.put, "/api/v1/folders/Finance/permissions/ada/READ", json: #"{"state": "grant"}"#).status == 200)
            #expect(try await server.get(project, token: ada).status == 200)

            // A deny on the project wins over the folder's READ_OBJECTS.
            let denied = try await server.send(.put, project + "/permissions/ada/READ", json: #"{"state": "deny"}"#)
            #expect(denied.status == 200 && denied.object["state"] as? String == "deny")
            #expect(try await server.get(project, token: ada).status == 404)
            let list = try await server.get(project + "/permissions")
            #expect(list.items.map { "\($0["user"] ?? "") \($0["permission"] ?? "") \($0["state"] ?? "")" } == ["ada READ deny"])
            let folderList = try await server.get("/api/v1/folders/Finance/permissions", token: ada)
            #expect(folderList.items.count == 2)

            // Ada may read the folder but not manage it: 403, and nothing changed.
            let refused = try await server.send(.delete, project + "/permissions/ada/READ", token: ada)
            #expect(refused.status == 404)
            let notManager = try await server.send(.put, "/api/v1/folders/Finance/permissions/ada/MODIFY", token: ada, json: #"{"state": "grant"}"#)
            #expect(notManager.status == 403 && notManager.problem == "SLUICE_E_CATALOG_FORBIDDEN")
            #expect(try await server.store.permissions(on: .folder("Finance")).count == 2)

            #expect(try await server.send(.delete, project + "/permissions/ada/READ").status == 204)
            #expect(try await server.get(project, token: ada).status == 200)
            #expect(try await server.get(project + "/permissions").items.isEmpty)
            let unknownUser = try await server.send(.put, project + "/permissions/ghost/READ", json: #"{"state": "grant"}"#)
            #expect(unknownUser.status == 404 && unknownUser.problem == "SLUICE_E_CATALOG_USER_NOT_FOUND")
        }
    }

    @Test func anEnvironmentTakesGrantsAndDeniesAndAFolderOnlyPermissionIsNotAPath() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy()
            _ = try await server.store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "admin")
            let ada = try await server.user("ada")
            let environment = "/api/v1/folders/Finance/environments/Prod"
            let set = try await server.send(.put, environment + "/permissions/ada/EXECUTE", json: #"{"state": "grant"}"#)
            #expect(set.status == 200 && set.object["permission"] as? String == "EXECUTE", "\(set.text)")
            #expect(try await server.get(environment + "/permissions").items.count == 1)
            // A folder-only permission is not an environment's: the path itself is refused.
            let folderOnly = try await server.send(.put, environment + "/permissions/ada/CREATE_OBJECTS", json: #"{"state": "grant"}"#)
            #expect(folderOnly.status == 400)
            // Without READ, ada is refused as if the environment were absent, and nothing changes.
            let refused = try await server.send(.delete, environment + "/permissions/ada/EXECUTE", token: ada)
            #expect(refused.status == 404)
            #expect(try await server.get(environment + "/permissions").items.count == 1)
            #expect(try await server.send(.delete, environment + "/permissions/ada/EXECUTE").status == 204)
            #expect(try await server.get(environment + "/permissions").items.isEmpty)
            let absent = try await server.get("/api/v1/folders/Finance/environments/Nope/permissions")
            #expect(absent.status == 404 && absent.problem == "SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND")
        }
    }
}

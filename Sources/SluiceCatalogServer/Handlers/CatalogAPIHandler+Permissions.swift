import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// Explicit grants and denies on folders, projects and environments (SSISDB grant_permission,
// deny_permission, revoke_permission, explicit_object_permissions). The route table checks READ
// to list them and MANAGE_PERMISSIONS to change them; the store checks which permissions each
// kind of object takes.
extension CatalogAPIHandler {
    func listFolderPermissions(_ input: Operations.ListFolderPermissions.Input) async throws -> Operations.ListFolderPermissions.Output {
        .ok(.init(body: .json(try await permissionPage(.folder(input.path.folderName), input.query.limit, input.query.after))))
    }

    func setFolderPermission(_ input: Operations.SetFolderPermission.Input) async throws -> Operations.SetFolderPermission.Output {
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let path = input.path
        let entry = try await setPermission(
            path.folderPermission.rawValue, request.state, for: path.userName, on: .folder(path.folderName), operation: "setFolderPermission")
        return .ok(.init(body: .json(entry)))
    }

    func revokeFolderPermission(_ input: Operations.RevokeFolderPermission.Input) async throws -> Operations.RevokeFolderPermission.Output {
        let path = input.path
        try await revokePermission(path.folderPermission.rawValue, for: path.userName, on: .folder(path.folderName), operation: "revokeFolderPermission")
        return .noContent(.init())
    }

    func listProjectPermissions(_ input: Operations.ListProjectPermissions.Input) async throws -> Operations.ListProjectPermissions.Output {
        let object = CatalogSecurable.project(folder: input.path.folderName, project: input.path.projectName)
        return .ok(.init(body: .json(try await permissionPage(object, input.query.limit, input.query.after))))
    }

    func setProjectPermission(_ input: Operations.SetProjectPermission.Input) async throws -> Operations.SetProjectPermission.Output {
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let path = input.path
        let object = CatalogSecurable.project(folder: path.folderName, project: path.projectName)
        let entry = try await setPermission(path.objectPermission.rawValue, request.state, for: path.userName, on: object, operation: "setProjectPermission")
        return .ok(.init(body: .json(entry)))
    }

    func revokeProjectPermission(_ input: Operations.RevokeProjectPermission.Input) async throws -> Operations.RevokeProjectPermission.Output {
        let path = input.path
        let object = CatalogSecurable.project(folder: path.folderName, project: path.projectName)
        try await revokePermission(path.objectPermission.rawValue, for: path.userName, on: object, operation: "revokeProjectPermission")
        return .noContent(.init())
    }

    func listEnvironmentPermissions(_ input: Operations.ListEnvironmentPermissions.Input) async throws
        -> Operations.ListEnvironmentPermissions.Output
    {
        let object = CatalogSecurable.environment(folder: input.path.folderName, environment: input.path.environmentName)
        return .ok(.init(body: .json(try await permissionPage(object, input.query.limit, input.query.after))))
    }

    func setEnvironmentPermission(_ input: Operations.SetEnvironmentPermission.Input) async throws -> Operations.SetEnvironmentPermission.Output {
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let path = input.path
        let object = CatalogSecurable.environment(folder: path.folderName, environment: path.environmentName)
        let entry = try await setPermission(
            path.objectPermission.rawValue, request.state, for: path.userName, on: object, operation: "setEnvironmentPermission")
        return .ok(.init(body: .json(entry)))
    }

    func revokeEnvironmentPermission(_ input: Operations.RevokeEnvironmentPermission.Input) async throws
        -> Operations.RevokeEnvironmentPermission.Output
    {
        let path = input.path
        let object = CatalogSecurable.environment(folder: path.folderName, environment: path.environmentName)
        try await revokePermission(path.objectPermission.rawValue, for: path.userName, on: object, operation: "revokeEnvironmentPermission")
        return .noContent(.init())
    }

    // MARK: Helpers

    private func permissionPage(_ object: CatalogSecurable, _ limit: Int?, _ after: String?) async throws -> Components.Schemas.PermissionList {
        let entries = try await store.permissions(on: object)
        let page = try Page(entries, key: { $0.user.lowercased() + "\u{0}" + $0.permission.rawValue }, limit: limit, after: after)
        return .init(items: page.items.map(Self.permissionEntry), next: page.next)
    }

    /// Sets the state, then answers the entry as the store now keeps it.
    private func setPermission(
        _ name: String, _ state: Components.Schemas.PermissionState, for user: String, on object: CatalogSecurable, operation: String
    ) async throws -> Components.Schemas.PermissionEntry {
        let caller = try caller(operation)
        let permission = try Self.permission(name, operation: operation)
        let stored: CatalogPermissionState = state == .deny ? .deny : .grant
        try await store.setPermission(permission, stored, for: user, on: object, by: caller.user)
        let entries = try await store.permissions(on: object)
        guard let entry = entries.first(where: { CatalogAccess.sameName($0.user, user) && $0.permission == permission }) else {
            throw SluiceError(.catalogServerInternal, ["operation": operation])
        }
        return Self.permissionEntry(entry)
    }

    private func revokePermission(_ name: String, for user: String, on object: CatalogSecurable, operation: String) async throws {
        let caller = try caller(operation)
        try await store.revokePermission(try Self.permission(name, operation: operation), for: user, on: object, by: caller.user)
    }

    /// The API's and the store's permission names are the same words.
    private static func permission(_ name: String, operation: String) throws -> CatalogPermission {
        guard let permission = CatalogPermission(rawValue: name) else {
            throw SluiceError(.catalogServerRequestMalformed, ["operation": operation, "reason": "no permission \(name)"])
        }
        return permission
    }

    static func permissionEntry(_ entry: CatalogPermissionEntry) -> Components.Schemas.PermissionEntry {
        .init(
            user: entry.user, permission: Components.Schemas.Permission(rawValue: entry.permission.rawValue) ?? .read,
            state: entry.state == .deny ? .deny : .grant, setBy: entry.setBy, setAt: entry.setAt)
    }
}

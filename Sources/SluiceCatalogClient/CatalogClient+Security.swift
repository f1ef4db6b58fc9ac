import SluiceCatalogAPI

/// Roles (reader and writer lists of a folder or a package) and permissions (grant, deny,
/// revoke on a folder, a project or an environment), as SSISDB's catalog.grant_permission.
extension CatalogClient {
    public typealias Roles = Components.Schemas.Roles
    public typealias PermissionEntry = Components.Schemas.PermissionEntry

    public func roles(of object: CatalogObjectPath) async throws -> Roles {
        switch object {
        case .folder(let folder):
            return try await call("getFolderRoles") { try await client.getFolderRoles(path: .init(folderName: folder)).ok.body.json }
        case .package(let folder, let project, let package):
            return try await call("getPackageRoles") {
                try await client.getPackageRoles(path: .init(folderName: folder, projectName: project, packageName: package)).ok.body.json
            }
        default: throw Self.unsupported(object, "roles", "a folder or a package")
        }
    }

    /// Replaces the reader and writer lists.
    public func setRoles(of object: CatalogObjectPath, readers: [String], writers: [String]) async throws -> Roles {
        let update = Components.Schemas.RolesUpdate(readers: readers, writers: writers)
        switch object {
        case .folder(let folder):
            return try await call("setFolderRoles") {
                try await client.setFolderRoles(path: .init(folderName: folder), body: .json(update)).ok.body.json
            }
        case .package(let folder, let project, let package):
            return try await call("setPackageRoles") {
                try await client.setPackageRoles(
                    path: .init(folderName: folder, projectName: project, packageName: package), body: .json(update)
                ).ok.body.json
            }
        default: throw Self.unsupported(object, "roles", "a folder or a package")
        }
    }

    /// Grants (`state: .grant`) or denies (`.deny`) a permission; `permission` is its name
    /// (`READ`, `MODIFY`, `CREATE_OBJECTS`…).
    public func setPermission(
        on object: CatalogObjectPath, user: String, permission: String, state: Components.Schemas.PermissionState
    ) async throws -> PermissionEntry {
        let body = Components.Schemas.PermissionStateRequest(state: state)
        switch object {
        case .folder(let folder):
            let p = try Self.folderPermission(permission)
            return try await call("setFolderPermission") {
                try await client.setFolderPermission(
                    path: .init(folderName: folder, userName: user, folderPermission: p), body: .json(body)
                ).ok.body.json
            }
        case .project(let folder, let project):
            let p = try Self.objectPermission(permission)
            return try await call("setProjectPermission") {
                try await client.setProjectPermission(
                    path: .init(folderName: folder, projectName: project, userName: user, objectPermission: p), body: .json(body)
                ).ok.body.json
            }
        case .environment(let folder, let environment):
            let p = try Self.objectPermission(permission)
            return try await call("setEnvironmentPermission") {
                try await client.setEnvironmentPermission(
                    path: .init(folderName: folder, environmentName: environment, userName: user, objectPermission: p),
                    body: .json(body)
                ).ok.body.json
            }
        case .package: throw Self.unsupported(object, "permissions", "a folder, a project or an environment (a package has roles)")
        }
    }

    /// Removes a grant or a deny.
    public func revokePermission(on object: CatalogObjectPath, user: String, permission: String) async throws {
        switch object {
        case .folder(let folder):
            let p = try Self.folderPermission(permission)
            _ = try await call("revokeFolderPermission") {
                try await client.revokeFolderPermission(path: .init(folderName: folder, userName: user, folderPermission: p)).noContent
            }
        case .project(let folder, let project):
            let p = try Self.objectPermission(permission)
            _ = try await call("revokeProjectPermission") {
                try await client.revokeProjectPermission(
                    path: .init(folderName: folder, projectName: project, userName: user, objectPermission: p)
                ).noContent
            }
        case .environment(let folder, let environment):
            let p = try Self.objectPermission(permission)
            _ = try await call("revokeEnvironmentPermission") {
                try await client.revokeEnvironmentPermission(
                    path: .init(folderName: folder, environmentName: environment, userName: user, objectPermission: p)
                ).noContent
            }
        case .package: throw Self.unsupported(object, "permissions", "a folder, a project or an environment (a package has roles)")
        }
    }

    /// Every grant and deny on the object.
    public func permissions(on object: CatalogObjectPath) async throws -> [PermissionEntry] {
        try await collectAll("listPermissions") { after in
            let page: Components.Schemas.PermissionList
            switch object {
            case .folder(let folder):
                page = try await call("listFolderPermissions") {
                    try await client.listFolderPermissions(path: .init(folderName: folder), query: .init(after: after)).ok.body.json
                }
            case .project(let folder, let project):
                page = try await call("listProjectPermissions") {
                    try await client.listProjectPermissions(
                        path: .init(folderName: folder, projectName: project), query: .init(after: after)
                    ).ok.body.json
                }
            case .environment(let folder, let environment):
                page = try await call("listEnvironmentPermissions") {
                    try await client.listEnvironmentPermissions(
                        path: .init(folderName: folder, environmentName: environment), query: .init(after: after)
                    ).ok.body.json
                }
            case .package: throw Self.unsupported(object, "permissions", "a folder, a project or an environment (a package has roles)")
            }
            return (page.items, page.next)
        }
    }

    static func folderPermission(_ name: String) throws -> Components.Schemas.Permission {
        guard let p = Components.Schemas.Permission(rawValue: name.uppercased()) else {
            throw CatalogClientConfiguration.refused(
                "\"\(CatalogClientConfiguration.printable(name))\" is not a folder permission (one of \(Components.Schemas.Permission.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return p
    }

    static func objectPermission(_ name: String) throws -> Components.Schemas.ObjectPermission {
        guard let p = Components.Schemas.ObjectPermission(rawValue: name.uppercased()) else {
            throw CatalogClientConfiguration.refused(
                "\"\(CatalogClientConfiguration.printable(name))\" is not a project or environment permission (one of \(Components.Schemas.ObjectPermission.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return p
    }

    static func unsupported(_ object: CatalogObjectPath, _ what: String, _ allowed: String) -> CatalogClientError {
        CatalogClientConfiguration.refused("\(what) belong to \(allowed), not to \"\(CatalogClientConfiguration.printable(object.description))\"")
    }
}

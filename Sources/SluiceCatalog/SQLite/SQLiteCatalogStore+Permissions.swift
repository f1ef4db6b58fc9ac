import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func setPermission(
        _ permission: CatalogPermission, _ state: CatalogPermissionState, for user: String, on object: CatalogSecurable, by caller: String
    ) async throws {
        try await change(Self.permissionKind(object, set: true), Self.objectType(object), Self.objectName(object), by: caller) { db in
            let target = try Self.permissionTarget(db, object, permission)
            let row = try Self.existingUser(db, user)
            // One state per user, permission and object: setting replaces.
            try db.execute(
                sql: """
                    INSERT INTO permission (user_id, object_type, object_id, permission, state, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (user_id, object_type, object_id, permission)
                    DO UPDATE SET state = excluded.state, set_by = excluded.set_by, set_at = excluded.set_at
                    """,
                arguments: [row.id, target.type, target.id, permission.rawValue, state.rawValue, caller, Date().timeIntervalSince1970])
            return ((), "\(state.rawValue) \(permission.rawValue) to user \"\(row.user.name)\"")
        }
    }

    public func revokePermission(_ permission: CatalogPermission, for user: String, on object: CatalogSecurable, by caller: String) async throws {
        try await change(Self.permissionKind(object, set: false), Self.objectType(object), Self.objectName(object), by: caller) { db in
            let target = try Self.permissionTarget(db, object, permission)
            let row = try Self.existingUser(db, user)
            try db.execute(
                sql: "DELETE FROM permission WHERE user_id = ? AND object_type = ? AND object_id = ? AND permission = ?",
                arguments: [row.id, target.type, target.id, permission.rawValue])
            let what = db.changesCount > 0 ? "revoked" : "had no entry for"
            return ((), "\(what) \(permission.rawValue) of user \"\(row.user.name)\"")
        }
    }

    public func permissions(on object: CatalogSecurable) async throws -> [CatalogPermissionEntry] {
        try await read("list permissions") { db in
            let target = try Self.permissionTarget(db, object, nil)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT u.name, p.permission, p.state, p.set_by, p.set_at FROM permission p JOIN user u ON u.id = p.user_id
                    WHERE p.object_type = ? AND p.object_id = ? ORDER BY u.name_key, p.permission
                    """, arguments: [target.type, target.id]
            ).map { row in
                CatalogPermissionEntry(
                    user: row["name"], permission: try CatalogRowInvalid.parse(row, "permission", CatalogPermission.init(rawValue:)),
                    state: try CatalogRowInvalid.parse(row, "state", CatalogPermissionState.init(rawValue:)), setBy: row["set_by"],
                    setAt: Date(timeIntervalSince1970: row["set_at"]))
            }
        }
    }

    // MARK: - Objects

    /// The stored type and id of the object a permission is set on.
    /// - Throws: not found; `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE` for a folder-only
    ///   permission on a project or an environment, any on a package.
    static func permissionTarget(_ db: Database, _ object: CatalogSecurable, _ permission: CatalogPermission?) throws -> (type: String, id: Int64) {
        let what = permission.map { "Permission \($0.rawValue)" } ?? "Permissions"
        switch object {
        case .folder(let folder):
            return ("folder", try folderRow(db, folder).0)
        case .project(let folder, let project):
            let row = try projectRow(db, folder, project)
            if let permission, permission.isFolderOnly {
                throw notApplicable(what, object, "it is a folder-only permission; a project takes READ, MODIFY, EXECUTE and MANAGE_PERMISSIONS")
            }
            return ("project", row.id)
        case .environment(let folder, let environment):
            let row = try environmentRow(db, folder, environment)
            if let permission, permission.isFolderOnly {
                throw notApplicable(what, object, "it is a folder-only permission; an environment takes READ, MODIFY, EXECUTE and MANAGE_PERMISSIONS")
            }
            return ("environment", row.id)
        case .package:
            throw notApplicable(what, object, "a package takes no permissions of its own: its project's apply, and its roles")
        }
    }

    static func notApplicable(_ what: String, _ object: CatalogSecurable, _ reason: String) -> SluiceError {
        SluiceError(.catalogSecurityNotApplicable, ["what": what, "object": describe(object), "reason": reason])
    }

    /// `folder "Finance"`, `project "Finance/Warehouse"`, … for messages.
    static func describe(_ object: CatalogSecurable) -> String {
        "\(objectType(object).rawValue) \"\(CatalogName.escaped(objectName(object)))\""
    }

    static func objectName(_ object: CatalogSecurable) -> String {
        switch object {
        case .folder(let folder): folder
        case .project(let folder, let project): folder + "/" + project
        case .environment(let folder, let environment): folder + "/" + environment
        case .package(let folder, let project, let package): folder + "/" + project + "/" + package
        }
    }

    static func objectType(_ object: CatalogSecurable) -> CatalogOperation.ObjectType {
        switch object {
        case .folder: .folder
        case .project: .project
        case .environment: .environment
        case .package: .package
        }
    }

    static func permissionKind(_ object: CatalogSecurable, set: Bool) -> CatalogOperation.Kind {
        switch object {
        case .folder: set ? .setFolderPermission : .revokeFolderPermission
        case .project, .package: set ? .setProjectPermission : .revokeProjectPermission
        case .environment: set ? .setEnvironmentPermission : .revokeEnvironmentPermission
        }
    }
}

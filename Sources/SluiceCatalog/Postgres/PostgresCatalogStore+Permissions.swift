import Foundation
import PostgresNIO
import SluiceCore

/// Permissions as the SQLite store keeps them; the pure helpers naming an object for messages
/// and the log (`describe`, `objectName`, …) are the SQLite store's own, shared, so both
/// backends word them alike.
extension PostgresCatalogStore {
    typealias Naming = SQLiteCatalogStore

    public func setPermission(
        _ permission: CatalogPermission, _ state: CatalogPermissionState, for user: String, on object: CatalogSecurable, by caller: String
    ) async throws {
        try await change(Naming.permissionKind(object, set: true), Naming.objectType(object), Naming.objectName(object), by: caller) { tx in
            let target = try await Self.permissionTarget(tx, object, permission)
            let row = try await Self.existingUser(tx, user)
            // One state per user, permission and object: setting replaces.
            try await tx.execute(
                """
                INSERT INTO permission (user_id, object_type, object_id, permission, state, set_by, set_at)
                VALUES (\(row.id), \(target.type), \(target.id), \(permission.rawValue), \(state.rawValue), \(caller), \(Date()))
                ON CONFLICT (user_id, object_type, object_id, permission)
                DO UPDATE SET state = excluded.state, set_by = excluded.set_by, set_at = excluded.set_at
                """)
            return ((), "\(state.rawValue) \(permission.rawValue) to user \"\(row.user.name)\"")
        }
    }

    public func revokePermission(_ permission: CatalogPermission, for user: String, on object: CatalogSecurable, by caller: String) async throws {
        try await change(Naming.permissionKind(object, set: false), Naming.objectType(object), Naming.objectName(object), by: caller) { tx in
            let target = try await Self.permissionTarget(tx, object, permission)
            let row = try await Self.existingUser(tx, user)
            let deleted = try await tx.rows(
                """
                DELETE FROM permission WHERE user_id = \(row.id) AND object_type = \(target.type) AND object_id = \(target.id)
                    AND permission = \(permission.rawValue) RETURNING id
                """)
            let what = deleted.isEmpty ? "had no entry for" : "revoked"
            return ((), "\(what) \(permission.rawValue) of user \"\(row.user.name)\"")
        }
    }

    public func permissions(on object: CatalogSecurable) async throws -> [CatalogPermissionEntry] {
        try await read("list permissions") { tx in
            let target = try await Self.permissionTarget(tx, object, nil)
            return try await tx.rows(
                """
                SELECT u.name, p.permission, p.state, p.set_by, p.set_at FROM permission p JOIN catalog_user u ON u.id = p.user_id
                WHERE p.object_type = \(target.type) AND p.object_id = \(target.id) ORDER BY u.name_key, p.permission COLLATE "C"
                """
            ).map { row in
                CatalogPermissionEntry(
                    user: try row("name"), permission: try row.parse("permission", CatalogPermission.init(rawValue:)),
                    state: try row.parse("state", CatalogPermissionState.init(rawValue:)), setBy: try row("set_by"), setAt: try row("set_at"))
            }
        }
    }

    // MARK: - Objects

    /// The stored type and id of the object a permission is set on.
    /// - Throws: not found; `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE` for a folder-only
    ///   permission on a project or an environment, any on a package.
    static func permissionTarget(
        _ tx: PostgresCatalogTransaction, _ object: CatalogSecurable, _ permission: CatalogPermission?
    ) async throws -> (type: String, id: Int64) {
        let what = permission.map { "Permission \($0.rawValue)" } ?? "Permissions"
        switch object {
        case .folder(let folder):
            return ("folder", try await folderRow(tx, folder).0)
        case .project(let folder, let project):
            let row = try await projectRow(tx, folder, project)
            if let permission, permission.isFolderOnly {
                throw Naming.notApplicable(
                    what, object, "it is a folder-only permission; a project takes READ, MODIFY, EXECUTE and MANAGE_PERMISSIONS")
            }
            return ("project", row.id)
        case .environment(let folder, let environment):
            let row = try await environmentRow(tx, folder, environment)
            if let permission, permission.isFolderOnly {
                throw Naming.notApplicable(
                    what, object, "it is a folder-only permission; an environment takes READ, MODIFY, EXECUTE and MANAGE_PERMISSIONS")
            }
            return ("environment", row.id)
        case .package:
            throw Naming.notApplicable(what, object, "a package takes no permissions of its own: its project's apply, and its roles")
        }
    }
}

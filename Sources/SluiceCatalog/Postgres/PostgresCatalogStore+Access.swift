import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func effectivePermissions(of caller: CatalogCaller, on object: CatalogSecurable) async throws -> Set<CatalogPermission> {
        try await read("decide permissions") { tx in
            try await CatalogAccessSnapshot.load(tx, caller: caller, folders: [object.folder])?.held(on: object) ?? []
        }
    }

    public func readable(_ objects: [CatalogSecurable], by caller: CatalogCaller) async throws -> [CatalogSecurable] {
        try await read("decide what is readable") { tx in
            guard let snapshot = try await CatalogAccessSnapshot.load(tx, caller: caller, folders: objects.map(\.folder)) else { return [] }
            return objects.filter { snapshot.held(on: $0).contains(.read) }
        }
    }
}

extension CatalogAccessSnapshot {
    /// The snapshot from PostgreSQL, in the same seven queries whatever the number of folders
    /// (the folders' keys bound as one array); the decisions are then the SQLite store's.
    /// Nil for an unknown or disabled user, who holds nothing.
    static func load(_ tx: PostgresCatalogTransaction, caller: CatalogCaller, folders: [String]) async throws -> CatalogAccessSnapshot? {
        guard let user = try await PostgresCatalogStore.userRow(tx, caller.user), !user.user.isDisabled else { return nil }
        var snapshot = CatalogAccessSnapshot(userKey: CatalogName.key(user.user.name), isAdministrator: user.user.isAdministrator)
        if snapshot.isAdministrator { return snapshot }
        let keys = Array(Set(folders.map(CatalogName.key)))
        for row in try await tx.rows("SELECT id, name_key, created_by FROM folder WHERE name_key = ANY(\(keys))") {
            snapshot.folders[try row("name_key")] = Owned(id: try row("id"), owner: try row("created_by"))
        }
        for row in try await tx.rows(
            """
            SELECT p.id, p.name_key, p.created_by, f.name_key AS folder_key FROM project p JOIN folder f ON f.id = p.folder_id
            WHERE f.name_key = ANY(\(keys))
            """)
        {
            let (folderKey, key): (String, String) = (try row("folder_key"), try row("name_key"))
            snapshot.projects[folderKey, default: [:]][key] = Owned(id: try row("id"), owner: try row("created_by", String?.self) ?? "")
        }
        for row in try await tx.rows(
            """
            SELECT e.id, e.name_key, e.created_by, f.name_key AS folder_key FROM environment e JOIN folder f ON f.id = e.folder_id
            WHERE f.name_key = ANY(\(keys))
            """)
        {
            let (folderKey, key): (String, String) = (try row("folder_key"), try row("name_key"))
            snapshot.environments[folderKey, default: [:]][key] = Owned(id: try row("id"), owner: try row("created_by"))
        }
        for row in try await tx.rows("SELECT object_type, object_id, permission, state FROM permission WHERE user_id = \(user.id)") {
            // An entry this Sluice does not know (written by a newer one) gives nothing.
            guard let permission = CatalogPermission(rawValue: try row("permission")), let state = CatalogPermissionState(rawValue: try row("state"))
            else { continue }
            let (type, id): (String, Int64) = (try row("object_type"), try row("object_id"))
            snapshot.entries[type, default: [:]][id, default: [:]][permission] = state
        }
        for row in try await tx.rows("SELECT folder_id, role FROM folder_role WHERE user_id = \(user.id)") {
            let folderID: Int64 = try row("folder_id")
            if let role = CatalogRole(rawValue: try row("role")) { snapshot.folderRoles[folderID, default: []].insert(role) }
        }
        for row in try await tx.rows("SELECT project_id, package_key, role FROM package_role WHERE user_id = \(user.id)") {
            let (projectID, package): (Int64, String) = (try row("project_id"), try row("package_key"))
            if let role = CatalogRole(rawValue: try row("role")) { snapshot.packageRoles[projectID, default: [:]][package, default: []].insert(role) }
        }
        return snapshot
    }
}

import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func effectivePermissions(of caller: CatalogCaller, on object: CatalogSecurable) async throws -> Set<CatalogPermission> {
        try await read("decide permissions") { db in
            try CatalogAccessSnapshot.load(db, caller: caller, folders: [object.folder])?.held(on: object) ?? []
        }
    }

    public func readable(_ objects: [CatalogSecurable], by caller: CatalogCaller) async throws -> [CatalogSecurable] {
        try await read("decide what is readable") { db in
            guard let snapshot = try CatalogAccessSnapshot.load(db, caller: caller, folders: objects.map(\.folder)) else { return [] }
            return objects.filter { snapshot.held(on: $0).contains(.read) }
        }
    }
}

/// Everything that decides what one caller holds on the objects of some folders, read in seven
/// queries whatever their number: the caller's row, the folders, their projects, and the
/// caller's entries and role memberships. ``CatalogAccessRules`` then decides each object in
/// memory.
struct CatalogAccessSnapshot {
    struct Owned {
        var id: Int64
        var owner: String
    }

    var userKey: String
    var isAdministrator: Bool
    /// By folder name key.
    var folders: [String: Owned] = [:]
    /// By folder and project name key.
    var projects: [String: [String: Owned]] = [:]
    /// By folder and environment name key.
    var environments: [String: [String: Owned]] = [:]
    /// By object type and id.
    var entries: [String: [Int64: [CatalogPermission: CatalogPermissionState]]] = [:]
    var folderRoles: [Int64: Set<CatalogRole>] = [:]
    /// By project id and package name key.
    var packageRoles: [Int64: [String: Set<CatalogRole>]] = [:]

    /// Nil for an unknown or disabled user, who holds nothing.
    static func load(_ db: Database, caller: CatalogCaller, folders: [String]) throws -> CatalogAccessSnapshot? {
        guard let user = try SQLiteCatalogStore.userRow(db, caller.user), !user.user.isDisabled else { return nil }
        var snapshot = CatalogAccessSnapshot(userKey: CatalogName.key(user.user.name), isAdministrator: user.user.isAdministrator)
        if snapshot.isAdministrator { return snapshot }
        let keys = String(decoding: try JSONEncoder().encode(Array(Set(folders.map(CatalogName.key)))), as: UTF8.self)
        for row in try Row.fetchAll(
            db, sql: "SELECT id, name_key, created_by FROM folder WHERE name_key IN (SELECT value FROM json_each(?))", arguments: [keys])
        {
            let key: String = row["name_key"]
            snapshot.folders[key] = Owned(id: row["id"], owner: row["created_by"])
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT p.id, p.name_key, p.created_by, f.name_key AS folder_key FROM project p JOIN folder f ON f.id = p.folder_id
                WHERE f.name_key IN (SELECT value FROM json_each(?))
                """, arguments: [keys])
        {
            let (folderKey, key): (String, String) = (row["folder_key"], row["name_key"])
            snapshot.projects[folderKey, default: [:]][key] = Owned(id: row["id"], owner: row["created_by"] ?? "")
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT e.id, e.name_key, e.created_by, f.name_key AS folder_key FROM environment e JOIN folder f ON f.id = e.folder_id
                WHERE f.name_key IN (SELECT value FROM json_each(?))
                """, arguments: [keys])
        {
            let (folderKey, key): (String, String) = (row["folder_key"], row["name_key"])
            snapshot.environments[folderKey, default: [:]][key] = Owned(id: row["id"], owner: row["created_by"])
        }
        for row in try Row.fetchAll(db, sql: "SELECT object_type, object_id, permission, state FROM permission WHERE user_id = ?", arguments: [user.id]) {
            // An entry this Sluice does not know (written by a newer one) gives nothing.
            guard let permission = CatalogPermission(rawValue: row["permission"]), let state = CatalogPermissionState(rawValue: row["state"])
            else { continue }
            let type: String = row["object_type"]
            let id: Int64 = row["object_id"]
            snapshot.entries[type, default: [:]][id, default: [:]][permission] = state
        }
        for row in try Row.fetchAll(db, sql: "SELECT folder_id, role FROM folder_role WHERE user_id = ?", arguments: [user.id]) {
            let folderID: Int64 = row["folder_id"]
            if let role = CatalogRole(rawValue: row["role"]) { snapshot.folderRoles[folderID, default: []].insert(role) }
        }
        for row in try Row.fetchAll(db, sql: "SELECT project_id, package_key, role FROM package_role WHERE user_id = ?", arguments: [user.id]) {
            let (projectID, package): (Int64, String) = (row["project_id"], row["package_key"])
            if let role = CatalogRole(rawValue: row["role"]) { snapshot.packageRoles[projectID, default: [:]][package, default: []].insert(role) }
        }
        return snapshot
    }

    /// What the caller holds on `object`; nothing on an object that does not exist.
    func held(on object: CatalogSecurable) -> Set<CatalogPermission> {
        let target: CatalogAccessFacts.Target =
            switch object {
            case .folder: .folder
            case .project: .project
            case .environment: .environment
            case .package: .package
            }
        if isAdministrator { return CatalogAccessRules.held(CatalogAccessFacts(target: target, isAdministrator: true)) }
        let folderKey = CatalogName.key(object.folder)
        guard let folder = folders[folderKey] else { return [] }
        var facts = CatalogAccessFacts(target: target, folderEntries: entries["folder"]?[folder.id] ?? [:])
        facts.folderRoles = CatalogName.key(folder.owner) == userKey ? Set(CatalogRole.allCases) : folderRoles[folder.id] ?? []
        switch object {
        case .folder:
            break
        case .environment(_, let name):
            guard let environment = environments[folderKey]?[CatalogName.key(name)] else { return [] }
            facts.objectEntries = entries["environment"]?[environment.id] ?? [:]
        case .project(_, let name), .package(_, let name, _):
            guard let project = projects[folderKey]?[CatalogName.key(name)] else { return [] }
            facts.objectEntries = entries["project"]?[project.id] ?? [:]
            if case .package(_, _, let package) = object {
                let owns = CatalogName.key(project.owner) == userKey
                facts.packageRoles = owns ? Set(CatalogRole.allCases) : packageRoles[project.id]?[Self.packageKey(package)] ?? []
            }
        }
        return CatalogAccessRules.held(facts)
    }

    /// A package's roles are kept by its name; `Load.sluice.json` names `Load`.
    static func packageKey(_ package: String) -> String {
        let key = CatalogName.key(package)
        return key.hasSuffix(".sluice.json") ? String(key.dropLast(".sluice.json".count)) : key
    }
}

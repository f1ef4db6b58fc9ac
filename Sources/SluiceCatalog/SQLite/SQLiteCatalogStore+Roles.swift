import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    /// A role's largest membership (the API's RolesUpdate).
    public static let maximumRoleMembers = 1000

    public func roles(of object: CatalogSecurable) async throws -> CatalogRoles {
        try await read("read roles") { db in
            let holder = try Self.roleHolder(db, object)
            let rows = try Row.fetchAll(
                db, sql: "SELECT u.name, r.role FROM \(holder.table) r JOIN user u ON u.id = r.user_id WHERE \(holder.condition) ORDER BY u.name_key",
                arguments: holder.arguments)
            let members = { (role: CatalogRole) in rows.filter { ($0["role"] as String) == role.rawValue }.map { $0["name"] as String } }
            return CatalogRoles(owner: holder.owner, readers: members(.reader), writers: members(.writer))
        }
    }

    public func setRoles(of object: CatalogSecurable, readers: [String], writers: [String], by caller: String) async throws {
        let kind: CatalogOperation.Kind = if case .package = object { .setPackageRoles } else { .setFolderRoles }
        try await change(kind, Self.objectType(object), Self.objectName(object), by: caller) { db in
            let holder = try Self.roleHolder(db, object)
            var rows: [(role: CatalogRole, userID: Int64)] = []
            for (role, names) in [(CatalogRole.reader, readers), (.writer, writers)] {
                guard names.count <= Self.maximumRoleMembers else {
                    throw SluiceError(.catalogRolesTooMany, [
                        "role": role.rawValue, "object": Self.describe(object), "count": String(names.count),
                        "maximum": String(Self.maximumRoleMembers),
                    ])
                }
                rows += try Self.userIDs(db, names).map { (role: role, userID: $0) }
            }
            try db.execute(sql: "DELETE FROM \(holder.table) WHERE \(holder.condition)", arguments: holder.arguments)
            for row in rows {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO \(holder.table) (\(holder.columns), user_id, role) VALUES (\(holder.placeholders), ?, ?)",
                    arguments: holder.arguments + [row.userID, row.role.rawValue])
            }
            return ((), "\(Set(readers.map(CatalogName.key)).count) reader(s), \(Set(writers.map(CatalogName.key)).count) writer(s)")
        }
    }

    // MARK: - Rows

    /// Where an object's roles are kept, and its owner. Table and column names are constants
    /// of this file; every value is bound.
    struct RoleHolder {
        var table: String
        var columns: String
        var placeholders: String
        var condition: String
        var arguments: StatementArguments
        var owner: String
    }

    /// - Throws: not found; `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE` for a project or an
    ///   environment (roles are a folder's or a package's).
    static func roleHolder(_ db: Database, _ object: CatalogSecurable) throws -> RoleHolder {
        switch object {
        case .folder(let folder):
            let (id, _) = try folderRow(db, folder)
            let owner = try String.fetchOne(db, sql: "SELECT created_by FROM folder WHERE id = ?", arguments: [id]) ?? ""
            return RoleHolder(
                table: "folder_role", columns: "folder_id", placeholders: "?", condition: "folder_id = ?", arguments: [id], owner: owner)
        case .package(let folder, let project, let package):
            let row = try projectRow(db, folder, project)
            let key = CatalogName.key(package)
            // `Load` or `Load.sluice.json`, as packageExists takes it; kept by the package's name.
            guard let name = try String.fetchOne(
                db, sql: "SELECT name_key FROM package WHERE version_id = ? AND (name_key = ? OR file_key = ?)",
                arguments: [row.currentVersion, key, key])
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": CatalogName.escaped(package)])
            }
            let owner = try String.fetchOne(db, sql: "SELECT created_by FROM project WHERE id = ?", arguments: [row.id]) ?? ""
            return RoleHolder(
                table: "package_role", columns: "project_id, package_key", placeholders: "?, ?", condition: "project_id = ? AND package_key = ?",
                arguments: [row.id, name], owner: owner)
        case .project, .environment:
            throw notApplicable("Roles", object, "roles are a folder's or a package's")
        }
    }

    /// The ids of the users `names` (duplicates once), in one query.
    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_USER_NOT_FOUND` naming the first unknown.
    static func userIDs(_ db: Database, _ names: [String]) throws -> [Int64] {
        let checked = try names.map { try CatalogName($0, kind: .user) }
        let keys = Array(Set(checked.map(\.key)))
        let json = String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
        let found = try Row.fetchAll(
            db, sql: "SELECT id, name_key FROM user WHERE name_key IN (SELECT value FROM json_each(?))", arguments: [json])
        let ids = Dictionary(found.map { ($0["name_key"] as String, $0["id"] as Int64) }, uniquingKeysWith: { first, _ in first })
        if let missing = checked.first(where: { ids[$0.key] == nil }) { throw SluiceError(.catalogUserNotFound, ["user": missing.value]) }
        return keys.compactMap { ids[$0] }
    }
}

import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func roles(of object: CatalogSecurable) async throws -> CatalogRoles {
        try await read("read roles") { tx in
            let holder = try await Self.roleHolder(tx, object)
            let query: PostgresQuery =
                switch holder.place {
                case .folder(let id):
                    """
                    SELECT u.name, r.role FROM folder_role r JOIN catalog_user u ON u.id = r.user_id
                    WHERE r.folder_id = \(id) ORDER BY u.name_key
                    """
                case .package(let projectID, let key):
                    """
                    SELECT u.name, r.role FROM package_role r JOIN catalog_user u ON u.id = r.user_id
                    WHERE r.project_id = \(projectID) AND r.package_key = \(key) ORDER BY u.name_key
                    """
                }
            let rows = try await tx.rows(query).map { (name: try $0("name", String.self), role: try $0("role", String.self)) }
            let members = { (role: CatalogRole) in rows.filter { $0.role == role.rawValue }.map(\.name) }
            return CatalogRoles(owner: holder.owner, readers: members(.reader), writers: members(.writer))
        }
    }

    public func setRoles(of object: CatalogSecurable, readers: [String], writers: [String], by caller: String) async throws {
        let kind: CatalogOperation.Kind = if case .package = object { .setPackageRoles } else { .setFolderRoles }
        let limit = SQLiteCatalogStore.maximumRoleMembers
        try await change(kind, Naming.objectType(object), Naming.objectName(object), by: caller) { tx in
            let holder = try await Self.roleHolder(tx, object)
            var userIDs: [Int64] = []
            var roles: [String] = []
            for (role, names) in [(CatalogRole.reader, readers), (.writer, writers)] {
                guard names.count <= limit else {
                    throw SluiceError(.catalogRolesTooMany, [
                        "role": role.rawValue, "object": Naming.describe(object), "count": String(names.count), "maximum": String(limit),
                    ])
                }
                let ids = try await Self.userIDs(tx, names)
                userIDs += ids
                roles += Array(repeating: role.rawValue, count: ids.count)
            }
            // The members as a whole: the old ones go, the new ones come in one statement.
            switch holder.place {
            case .folder(let id):
                try await tx.execute("DELETE FROM folder_role WHERE folder_id = \(id)")
                try await tx.execute(
                    """
                    INSERT INTO folder_role (folder_id, user_id, role) SELECT \(id), unnest(\(userIDs)::bigint[]), unnest(\(roles)::text[])
                    ON CONFLICT DO NOTHING
                    """)
            case .package(let projectID, let key):
                try await tx.execute("DELETE FROM package_role WHERE project_id = \(projectID) AND package_key = \(key)")
                try await tx.execute(
                    """
                    INSERT INTO package_role (project_id, package_key, user_id, role)
                    SELECT \(projectID), \(key), unnest(\(userIDs)::bigint[]), unnest(\(roles)::text[])
                    ON CONFLICT DO NOTHING
                    """)
            }
            return ((), "\(Set(readers.map(CatalogName.key)).count) reader(s), \(Set(writers.map(CatalogName.key)).count) writer(s)")
        }
    }

    // MARK: - Rows

    /// Where an object's roles are kept, and its owner.
    struct RoleHolder {
        enum Place {
            case folder(id: Int64)
            /// By project and package name key: a redeploy keeps them.
            case package(projectID: Int64, key: String)
        }

        var place: Place
        var owner: String
    }

    /// - Throws: not found; `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE` for a project or an
    ///   environment (roles are a folder's or a package's).
    static func roleHolder(_ tx: PostgresCatalogTransaction, _ object: CatalogSecurable) async throws -> RoleHolder {
        switch object {
        case .folder(let folder):
            let (id, _) = try await folderRow(tx, folder)
            let owner = try await tx.value("SELECT created_by FROM folder WHERE id = \(id)", as: String.self) ?? ""
            return RoleHolder(place: .folder(id: id), owner: owner)
        case .package(let folder, let project, let package):
            let row = try await projectRow(tx, folder, project)
            let key = CatalogName.key(package)
            // `Load` or `Load.sluice.json`, as packageExists takes it; kept by the package's name.
            guard let name = try await tx.value(
                "SELECT name_key FROM package WHERE version_id = \(row.currentVersion) AND (name_key = \(key) OR file_key = \(key))",
                as: String.self)
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": CatalogName.escaped(package)])
            }
            let owner = try await tx.value("SELECT created_by FROM project WHERE id = \(row.id)", as: String?.self) ?? nil
            return RoleHolder(place: .package(projectID: row.id, key: name), owner: owner ?? "")
        case .project, .environment:
            throw Naming.notApplicable("Roles", object, "roles are a folder's or a package's")
        }
    }

    /// The ids of the users `names` (duplicates once), in one query.
    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_USER_NOT_FOUND` naming the first unknown.
    static func userIDs(_ tx: PostgresCatalogTransaction, _ names: [String]) async throws -> [Int64] {
        let checked = try names.map { try CatalogName($0, kind: .user) }
        let keys = Array(Set(checked.map(\.key)))
        let found = try await tx.rows("SELECT id, name_key FROM catalog_user WHERE name_key = ANY(\(keys))")
        var ids: [String: Int64] = [:]
        for row in found { ids[try row("name_key", String.self)] = try row("id", Int64.self) }
        if let missing = checked.first(where: { ids[$0.key] == nil }) { throw SluiceError(.catalogUserNotFound, ["user": missing.value]) }
        return keys.compactMap { ids[$0] }
    }
}

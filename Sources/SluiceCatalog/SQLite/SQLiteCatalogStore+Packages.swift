import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func packages(inFolder folder: String?, project: String?) async throws -> [CatalogPackage] {
        let projectKey = try project.map { try CatalogName($0, kind: .project).key }
        return try await read("list packages") { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let folder {
                let (folderID, _) = try Self.folderRow(db, folder)
                conditions.append("p.folder_id = ?")
                arguments += [folderID]
            }
            if let projectKey {
                conditions.append("p.name_key = ?")
                arguments += [projectKey]
            }
            return try Self.packages(db, conditions, arguments)
        }
    }

    public func packageExists(_ package: String, project: String, inFolder folder: String) async throws -> Bool {
        try await read("look a package up") { db in
            let row = try Self.projectRow(db, folder, project)
            let key = CatalogName.key(package)
            return try Bool.fetchOne(
                db, sql: "SELECT 1 FROM package WHERE version_id = ? AND (name_key = ? OR file_key = ?)",
                arguments: [row.currentVersion, key, key]) != nil
        }
    }

    public func exportPackage(_ package: String, project: String, inFolder folder: String) async throws -> [UInt8] {
        try await read("export a package") { db in
            let row = try Self.projectRow(db, folder, project)
            let key = CatalogName.key(package)
            // An exact file name wins over a package name, as Project.packageFile(named:) decides.
            guard let data = try Data.fetchOne(
                db,
                sql: """
                    SELECT content FROM package WHERE version_id = ? AND (file_key = ? OR name_key = ?)
                    ORDER BY file_key = ? DESC LIMIT 1
                    """,
                arguments: [row.currentVersion, key, key, key])
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": CatalogName.escaped(package)])
            }
            return Array(data)
        }
    }

    static func packages(_ db: Database, _ conditions: [String], _ arguments: StatementArguments) throws -> [CatalogPackage] {
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT f.name AS folder, p.name AS project, k.name, k.file, k.package_uuid, k.version_major, k.version_minor,
                    k.version_build, k.version_uuid, k.description, k.version_id
                FROM package k JOIN project p ON p.current_version = k.version_id JOIN folder f ON f.id = p.folder_id
                \(condition) ORDER BY f.name_key, p.name_key, k.position
                """, arguments: arguments
        ).map { row in
            CatalogPackage(
                folder: row["folder"], project: row["project"], name: row["name"], file: row["file"],
                packageID: try CatalogRowInvalid.parse(row, "package_uuid", UUID.init(uuidString:)), versionMajor: row["version_major"],
                versionMinor: row["version_minor"], versionBuild: row["version_build"],
                versionID: (row["version_uuid"] as String?).flatMap(UUID.init(uuidString:)), description: row["description"],
                projectVersion: row["version_id"])
        }
    }
}

import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func packages(inFolder folder: String?, project: String?) async throws -> [CatalogPackage] {
        let projectKey = try project.map { try CatalogName($0, kind: .project).key }
        return try await read("list packages") { tx in
            var conditions: [String] = []
            var values: [any PostgresDynamicTypeEncodable] = []
            if let folder {
                let (folderID, _) = try await Self.folderRow(tx, folder)
                values.append(folderID)
                conditions.append("p.folder_id = $\(values.count)")
            }
            if let projectKey {
                values.append(projectKey)
                conditions.append("p.name_key = $\(values.count)")
            }
            return try await Self.packages(tx, conditions, values)
        }
    }

    public func packageExists(_ package: String, project: String, inFolder folder: String) async throws -> Bool {
        try await read("look a package up") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let key = CatalogName.key(package)
            return try await tx.first(
                "SELECT 1 FROM package WHERE version_id = \(row.currentVersion) AND (name_key = \(key) OR file_key = \(key))") != nil
        }
    }

    public func exportPackage(_ package: String, project: String, inFolder folder: String) async throws -> [UInt8] {
        try await read("export a package") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let key = CatalogName.key(package)
            // An exact file name wins over a package name, as Project.packageFile(named:) decides.
            guard let data = try await tx.value(
                """
                SELECT content FROM package WHERE version_id = \(row.currentVersion) AND (file_key = \(key) OR name_key = \(key))
                ORDER BY file_key = \(key) DESC LIMIT 1
                """, as: ByteBuffer.self)
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": CatalogName.escaped(package)])
            }
            return Array(data.readableBytesView)
        }
    }

    static func packages(
        _ tx: PostgresCatalogTransaction, _ conditions: [String], _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [CatalogPackage] {
        let condition = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try await tx.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT f.name AS folder, p.name AS project, k.name, k.file, k.package_uuid, k.version_major, k.version_minor,
                        k.version_build, k.version_uuid, k.description, k.version_id
                    FROM package k JOIN project p ON p.current_version = k.version_id JOIN folder f ON f.id = p.folder_id
                    \(condition) ORDER BY f.name_key, p.name_key, k.position
                    """, binds: bindings(values))
        ).map { row in
            CatalogPackage(
                folder: try row("folder"), project: try row("project"), name: try row("name"), file: try row("file"),
                packageID: try row("package_uuid"), versionMajor: try row("version_major"), versionMinor: try row("version_minor"),
                versionBuild: try row("version_build"), versionID: try row("version_uuid"), description: try row("description"),
                projectVersion: try row("version_id"))
        }
    }
}

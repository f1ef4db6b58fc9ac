import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    struct ProjectRow {
        var id: Int64
        var folder: String
        var name: String
        var currentVersion: Int64
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_PROJECT_NOT_FOUND`.
    static func projectRow(_ tx: PostgresCatalogTransaction, _ folder: String, _ project: String) async throws -> ProjectRow {
        let (folderID, folderName) = try await folderRow(tx, folder)
        let name = try CatalogName(project, kind: .project)
        guard let row = try await tx.first(
            "SELECT id, name, current_version FROM project WHERE folder_id = \(folderID) AND name_key = \(name.key)")
        else {
            throw SluiceError(.catalogProjectNotFound, ["folder": folderName, "project": name.value])
        }
        return ProjectRow(id: try row("id"), folder: folderName, name: try row("name"), currentVersion: try row("current_version"))
    }

    /// The projects matching `condition` (on `p`, project, with `$1`… bound to `values`), by name.
    static func projects(
        _ tx: PostgresCatalogTransaction, _ condition: String, _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [CatalogProject] {
        try await tx.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT f.name AS folder, p.name, v.project_uuid, v.description, v.id AS version, v.deployed_by, v.deployed_at
                    FROM project p JOIN folder f ON f.id = p.folder_id JOIN project_version v ON v.id = p.current_version
                    WHERE \(condition) ORDER BY p.name_key
                    """, binds: bindings(values))
        ).map { row in
            CatalogProject(
                folder: try row("folder"), name: try row("name"), projectID: try row("project_uuid"), description: try row("description"),
                currentVersion: try row("version"), deployedBy: try row("deployed_by"), deployedAt: try row("deployed_at"))
        }
    }

    /// The versions matching `condition` (on `v`, project_version), the newest first.
    static func versions(
        _ tx: PostgresCatalogTransaction, _ condition: String, _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [CatalogProjectVersion] {
        try await tx.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT v.id, v.project_uuid, v.description, v.deployed_by, v.deployed_at, octet_length(v.archive) AS archive_bytes,
                        v.archive_sha256, v.restored_at,
                        (SELECT count(*) FROM package k WHERE k.version_id = v.id) AS package_count,
                        p.name AS project, f.name AS folder, p.current_version = v.id AS is_current
                    FROM project_version v JOIN project p ON p.id = v.project_id JOIN folder f ON f.id = p.folder_id
                    WHERE \(condition) ORDER BY v.id DESC
                    """, binds: bindings(values))
        ).map { row in
            CatalogProjectVersion(
                number: try row("id"), folder: try row("folder"), project: try row("project"), projectID: try row("project_uuid"),
                description: try row("description"), deployedBy: try row("deployed_by"), deployedAt: try row("deployed_at"),
                archiveBytes: try row("archive_bytes"), archiveSHA256: try row("archive_sha256", String?.self) ?? "",
                packageCount: try row("package_count"), isCurrent: try row("is_current"), restoredAt: try row("restored_at", Date?.self))
        }
    }

    /// `values` as the binds `$1`, `$2`… of a statement written with them.
    static func bindings(_ values: [any PostgresDynamicTypeEncodable]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }
}

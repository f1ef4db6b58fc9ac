import Foundation
import GRDB
import SluiceArchive
import SluiceCore

extension SQLiteCatalogStore {
    /// Reads the archive, the project and every package inside the write transaction, after
    /// the version row is written: a package that does not load rolls the whole deploy back.
    /// The writer is busy meanwhile; readers are not (WAL).
    @discardableResult
    public func deployProject(_ archive: [UInt8], as project: String, into folder: String, by caller: String) async throws
        -> CatalogProjectVersion
    {
        let hook = duringDeploy
        return try await change(.deployProject, .project, folder + "/" + project, by: caller) { db in
            let name = try CatalogName(project, kind: .project)
            let (folderID, folderName) = try Self.folderRow(db, folder)
            let contents = try ProjectArchive.read(archive, path: folderName + "/" + name.value)
            let projectID: Int64
            if let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM project WHERE folder_id = ? AND name_key = ?", arguments: [folderID, name.key])
            {
                projectID = id
            } else {
                try db.execute(
                    sql: "INSERT INTO project (folder_id, name, name_key, created_by) VALUES (?, ?, ?, ?)",
                    arguments: [folderID, name.value, name.key, caller])
                projectID = db.lastInsertedRowID
            }
            try db.execute(
                sql: """
                    INSERT INTO project_version (project_id, project_uuid, description, deployed_by, deployed_at, archive, archive_sha256)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    projectID, contents.project.id.uuidString, contents.project.description, caller, Date().timeIntervalSince1970,
                    Data(archive), CatalogArchiveDigest.hex(archive),
                ])
            let versionID = db.lastInsertedRowID
            var decoded: [(name: String, package: Package)] = []
            for (position, file) in contents.project.packages.enumerated() {
                let bytes = contents.files[file] ?? []
                let package: Package
                do {
                    package = try PackageFile.decode(bytes)
                } catch {
                    let reason = (error as? SluiceError)?.description ?? "\(error)"
                    throw SluiceError(
                        .catalogDeployPackageInvalid, ["project": name.value, "folder": folderName, "package": file, "reason": reason],
                        cause: error)
                }
                let packageName = contents.project.packageNames[position]
                decoded.append((packageName, package))
                try db.execute(
                    sql: """
                        INSERT INTO package (version_id, position, name, name_key, file, file_key, package_uuid, version_major,
                            version_minor, version_build, version_uuid, description, content)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        versionID, position, packageName, CatalogName.key(packageName), file, CatalogName.key(file), package.id.uuidString,
                        package.metadata.versionMajor, package.metadata.versionMinor, package.metadata.versionBuild,
                        package.metadata.versionID?.uuidString, package.description, Data(bytes),
                    ])
            }
            try db.execute(sql: "UPDATE project SET current_version = ? WHERE id = ?", arguments: [versionID, projectID])
            try Self.recordDeployedParameters(db, version: versionID, project: contents.project, packages: decoded)
            let dropped = try Self.pruneParameterValues(db, project: projectID, version: versionID)
            hook?()
            let version = try Self.versions(db, "v.id = ?", [versionID])[0]
            let values = dropped > 0 ? "; \(dropped) server value(s) of parameters it no longer has dropped" : ""
            return (version, "version \(versionID) with \(contents.project.packages.count) package(s)" + values)
        }
    }

    public func projects(inFolder folder: String) async throws -> [CatalogProject] {
        try await read("list projects") { db in
            let (folderID, _) = try Self.folderRow(db, folder)
            return try Self.projects(db, "p.folder_id = ?", [folderID])
        }
    }

    public func project(_ project: String, inFolder folder: String) async throws -> CatalogProject? {
        let name = try CatalogName(project, kind: .project)
        return try await read("read project") { db in
            let (folderID, _) = try Self.folderRow(db, folder)
            return try Self.projects(db, "p.folder_id = ? AND p.name_key = ?", [folderID, name.key]).first
        }
    }

    public func projectVersions(of project: String, inFolder folder: String) async throws -> [CatalogProjectVersion] {
        try await read("list project versions") { db in
            let row = try Self.projectRow(db, folder, project)
            return try Self.versions(db, "v.project_id = ?", [row.id])
        }
    }

    public func restoreProject(_ project: String, inFolder folder: String, version: Int64, by caller: String) async throws {
        try await change(.restoreProject, .project, folder + "/" + project, by: caller) { db in
            let row = try Self.projectRow(db, folder, project)
            guard try Bool.fetchOne(
                db, sql: "SELECT 1 FROM project_version WHERE id = ? AND project_id = ?", arguments: [version, row.id]) != nil
            else {
                throw SluiceError(.catalogVersionNotFound, ["folder": row.folder, "project": row.name, "version": String(version)])
            }
            if version != row.currentVersion {
                try db.execute(sql: "UPDATE project SET current_version = ? WHERE id = ?", arguments: [version, row.id])
                try db.execute(
                    sql: "UPDATE project_version SET restored_at = ? WHERE id = ?", arguments: [Date().timeIntervalSince1970, version])
            }
            return ((), "version \(version) restored; version \(row.currentVersion) was current")
        }
    }

    public func moveProject(_ project: String, from folder: String, to newFolder: String, by caller: String) async throws {
        try await change(.moveProject, .project, folder + "/" + project, by: caller) { db in
            let row = try Self.projectRow(db, folder, project)
            let (targetID, target) = try Self.folderRow(db, newFolder)
            if let existing = try Row.fetchOne(
                db, sql: "SELECT id, name FROM project WHERE folder_id = ? AND name_key = ?", arguments: [targetID, CatalogName.key(row.name)]),
                existing["id"] as Int64 != row.id
            {
                throw SluiceError(.catalogProjectExists, ["folder": target, "existing": existing["name"] as String])
            }
            try db.execute(sql: "UPDATE project SET folder_id = ? WHERE id = ?", arguments: [targetID, row.id])
            return ((), "moved to folder \"\(target)\"")
        }
    }

    public func exportProject(_ project: String, inFolder folder: String, version: Int64?) async throws -> [UInt8] {
        try await read("export project") { db in
            let row = try Self.projectRow(db, folder, project)
            let number = version ?? row.currentVersion
            guard let data = try Data.fetchOne(
                db, sql: "SELECT archive FROM project_version WHERE id = ? AND project_id = ?", arguments: [number, row.id])
            else {
                throw SluiceError(.catalogVersionNotFound, ["folder": row.folder, "project": row.name, "version": String(number)])
            }
            return Array(data)
        }
    }

    public func deleteProject(_ project: String, inFolder folder: String, by caller: String) async throws {
        try await change(.deleteProject, .project, folder + "/" + project, by: caller) { db in
            let row = try Self.projectRow(db, folder, project)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM project_version WHERE project_id = ?", arguments: [row.id]) ?? 0
            try db.execute(sql: "DELETE FROM project WHERE id = ?", arguments: [row.id])
            return ((), "deleted with \(count) version(s)")
        }
    }

    // MARK: - Rows

    struct ProjectRow {
        var id: Int64
        var folder: String
        var name: String
        var currentVersion: Int64
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_PROJECT_NOT_FOUND`.
    static func projectRow(_ db: Database, _ folder: String, _ project: String) throws -> ProjectRow {
        let (folderID, folderName) = try folderRow(db, folder)
        let name = try CatalogName(project, kind: .project)
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, name, current_version FROM project WHERE folder_id = ? AND name_key = ?", arguments: [folderID, name.key])
        else {
            throw SluiceError(.catalogProjectNotFound, ["folder": folderName, "project": name.value])
        }
        return ProjectRow(id: row["id"], folder: folderName, name: row["name"], currentVersion: row["current_version"])
    }

    static func projects(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [CatalogProject] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT f.name AS folder, p.name, v.project_uuid, v.description, v.id AS version, v.deployed_by, v.deployed_at
                FROM project p JOIN folder f ON f.id = p.folder_id JOIN project_version v ON v.id = p.current_version
                WHERE \(condition) ORDER BY p.name_key
                """, arguments: arguments
        ).map { row in
            CatalogProject(
                folder: row["folder"], name: row["name"], projectID: try CatalogRowInvalid.parse(row, "project_uuid", UUID.init(uuidString:)),
                description: row["description"], currentVersion: row["version"], deployedBy: row["deployed_by"],
                deployedAt: Date(timeIntervalSince1970: row["deployed_at"]))
        }
    }

    static func versions(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [CatalogProjectVersion] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT v.id, v.project_uuid, v.description, v.deployed_by, v.deployed_at, length(v.archive) AS archive_bytes,
                    v.archive_sha256, v.restored_at,
                    (SELECT count(*) FROM package k WHERE k.version_id = v.id) AS package_count,
                    p.name AS project, f.name AS folder, p.current_version = v.id AS is_current
                FROM project_version v JOIN project p ON p.id = v.project_id JOIN folder f ON f.id = p.folder_id
                WHERE \(condition) ORDER BY v.id DESC
                """, arguments: arguments
        ).map { row in
            CatalogProjectVersion(
                number: row["id"], folder: row["folder"], project: row["project"],
                projectID: try CatalogRowInvalid.parse(row, "project_uuid", UUID.init(uuidString:)), description: row["description"],
                deployedBy: row["deployed_by"], deployedAt: Date(timeIntervalSince1970: row["deployed_at"]),
                archiveBytes: row["archive_bytes"], archiveSHA256: row["archive_sha256"] ?? "", packageCount: row["package_count"],
                isCurrent: row["is_current"], restoredAt: (row["restored_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }
}

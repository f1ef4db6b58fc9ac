import Foundation
import PostgresNIO
import SluiceArchive
import SluiceCore

extension PostgresCatalogStore {
    /// Reads the archive, the project and every package inside the write transaction, after
    /// the version row is written: a package that does not load rolls the whole deploy back.
    /// Other changes wait for the writer lock meanwhile; readers do not.
    @discardableResult
    public func deployProject(_ archive: [UInt8], as project: String, into folder: String, by caller: String) async throws
        -> CatalogProjectVersion
    {
        try await change(.deployProject, .project, folder + "/" + project, by: caller) { tx in
            let name = try CatalogName(project, kind: .project)
            let (folderID, folderName) = try await Self.folderRow(tx, folder)
            let contents = try ProjectArchive.read(archive, path: folderName + "/" + name.value)
            let projectID: Int64
            if let id = try await tx.value("SELECT id FROM project WHERE folder_id = \(folderID) AND name_key = \(name.key)", as: Int64.self) {
                projectID = id
            } else {
                projectID = try await Self.inserted(
                    tx, """
                    INSERT INTO project (folder_id, name, name_key, created_by) VALUES (\(folderID), \(name.value), \(name.key), \(caller))
                    RETURNING id
                    """)
            }
            let versionID = try await Self.inserted(
                tx,
                """
                INSERT INTO project_version (project_id, project_uuid, description, deployed_by, deployed_at, archive, archive_sha256)
                VALUES (\(projectID), \(contents.project.id), \(contents.project.description), \(caller), \(Date()),
                    \(ByteBuffer(bytes: archive)), \(CatalogArchiveDigest.hex(archive)))
                RETURNING id
                """)
            let packageNames = contents.project.packageNames
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
                // One name per package file (packageNames maps packages); checked all the same.
                guard packageNames.indices.contains(position) else { throw CatalogRowInvalid(column: "package name", value: file) }
                let packageName = packageNames[position]
                decoded.append((packageName, package))
                try await tx.execute(
                    """
                    INSERT INTO package (version_id, position, name, name_key, file, file_key, package_uuid, version_major,
                        version_minor, version_build, version_uuid, description, content)
                    VALUES (\(versionID), \(position), \(packageName), \(CatalogName.key(packageName)), \(file), \(CatalogName.key(file)),
                        \(package.id), \(package.metadata.versionMajor), \(package.metadata.versionMinor),
                        \(package.metadata.versionBuild), \(package.metadata.versionID), \(package.description), \(ByteBuffer(bytes: bytes)))
                    """)
            }
            try await tx.execute("UPDATE project SET current_version = \(versionID) WHERE id = \(projectID)")
            try await Self.recordDeployedParameters(tx, version: versionID, project: contents.project, packages: decoded)
            let dropped = try await Self.pruneParameterValues(tx, project: projectID, version: versionID)
            guard let version = try await Self.versions(tx, "v.id = $1", [versionID]).first else {
                throw CatalogRowInvalid(column: "project_version", value: String(versionID))
            }
            let values = dropped > 0 ? "; \(dropped) server value(s) of parameters it no longer has dropped" : ""
            return (version, "version \(versionID) with \(contents.project.packages.count) package(s)" + values)
        }
    }

    /// The `id` an `INSERT … RETURNING id` gives.
    static func inserted(_ tx: PostgresCatalogTransaction, _ query: PostgresQuery) async throws -> Int64 {
        guard let id = try await tx.value(query, as: Int64.self) else { throw CatalogRowInvalid(column: "id", value: "(none returned)") }
        return id
    }
}

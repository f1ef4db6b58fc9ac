import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    @discardableResult
    public func createEnvironmentReference(
        _ target: CatalogReferenceTarget, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogEnvironmentReference {
        try await change(.createEnvironmentReference, .project, folder + "/" + project, by: caller) { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let (environmentName, folderName): (String, String?) =
                switch target {
                case .relative(let environment): (environment, nil)
                case .absolute(let environment, let folder): (environment, folder)
                }
            // The environment must exist now; run time resolves it again by name.
            let environment = try await Self.environmentRow(tx, folderName ?? row.folder, environmentName).environment
            let folderKey = folderName.map { _ in CatalogName.key(environment.folder) }
            let described = folderName == nil ? "environment \"\(environment.name)\" (relative)" : "environment \"\(environment.folder)/\(environment.name)\""
            if try await tx.first(
                """
                SELECT 1 FROM environment_reference WHERE project_id = \(row.id) AND environment_key = \(CatalogName.key(environment.name))
                    AND folder_key IS NOT DISTINCT FROM \(folderKey)
                """) != nil
            {
                throw SluiceError(.catalogReferenceExists, ["project": row.name, "folder": row.folder, "target": described])
            }
            let reference = CatalogEnvironmentReference(
                id: UUID(), kind: folderName == nil ? .relative : .absolute, environment: environment.name,
                folder: folderName == nil ? nil : environment.folder)
            try await tx.execute(
                """
                INSERT INTO environment_reference (uuid, project_id, environment_name, environment_key, folder_name, folder_key)
                VALUES (\(reference.id), \(row.id), \(environment.name), \(CatalogName.key(environment.name)), \(reference.folder), \(folderKey))
                """)
            return (reference, "reference \(reference.id.uuidString) to \(described)")
        }
    }

    public func environmentReferences(project: String, inFolder folder: String) async throws -> [CatalogEnvironmentReference] {
        try await read("list environment references") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            return try await tx.rows(
                "SELECT uuid, environment_name, folder_name FROM environment_reference WHERE project_id = \(row.id) ORDER BY id"
            ).map { reference in
                let folder = try reference("folder_name", String?.self)
                return CatalogEnvironmentReference(
                    id: try reference("uuid"), kind: folder == nil ? .relative : .absolute, environment: try reference("environment_name"),
                    folder: folder)
            }
        }
    }

    public func deleteEnvironmentReference(_ id: UUID, project: String, inFolder folder: String, by caller: String) async throws {
        try await change(.deleteEnvironmentReference, .project, folder + "/" + project, by: caller) { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let deleted = try await tx.rows("DELETE FROM environment_reference WHERE uuid = \(id) AND project_id = \(row.id) RETURNING id")
            guard deleted.count == 1 else {
                throw SluiceError(.catalogReferenceNotFound, ["project": row.name, "folder": row.folder, "reference": id.uuidString])
            }
            return ((), "reference \(id.uuidString) deleted")
        }
    }
}

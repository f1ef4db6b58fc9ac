import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    @discardableResult
    public func createEnvironmentReference(
        _ target: CatalogReferenceTarget, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogEnvironmentReference {
        try await change(.createEnvironmentReference, .project, folder + "/" + project, by: caller) { db in
            let row = try Self.projectRow(db, folder, project)
            let (environmentName, folderName): (String, String?) =
                switch target {
                case .relative(let environment): (environment, nil)
                case .absolute(let environment, let folder): (environment, folder)
                }
            // The environment must exist now; run time resolves it again by name.
            let environment = try Self.environmentRow(db, folderName ?? row.folder, environmentName).environment
            let folderKey = folderName.map { _ in CatalogName.key(environment.folder) }
            let described = folderName == nil ? "environment \"\(environment.name)\" (relative)" : "environment \"\(environment.folder)/\(environment.name)\""
            if try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM environment_reference WHERE project_id = ? AND environment_key = ? AND folder_key IS ?",
                arguments: [row.id, CatalogName.key(environment.name), folderKey]) != nil
            {
                throw SluiceError(.catalogReferenceExists, ["project": row.name, "folder": row.folder, "target": described])
            }
            let reference = CatalogEnvironmentReference(
                id: UUID(), kind: folderName == nil ? .relative : .absolute, environment: environment.name,
                folder: folderName == nil ? nil : environment.folder)
            try db.execute(
                sql: """
                    INSERT INTO environment_reference (uuid, project_id, environment_name, environment_key, folder_name, folder_key)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [reference.id.uuidString, row.id, environment.name, CatalogName.key(environment.name), reference.folder, folderKey])
            return (reference, "reference \(reference.id.uuidString) to \(described)")
        }
    }

    public func environmentReferences(project: String, inFolder folder: String) async throws -> [CatalogEnvironmentReference] {
        try await read("list environment references") { db in
            let row = try Self.projectRow(db, folder, project)
            return try Row.fetchAll(
                db, sql: "SELECT uuid, environment_name, folder_name FROM environment_reference WHERE project_id = ? ORDER BY id",
                arguments: [row.id]
            ).map { reference in
                let folder: String? = reference["folder_name"]
                return CatalogEnvironmentReference(
                    id: try CatalogRowInvalid.parse(reference, "uuid", UUID.init(uuidString:)), kind: folder == nil ? .relative : .absolute,
                    environment: reference["environment_name"], folder: folder)
            }
        }
    }

    public func deleteEnvironmentReference(_ id: UUID, project: String, inFolder folder: String, by caller: String) async throws {
        try await change(.deleteEnvironmentReference, .project, folder + "/" + project, by: caller) { db in
            let row = try Self.projectRow(db, folder, project)
            try db.execute(
                sql: "DELETE FROM environment_reference WHERE uuid = ? AND project_id = ?", arguments: [id.uuidString, row.id])
            guard db.changesCount == 1 else {
                throw SluiceError(.catalogReferenceNotFound, ["project": row.name, "folder": row.folder, "reference": id.uuidString])
            }
            return ((), "reference \(id.uuidString) deleted")
        }
    }
}

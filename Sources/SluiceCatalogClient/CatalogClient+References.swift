import SluiceCatalogAPI

/// A project's references to environments (SSISDB `create_environment_reference`): relative
/// (an environment of the project's own folder) or absolute (an environment of a named folder).
///
/// ```swift
/// let reference = try await client.createEnvironmentReference(folder: "Finance", project: "Warehouse", environment: "Prod")
/// try await client.createEnvironmentReference(folder: "Finance", project: "Warehouse", environment: "Shared", inFolder: "Common")
/// try await client.deleteEnvironmentReference(folder: "Finance", project: "Warehouse", id: reference.id)
/// ```
extension CatalogClient {
    public typealias EnvironmentReference = Components.Schemas.EnvironmentReference

    public func allEnvironmentReferences(folder: String, project: String, pageSize: Int? = nil) async throws -> [EnvironmentReference] {
        try await collectAll("listEnvironmentReferences") { after in
            let page = try await call("listEnvironmentReferences") {
                try await client.listEnvironmentReferences(
                    path: .init(folderName: folder, projectName: project), query: .init(limit: pageSize, after: after)
                ).ok.body.json
            }
            return (page.items, page.next)
        }
    }

    /// References `environment`: of the project's own folder when `environmentFolder` is nil
    /// (relative), else of that folder (absolute).
    @discardableResult
    public func createEnvironmentReference(
        folder: String, project: String, environment: String, inFolder environmentFolder: String? = nil
    ) async throws -> EnvironmentReference {
        try await call("createEnvironmentReference") {
            try await client.createEnvironmentReference(
                path: .init(folderName: folder, projectName: project),
                body: .json(.init(kind: environmentFolder == nil ? .relative : .absolute, environment: environment, folder: environmentFolder))
            ).created.body.json
        }
    }

    public func deleteEnvironmentReference(folder: String, project: String, id: String) async throws {
        _ = try await call("deleteEnvironmentReference") {
            try await client.deleteEnvironmentReference(path: .init(folderName: folder, projectName: project, referenceId: id)).noContent
        }
    }
}

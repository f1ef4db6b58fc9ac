import Foundation
import OpenAPIRuntime
import SluiceCatalogAPI

/// Projects: deploy (`.sluiceproj` archives, as SSIS deploys `.ispac`), versions, restore,
/// move, export, delete.
extension CatalogClient {
    public typealias Project = Components.Schemas.Project
    public typealias ProjectVersion = Components.Schemas.ProjectVersion

    /// Deploys archive bytes as the project's next version (creating the project if new).
    public func deployProject(folder: String, project: String, archive: Data) async throws -> Project {
        try await call("deployProject") {
            try await client.deployProject(
                path: .init(folderName: folder, projectName: project), body: .applicationZip(HTTPBody(archive))
            ).created.body.json
        }
    }

    /// Deploys a `.sluiceproj` file (read whole: the server takes at most 64 MiB).
    public func deployProject(folder: String, project: String, archiveFile path: String) async throws -> Project {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CatalogClientConfiguration.refused(
                "the archive \"\(CatalogClientConfiguration.printable(path))\" could not be read: \(error.localizedDescription)")
        }
        return try await deployProject(folder: folder, project: project, archive: data)
    }

    public func describeProject(folder: String, project: String) async throws -> Project {
        try await call("getProject") {
            try await client.getProject(path: .init(folderName: folder, projectName: project)).ok.body.json
        }
    }

    public func listProjects(folder: String, limit: Int? = nil, after: String? = nil) async throws -> Components.Schemas.ProjectList {
        try await call("listProjects") {
            try await client.listProjects(path: .init(folderName: folder), query: .init(limit: limit, after: after)).ok.body.json
        }
    }

    public func allProjects(folder: String) async throws -> [Project] {
        try await collectAll("listProjects") { after in
            let page = try await listProjects(folder: folder, after: after)
            return (page.items, page.next)
        }
    }

    /// Every retained version, following the pages.
    public func projectVersions(folder: String, project: String) async throws -> [ProjectVersion] {
        try await collectAll("listProjectVersions") { after in
            let page = try await call("listProjectVersions") {
                try await client.listProjectVersions(
                    path: .init(folderName: folder, projectName: project), query: .init(after: after)
                ).ok.body.json
            }
            return (page.items, page.next)
        }
    }

    /// Makes a retained version current again.
    public func restoreProject(folder: String, project: String, version: Int64) async throws -> Project {
        try await call("restoreProjectVersion") {
            try await client.restoreProjectVersion(path: .init(folderName: folder, projectName: project, version: version)).ok.body.json
        }
    }

    public func moveProject(folder: String, project: String, to destination: String) async throws -> Project {
        try await call("moveProject") {
            try await client.moveProject(
                path: .init(folderName: folder, projectName: project), body: .json(.init(folder: destination))
            ).ok.body.json
        }
    }

    /// The archive bytes of the current version, or of `version`.
    public func exportProject(folder: String, project: String, version: Int64? = nil) async throws -> Data {
        try await call("exportProject") {
            let body = try await client.exportProject(
                path: .init(folderName: folder, projectName: project), query: .init(version: version)
            ).ok.body.applicationZip
            return try await bytes(of: body, limit: Self.downloadLimit, operation: "exportProject")
        }
    }

    public func deleteProject(folder: String, project: String) async throws {
        _ = try await call("deleteProject") {
            try await client.deleteProject(path: .init(folderName: folder, projectName: project)).noContent
        }
    }
}

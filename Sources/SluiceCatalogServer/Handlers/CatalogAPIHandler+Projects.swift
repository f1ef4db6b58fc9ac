import Foundation
import OpenAPIRuntime
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

extension CatalogAPIHandler {
    func listProjects(_ input: Operations.ListProjects.Input) async throws -> Operations.ListProjects.Output {
        let caller = try caller("listProjects")
        let folder = input.path.folderName
        var readable: [CatalogProject] = []
        for project in try await store.projects(inFolder: folder) {
            if try await access.canRead(.project(folder: folder, project: project.name), by: caller) { readable.append(project) }
        }
        let page = try Page(readable, key: { $0.name.lowercased() }, limit: input.query.limit, after: input.query.after)
        var items: [Components.Schemas.Project] = []
        for project in page.items { items.append(try await projectBody(project)) }
        return .ok(.init(body: .json(.init(items: items, next: page.next))))
    }

    func getProject(_ input: Operations.GetProject.Input) async throws -> Operations.GetProject.Output {
        let project = try await existingProject(input.path.projectName, in: input.path.folderName)
        return .ok(.init(body: .json(try await projectBody(project))))
    }

    /// Streams the archive into memory (the body limit middleware stops it at 64 MiB), has the
    /// deploy check look at it, then deploys it in one store transaction.
    func deployProject(_ input: Operations.DeployProject.Input) async throws -> Operations.DeployProject.Output {
        let caller = try caller("deployProject")
        let (folder, name) = (input.path.folderName, input.path.projectName)
        guard try await store.folder(folder) != nil, try await access.canRead(.folder(folder), by: caller) else {
            throw CatalogAccess.notFound(.folder(folder))
        }
        if try await store.project(name, inFolder: folder) != nil {
            try await access.require(.modify, on: .project(folder: folder, project: name), by: caller, operationID: "deployProject")
        } else {
            try await access.require(.createObjects, on: .folder(folder), by: caller, operationID: "deployProject")
        }
        guard case .applicationZip(let body) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        var archive: [UInt8] = []
        for try await chunk in body { archive.append(contentsOf: chunk) }
        try await deployCheck.check(archive: archive, project: name, folder: folder)
        try await store.deployProject(archive, as: name, into: folder, by: caller.user)
        let project = try await existingProject(name, in: folder)
        return .created(.init(headers: .init(location: Self.location(folder, name)), body: .json(try await projectBody(project))))
    }

    func deleteProject(_ input: Operations.DeleteProject.Input) async throws -> Operations.DeleteProject.Output {
        let caller = try caller("deleteProject")
        try await store.deleteProject(input.path.projectName, inFolder: input.path.folderName, by: caller.user)
        return .noContent(.init())
    }

    func exportProject(_ input: Operations.ExportProject.Input) async throws -> Operations.ExportProject.Output {
        let (folder, name) = (input.path.folderName, input.path.projectName)
        let bytes = try await store.exportProject(name, inFolder: folder, version: input.query.version)
        let disposition = "attachment; filename=\"project.sluiceproj\""
        return .ok(.init(headers: .init(contentDisposition: disposition), body: .applicationZip(HTTPBody(bytes))))
    }

    // MARK: Helpers

    func existingProject(_ name: String, in folder: String) async throws -> CatalogProject {
        guard let project = try await store.project(name, inFolder: folder) else {
            throw CatalogAccess.notFound(.project(folder: folder, project: name))
        }
        return project
    }

    func projectBody(_ project: CatalogProject) async throws -> Components.Schemas.Project {
        let versions = try await store.projectVersions(of: project.name, inFolder: project.folder)
        guard let current = versions.first(where: \.isCurrent) ?? versions.first else {
            throw CatalogAccess.notFound(.project(folder: project.folder, project: project.name))
        }
        return .init(
            id: project.projectID.uuidString.lowercased(), name: project.name, folder: project.folder,
            description: project.description.isEmpty ? nil : project.description,
            currentVersion: try await versionBody(current), packageCount: current.packageCount)
    }

    func versionBody(_ version: CatalogProjectVersion) async throws -> Components.Schemas.ProjectVersion {
        .init(
            number: version.number, projectFileId: version.projectID.uuidString.lowercased(), deployedAt: version.deployedAt,
            deployedBy: version.deployedBy, archiveBytes: Int64(version.archiveBytes), archiveSHA256: version.archiveSHA256,
            current: version.isCurrent, restoredAt: version.restoredAt)
    }
}

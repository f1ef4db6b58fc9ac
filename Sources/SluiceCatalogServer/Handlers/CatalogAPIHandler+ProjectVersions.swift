import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// A project's retained versions, restoring one, and moving the project to another folder.
extension CatalogAPIHandler {
    func listProjectVersions(_ input: Operations.ListProjectVersions.Input) async throws -> Operations.ListProjectVersions.Output {
        let (folder, name) = (input.path.folderName, input.path.projectName)
        let versions = try await store.projectVersions(of: name, inFolder: folder)
        let page = try Page(versions, key: { Self.newestFirstNumberKey($0.number) }, limit: input.query.limit, after: input.query.after)
        var items: [Components.Schemas.ProjectVersion] = []
        for version in page.items { items.append(try await versionBody(version)) }
        return .ok(.init(body: .json(.init(items: items, next: page.next))))
    }

    /// Restoring the current version changes nothing but is still recorded.
    func restoreProjectVersion(_ input: Operations.RestoreProjectVersion.Input) async throws -> Operations.RestoreProjectVersion.Output {
        let caller = try caller("restoreProjectVersion")
        let (folder, name) = (input.path.folderName, input.path.projectName)
        try await store.restoreProject(name, inFolder: folder, version: input.path.version, by: caller.user)
        return .ok(.init(body: .json(try await projectBody(try await existingProject(name, in: folder)))))
    }

    /// MODIFY on the project, then CREATE_OBJECTS on the destination; a destination the caller
    /// may not READ answers 404 as an absent one does.
    func moveProject(_ input: Operations.MoveProject.Input) async throws -> Operations.MoveProject.Output {
        let caller = try caller("moveProject")
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let (folder, name, destination) = (input.path.folderName, input.path.projectName, request.folder)
        let project = try await existingProject(name, in: folder)
        try await access.require(.modify, on: .project(folder: folder, project: name), by: caller, operationID: "moveProject")
        guard try await store.folder(destination) != nil, try await access.canRead(.folder(destination), by: caller) else {
            throw CatalogAccess.notFound(.folder(destination))
        }
        try await access.require(.createObjects, on: .folder(destination), by: caller, operationID: "moveProject")
        try await store.moveProject(project.name, from: project.folder, to: destination, by: caller.user)
        return .ok(.init(body: .json(try await projectBody(try await existingProject(project.name, in: destination)))))
    }

    /// Orders version numbers (never negative) from the highest down.
    static func newestFirstNumberKey(_ number: Int64) -> String {
        let inverted = String(Int64.max - max(0, number))
        return String(repeating: "0", count: max(0, 19 - inverted.count)) + inverted
    }
}

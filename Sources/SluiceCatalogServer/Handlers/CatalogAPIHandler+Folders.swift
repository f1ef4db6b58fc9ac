import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

extension CatalogAPIHandler {
    func listFolders(_ input: Operations.ListFolders.Input) async throws -> Operations.ListFolders.Output {
        let caller = try caller("listFolders")
        let all = try await store.folders()
        let readable = try await readableFolders(all, by: caller)
        let page = try Page(readable, key: { $0.name.lowercased() }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.folder), next: page.next))))
    }

    func createFolder(_ input: Operations.CreateFolder.Input) async throws -> Operations.CreateFolder.Output {
        let caller = try caller("createFolder")
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let folder = try await store.createFolder(request.name, description: request.description ?? "", by: caller.user)
        return .created(.init(headers: .init(location: Self.location(folder.name)), body: .json(Self.folder(folder))))
    }

    func getFolder(_ input: Operations.GetFolder.Input) async throws -> Operations.GetFolder.Output {
        .ok(.init(body: .json(Self.folder(try await existingFolder(input.path.folderName)))))
    }

    func updateFolder(_ input: Operations.UpdateFolder.Input) async throws -> Operations.UpdateFolder.Output {
        let caller = try caller("updateFolder")
        guard case .json(let update) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        try await store.setFolderDescription(input.path.folderName, update.description, by: caller.user)
        return .ok(.init(body: .json(Self.folder(try await existingFolder(input.path.folderName)))))
    }

    func renameFolder(_ input: Operations.RenameFolder.Input) async throws -> Operations.RenameFolder.Output {
        let caller = try caller("renameFolder")
        guard case .json(let rename) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        try await store.renameFolder(input.path.folderName, to: rename.name, by: caller.user)
        return .ok(.init(body: .json(Self.folder(try await existingFolder(rename.name)))))
    }

    func deleteFolder(_ input: Operations.DeleteFolder.Input) async throws -> Operations.DeleteFolder.Output {
        let caller = try caller("deleteFolder")
        let folder = input.path.folderName
        let recursive = input.query.recursive ?? false
        if recursive {
            // Recursive: MODIFY on each project too (docs/catalog-api.md).
            for project in try await store.projects(inFolder: folder) {
                try await access.require(
                    .modify, on: .project(folder: folder, project: project.name), by: caller, operationID: "deleteFolder")
            }
        }
        try await store.deleteFolder(folder, recursive: recursive, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    func existingFolder(_ name: String) async throws -> CatalogFolder {
        guard let folder = try await store.folder(name) else { throw CatalogAccess.notFound(.folder(name)) }
        return folder
    }

    func readableFolders(_ folders: [CatalogFolder], by caller: CatalogCaller) async throws -> [CatalogFolder] {
        if caller.isAdministrator { return folders }
        let readable = try await store.readable(folders.map { .folder($0.name) }, by: caller)
        let names = Set(readable.map(\.folder))
        return folders.filter { names.contains($0.name) }
    }

    static func folder(_ folder: CatalogFolder) -> Components.Schemas.Folder {
        .init(
            id: nameID("folder", folder.name), name: folder.name, description: folder.description.isEmpty ? nil : folder.description,
            createdAt: folder.createdAt, createdBy: folder.createdBy)
    }

    static func location(_ segments: String...) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        return "/api/v1/folders/" + segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0 }
            .joined(separator: "/projects/")
    }
}

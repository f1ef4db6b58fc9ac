import Foundation
import SluiceCatalogAPI

/// Folders: `dtutil /FCreate`, `/FRename`, `/FDelete`, `/FDirectory`, `/FExists`.
extension CatalogClient {
    public typealias Folder = Components.Schemas.Folder

    public func createFolder(_ name: String, description: String? = nil) async throws -> Folder {
        try await call("createFolder") {
            try await client.createFolder(body: .json(.init(name: name, description: description))).created.body.json
        }
    }

    public func describeFolder(_ name: String) async throws -> Folder {
        try await call("getFolder") { try await client.getFolder(path: .init(folderName: name)).ok.body.json }
    }

    public func renameFolder(_ name: String, to newName: String) async throws -> Folder {
        try await call("renameFolder") {
            try await client.renameFolder(path: .init(folderName: name), body: .json(.init(name: newName))).ok.body.json
        }
    }

    public func setFolderDescription(_ name: String, _ description: String) async throws -> Folder {
        try await call("updateFolder") {
            try await client.updateFolder(path: .init(folderName: name), body: .json(.init(description: description))).ok.body.json
        }
    }

    /// Deletes an empty folder; `recursive` also deletes its projects and environments.
    public func deleteFolder(_ name: String, recursive: Bool = false) async throws {
        _ = try await call("deleteFolder") {
            try await client.deleteFolder(path: .init(folderName: name), query: .init(recursive: recursive ? true : nil)).noContent
        }
    }

    /// One page of the readable folders.
    public func listFolders(limit: Int? = nil, after: String? = nil) async throws -> Components.Schemas.FolderList {
        try await call("listFolders") { try await client.listFolders(query: .init(limit: limit, after: after)).ok.body.json }
    }

    /// Every readable folder, following the pages.
    public func allFolders(pageSize: Int? = nil) async throws -> [Folder] {
        try await collectAll("listFolders") { after in
            let page = try await listFolders(limit: pageSize, after: after)
            return (page.items, page.next)
        }
    }
}

import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    @discardableResult
    public func createFolder(_ name: String, description: String, by caller: String) async throws -> CatalogFolder {
        try await change(.createFolder, .folder, name, by: caller) { db in
            let folder = try CatalogName(name, kind: .folder)
            let description = try CatalogDescription.check(description, kind: .folder, name: name)
            if let existing = try String.fetchOne(db, sql: "SELECT name FROM folder WHERE name_key = ?", arguments: [folder.key]) {
                throw SluiceError(.catalogFolderExists, ["folder": folder.value, "existing": existing])
            }
            let created = CatalogFolder(name: folder.value, description: description, createdBy: caller, createdAt: Date())
            try db.execute(
                sql: "INSERT INTO folder (name, name_key, description, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [folder.value, folder.key, description, caller, created.createdAt.timeIntervalSince1970])
            return (created, "created")
        }
    }

    public func renameFolder(_ name: String, to newName: String, by caller: String) async throws {
        try await change(.renameFolder, .folder, name, by: caller) { db in
            let (id, old) = try Self.folderRow(db, name)
            let new = try CatalogName(newName, kind: .folder)
            if let existing = try Row.fetchOne(db, sql: "SELECT id, name FROM folder WHERE name_key = ?", arguments: [new.key]),
                existing["id"] as Int64 != id
            {
                throw SluiceError(.catalogFolderExists, ["folder": new.value, "existing": existing["name"] as String])
            }
            try db.execute(sql: "UPDATE folder SET name = ?, name_key = ? WHERE id = ?", arguments: [new.value, new.key, id])
            // Absolute references name the folder: they follow it.
            try db.execute(
                sql: "UPDATE environment_reference SET folder_name = ?, folder_key = ? WHERE folder_key = ?",
                arguments: [new.value, new.key, CatalogName.key(old)])
            return ((), "renamed from \"\(old)\" to \"\(new.value)\"")
        }
    }

    public func setFolderDescription(_ name: String, _ description: String, by caller: String) async throws {
        try await change(.setFolderDescription, .folder, name, by: caller) { db in
            let (id, _) = try Self.folderRow(db, name)
            let description = try CatalogDescription.check(description, kind: .folder, name: name)
            try db.execute(sql: "UPDATE folder SET description = ? WHERE id = ?", arguments: [description, id])
            return ((), "description set")
        }
    }

    public func folder(_ name: String) async throws -> CatalogFolder? {
        let folder = try CatalogName(name, kind: .folder)
        return try await read("read folder") { db in
            try Row.fetchOne(db, sql: "SELECT * FROM folder WHERE name_key = ?", arguments: [folder.key]).map(Self.folder)
        }
    }

    public func folders() async throws -> [CatalogFolder] {
        try await read("list folders") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM folder ORDER BY name_key").map(Self.folder)
        }
    }

    public func deleteFolder(_ name: String, recursive: Bool, by caller: String) async throws {
        try await change(.deleteFolder, .folder, name, by: caller) { db in
            let (id, folder) = try Self.folderRow(db, name)
            let projects = try Int.fetchOne(db, sql: "SELECT count(*) FROM project WHERE folder_id = ?", arguments: [id]) ?? 0
            let environments = try Int.fetchOne(db, sql: "SELECT count(*) FROM environment WHERE folder_id = ?", arguments: [id]) ?? 0
            let held = [(projects, "project(s)"), (environments, "environment(s)")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            if !held.isEmpty && !recursive {
                throw SluiceError(.catalogFolderNotEmpty, ["folder": folder, "count": held.joined(separator: " and ")])
            }
            // References from other folders' projects to its environments go with them, as a
            // forced environment delete takes them.
            try db.execute(sql: "DELETE FROM environment_reference WHERE folder_key = ?", arguments: [CatalogName.key(folder)])
            // Versions, packages, server values, references and variables go with their owners
            // (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM environment WHERE folder_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM project WHERE folder_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM folder WHERE id = ?", arguments: [id])
            return ((), held.isEmpty ? "deleted" : "deleted with " + held.joined(separator: " and "))
        }
    }

    // MARK: - Rows

    /// The id and stored name of the folder `name`.
    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`.
    static func folderRow(_ db: Database, _ name: String) throws -> (Int64, String) {
        let folder = try CatalogName(name, kind: .folder)
        guard let row = try Row.fetchOne(db, sql: "SELECT id, name FROM folder WHERE name_key = ?", arguments: [folder.key]) else {
            throw SluiceError(.catalogFolderNotFound, ["folder": folder.value])
        }
        return (row["id"], row["name"])
    }

    static func folder(_ row: Row) -> CatalogFolder {
        CatalogFolder(
            name: row["name"], description: row["description"], createdBy: row["created_by"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }
}

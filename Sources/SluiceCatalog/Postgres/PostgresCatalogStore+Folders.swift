import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    @discardableResult
    public func createFolder(_ name: String, description: String, by caller: String) async throws -> CatalogFolder {
        try await change(.createFolder, .folder, name, by: caller) { tx in
            let folder = try CatalogName(name, kind: .folder)
            let description = try CatalogDescription.check(description, kind: .folder, name: name)
            if let existing = try await tx.value("SELECT name FROM folder WHERE name_key = \(folder.key)", as: String.self) {
                throw SluiceError(.catalogFolderExists, ["folder": folder.value, "existing": existing])
            }
            let row = try await tx.first(
                """
                INSERT INTO folder (name, name_key, description, created_by, created_at)
                VALUES (\(folder.value), \(folder.key), \(description), \(caller), \(Date())) RETURNING *
                """)
            guard let row else { throw CatalogRowInvalid(column: "folder", value: "(no row returned)") }
            return (try Self.folder(row), "created")
        }
    }

    public func renameFolder(_ name: String, to newName: String, by caller: String) async throws {
        try await change(.renameFolder, .folder, name, by: caller) { tx in
            let (id, old) = try await Self.folderRow(tx, name)
            let new = try CatalogName(newName, kind: .folder)
            if let existing = try await tx.first("SELECT id, name FROM folder WHERE name_key = \(new.key)"), try existing("id", Int64.self) != id {
                throw SluiceError(.catalogFolderExists, ["folder": new.value, "existing": try existing("name", String.self)])
            }
            try await tx.execute("UPDATE folder SET name = \(new.value), name_key = \(new.key) WHERE id = \(id)")
            // Absolute references name the folder: they follow it.
            try await tx.execute(
                """
                UPDATE environment_reference SET folder_name = \(new.value), folder_key = \(new.key)
                WHERE folder_key = \(CatalogName.key(old))
                """)
            return ((), "renamed from \"\(old)\" to \"\(new.value)\"")
        }
    }

    public func setFolderDescription(_ name: String, _ description: String, by caller: String) async throws {
        try await change(.setFolderDescription, .folder, name, by: caller) { tx in
            let (id, _) = try await Self.folderRow(tx, name)
            let description = try CatalogDescription.check(description, kind: .folder, name: name)
            try await tx.execute("UPDATE folder SET description = \(description) WHERE id = \(id)")
            return ((), "description set")
        }
    }

    public func folder(_ name: String) async throws -> CatalogFolder? {
        let folder = try CatalogName(name, kind: .folder)
        return try await read("read folder") { tx in
            try await tx.first("SELECT * FROM folder WHERE name_key = \(folder.key)").map(Self.folder)
        }
    }

    public func folders() async throws -> [CatalogFolder] {
        try await read("list folders") { tx in
            try await tx.rows("SELECT * FROM folder ORDER BY name_key").map(Self.folder)
        }
    }

    public func deleteFolder(_ name: String, recursive: Bool, by caller: String) async throws {
        try await change(.deleteFolder, .folder, name, by: caller) { tx in
            let (id, folder) = try await Self.folderRow(tx, name)
            let projects = try await tx.value("SELECT count(*) FROM project WHERE folder_id = \(id)", as: Int.self) ?? 0
            let environments = try await tx.value("SELECT count(*) FROM environment WHERE folder_id = \(id)", as: Int.self) ?? 0
            let held = [(projects, "project(s)"), (environments, "environment(s)")].filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
            if !held.isEmpty && !recursive {
                throw SluiceError(.catalogFolderNotEmpty, ["folder": folder, "count": held.joined(separator: " and ")])
            }
            // References from other folders' projects to its environments go with them, as a
            // forced environment delete takes them.
            try await tx.execute("DELETE FROM environment_reference WHERE folder_key = \(CatalogName.key(folder))")
            // Versions, packages, server values, references and variables go with their owners
            // (ON DELETE CASCADE); permissions by trigger.
            try await tx.execute("DELETE FROM environment WHERE folder_id = \(id)")
            try await tx.execute("DELETE FROM project WHERE folder_id = \(id)")
            try await tx.execute("DELETE FROM folder WHERE id = \(id)")
            return ((), held.isEmpty ? "deleted" : "deleted with " + held.joined(separator: " and "))
        }
    }

    // MARK: - Rows

    /// The id and stored name of the folder `name`.
    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`.
    package static func folderRow(_ tx: PostgresCatalogTransaction, _ name: String) async throws -> (Int64, String) {
        let folder = try CatalogName(name, kind: .folder)
        guard let row = try await tx.first("SELECT id, name FROM folder WHERE name_key = \(folder.key)") else {
            throw SluiceError(.catalogFolderNotFound, ["folder": folder.value])
        }
        return (try row("id"), try row("name"))
    }

    static func folder(_ row: PostgresCatalogRow) throws -> CatalogFolder {
        CatalogFolder(name: try row("name"), description: try row("description"), createdBy: try row("created_by"), createdAt: try row("created_at"))
    }
}

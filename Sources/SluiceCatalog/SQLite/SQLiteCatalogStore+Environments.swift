import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    @discardableResult
    public func createEnvironment(_ name: String, inFolder folder: String, description: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.createEnvironment, .environment, folder + "/" + name, by: caller) { db in
            let (folderID, folderName) = try Self.folderRow(db, folder)
            let environment = try CatalogName(name, kind: .environment)
            let description = try CatalogDescription.check(description, kind: .environment, name: name)
            try Self.refuseExistingEnvironment(db, folderID, folderName, environment, except: nil)
            let made = CatalogEnvironment(
                id: UUID(), folder: folderName, name: environment.value, description: description, createdBy: caller, createdAt: Date())
            try db.execute(
                sql: """
                    INSERT INTO environment (uuid, folder_id, name, name_key, description, created_by, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    made.id.uuidString, folderID, made.name, environment.key, description, caller, made.createdAt.timeIntervalSince1970,
                ])
            return (made, "created")
        }
    }

    @discardableResult
    public func renameEnvironment(_ name: String, inFolder folder: String, to newName: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.renameEnvironment, .environment, folder + "/" + name, by: caller) { db in
            let row = try Self.environmentRow(db, folder, name)
            let new = try CatalogName(newName, kind: .environment)
            try Self.refuseExistingEnvironment(db, row.folderID, row.environment.folder, new, except: row.id)
            // References are kept by name: those that name this environment follow it.
            let references = try Self.referencesTo(db, row)
            for reference in references {
                try db.execute(
                    sql: "UPDATE environment_reference SET environment_name = ?, environment_key = ? WHERE id = ?",
                    arguments: [new.value, new.key, reference])
            }
            try db.execute(sql: "UPDATE environment SET name = ?, name_key = ? WHERE id = ?", arguments: [new.value, new.key, row.id])
            var renamed = row.environment
            renamed.name = new.value
            return (renamed, "renamed from \"\(row.environment.name)\" to \"\(new.value)\"; \(references.count) reference(s) follow")
        }
    }

    @discardableResult
    public func setEnvironmentDescription(_ name: String, inFolder folder: String, _ description: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.setEnvironmentDescription, .environment, folder + "/" + name, by: caller) { db in
            let row = try Self.environmentRow(db, folder, name)
            let description = try CatalogDescription.check(description, kind: .environment, name: name)
            try db.execute(sql: "UPDATE environment SET description = ? WHERE id = ?", arguments: [description, row.id])
            var changed = row.environment
            changed.description = description
            return (changed, "description set")
        }
    }

    public func environment(_ name: String, inFolder folder: String) async throws -> CatalogEnvironment? {
        let environment = try CatalogName(name, kind: .environment)
        return try await read("read environment") { db in
            let (folderID, _) = try Self.folderRow(db, folder)
            return try Self.environments(db, "e.folder_id = ? AND e.name_key = ?", [folderID, environment.key]).first?.environment
        }
    }

    public func environments(inFolder folder: String) async throws -> [CatalogEnvironment] {
        try await read("list environments") { db in
            let (folderID, _) = try Self.folderRow(db, folder)
            return try Self.environments(db, "e.folder_id = ?", [folderID]).map(\.environment)
        }
    }

    public func deleteEnvironment(_ name: String, inFolder folder: String, force: Bool, by caller: String) async throws {
        try await change(.deleteEnvironment, .environment, folder + "/" + name, by: caller) { db in
            let row = try Self.environmentRow(db, folder, name)
            let references = try Self.referencesTo(db, row)
            if !references.isEmpty && !force {
                throw SluiceError(.catalogEnvironmentReferenced, [
                    "environment": row.environment.name, "folder": row.environment.folder, "count": String(references.count),
                ])
            }
            for reference in references {
                try db.execute(sql: "DELETE FROM environment_reference WHERE id = ?", arguments: [reference])
            }
            // Its variables go with it (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM environment WHERE id = ?", arguments: [row.id])
            return ((), references.isEmpty ? "deleted" : "deleted with \(references.count) reference(s) to it")
        }
    }

    // MARK: - Rows

    struct EnvironmentRow {
        var id: Int64
        var folderID: Int64
        var environment: CatalogEnvironment
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND`.
    static func environmentRow(_ db: Database, _ folder: String, _ name: String) throws -> EnvironmentRow {
        let (folderID, folderName) = try folderRow(db, folder)
        let environment = try CatalogName(name, kind: .environment)
        guard let row = try environments(db, "e.folder_id = ? AND e.name_key = ?", [folderID, environment.key]).first else {
            throw SluiceError(.catalogEnvironmentNotFound, ["folder": folderName, "environment": environment.value])
        }
        return row
    }

    static func environments(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [EnvironmentRow] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT e.id, e.folder_id, e.uuid, e.name, e.description, e.created_by, e.created_at, f.name AS folder
                FROM environment e JOIN folder f ON f.id = e.folder_id WHERE \(condition) ORDER BY e.name_key
                """, arguments: arguments
        ).map { row in
            EnvironmentRow(
                id: row["id"], folderID: row["folder_id"],
                environment: CatalogEnvironment(
                    id: try CatalogRowInvalid.parse(row, "uuid", UUID.init(uuidString:)), folder: row["folder"], name: row["name"],
                    description: row["description"], createdBy: row["created_by"], createdAt: Date(timeIntervalSince1970: row["created_at"])))
        }
    }

    static func refuseExistingEnvironment(_ db: Database, _ folderID: Int64, _ folder: String, _ name: CatalogName, except id: Int64?) throws {
        if let existing = try Row.fetchOne(
            db, sql: "SELECT id, name FROM environment WHERE folder_id = ? AND name_key = ?", arguments: [folderID, name.key]),
            existing["id"] as Int64 != id
        {
            throw SluiceError(.catalogEnvironmentExists, ["folder": folder, "existing": existing["name"] as String])
        }
    }

    /// The ids of the references that name the environment: relative ones of the projects of
    /// its folder, absolute ones naming its folder.
    static func referencesTo(_ db: Database, _ environment: EnvironmentRow) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            sql: """
                SELECT r.id FROM environment_reference r JOIN project p ON p.id = r.project_id
                WHERE r.environment_key = ? AND ((r.folder_key IS NULL AND p.folder_id = ?) OR r.folder_key = ?)
                """,
            arguments: [CatalogName.key(environment.environment.name), environment.folderID, CatalogName.key(environment.environment.folder)])
    }
}

import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    @discardableResult
    public func createEnvironment(_ name: String, inFolder folder: String, description: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.createEnvironment, .environment, folder + "/" + name, by: caller) { tx in
            let (folderID, folderName) = try await Self.folderRow(tx, folder)
            let environment = try CatalogName(name, kind: .environment)
            let description = try CatalogDescription.check(description, kind: .environment, name: name)
            try await Self.refuseExistingEnvironment(tx, folderID, folderName, environment, except: nil)
            let made = CatalogEnvironment(
                id: UUID(), folder: folderName, name: environment.value, description: description, createdBy: caller, createdAt: Date())
            try await tx.execute(
                """
                INSERT INTO environment (uuid, folder_id, name, name_key, description, created_by, created_at)
                VALUES (\(made.id), \(folderID), \(made.name), \(environment.key), \(description), \(caller), \(made.createdAt))
                """)
            return (made, "created")
        }
    }

    @discardableResult
    public func renameEnvironment(_ name: String, inFolder folder: String, to newName: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.renameEnvironment, .environment, folder + "/" + name, by: caller) { tx in
            let row = try await Self.environmentRow(tx, folder, name)
            let new = try CatalogName(newName, kind: .environment)
            try await Self.refuseExistingEnvironment(tx, row.folderID, row.environment.folder, new, except: row.id)
            // References are kept by name: those that name this environment follow it.
            let references = try await Self.referencesTo(tx, row)
            try await tx.execute(
                "UPDATE environment_reference SET environment_name = \(new.value), environment_key = \(new.key) WHERE id = ANY(\(references))")
            try await tx.execute("UPDATE environment SET name = \(new.value), name_key = \(new.key) WHERE id = \(row.id)")
            var renamed = row.environment
            renamed.name = new.value
            return (renamed, "renamed from \"\(row.environment.name)\" to \"\(new.value)\"; \(references.count) reference(s) follow")
        }
    }

    @discardableResult
    public func setEnvironmentDescription(_ name: String, inFolder folder: String, _ description: String, by caller: String) async throws
        -> CatalogEnvironment
    {
        try await change(.setEnvironmentDescription, .environment, folder + "/" + name, by: caller) { tx in
            let row = try await Self.environmentRow(tx, folder, name)
            let description = try CatalogDescription.check(description, kind: .environment, name: name)
            try await tx.execute("UPDATE environment SET description = \(description) WHERE id = \(row.id)")
            var changed = row.environment
            changed.description = description
            return (changed, "description set")
        }
    }

    public func environment(_ name: String, inFolder folder: String) async throws -> CatalogEnvironment? {
        let environment = try CatalogName(name, kind: .environment)
        return try await read("read environment") { tx in
            let (folderID, _) = try await Self.folderRow(tx, folder)
            return try await Self.environments(tx, "e.folder_id = $1 AND e.name_key = $2", [folderID, environment.key]).first?.environment
        }
    }

    public func environments(inFolder folder: String) async throws -> [CatalogEnvironment] {
        try await read("list environments") { tx in
            let (folderID, _) = try await Self.folderRow(tx, folder)
            return try await Self.environments(tx, "e.folder_id = $1", [folderID]).map(\.environment)
        }
    }

    public func deleteEnvironment(_ name: String, inFolder folder: String, force: Bool, by caller: String) async throws {
        try await change(.deleteEnvironment, .environment, folder + "/" + name, by: caller) { tx in
            let row = try await Self.environmentRow(tx, folder, name)
            let references = try await Self.referencesTo(tx, row)
            if !references.isEmpty && !force {
                throw SluiceError(.catalogEnvironmentReferenced, [
                    "environment": row.environment.name, "folder": row.environment.folder, "count": String(references.count),
                ])
            }
            try await tx.execute("DELETE FROM environment_reference WHERE id = ANY(\(references))")
            // Its variables go with it (ON DELETE CASCADE), its permissions by trigger.
            try await tx.execute("DELETE FROM environment WHERE id = \(row.id)")
            return ((), references.isEmpty ? "deleted" : "deleted with \(references.count) reference(s) to it")
        }
    }

    // MARK: - Rows

    struct EnvironmentRow: Sendable {
        var id: Int64
        var folderID: Int64
        var environment: CatalogEnvironment
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_FOLDER_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND`.
    static func environmentRow(_ tx: PostgresCatalogTransaction, _ folder: String, _ name: String) async throws -> EnvironmentRow {
        let (folderID, folderName) = try await folderRow(tx, folder)
        let environment = try CatalogName(name, kind: .environment)
        guard let row = try await environments(tx, "e.folder_id = $1 AND e.name_key = $2", [folderID, environment.key]).first else {
            throw SluiceError(.catalogEnvironmentNotFound, ["folder": folderName, "environment": environment.value])
        }
        return row
    }

    /// The environments matching `condition` (on `e`, environment, with `$1`… bound to `values`), by name.
    static func environments(
        _ tx: PostgresCatalogTransaction, _ condition: String, _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [EnvironmentRow] {
        try await tx.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT e.id, e.folder_id, e.uuid, e.name, e.description, e.created_by, e.created_at, f.name AS folder
                    FROM environment e JOIN folder f ON f.id = e.folder_id WHERE \(condition) ORDER BY e.name_key
                    """, binds: bindings(values))
        ).map { row in
            EnvironmentRow(
                id: try row("id"), folderID: try row("folder_id"),
                environment: CatalogEnvironment(
                    id: try row("uuid"), folder: try row("folder"), name: try row("name"), description: try row("description"),
                    createdBy: try row("created_by"), createdAt: try row("created_at")))
        }
    }

    static func refuseExistingEnvironment(
        _ tx: PostgresCatalogTransaction, _ folderID: Int64, _ folder: String, _ name: CatalogName, except id: Int64?
    ) async throws {
        if let existing = try await tx.first("SELECT id, name FROM environment WHERE folder_id = \(folderID) AND name_key = \(name.key)"),
            try existing("id", Int64.self) != id
        {
            throw SluiceError(.catalogEnvironmentExists, ["folder": folder, "existing": try existing("name", String.self)])
        }
    }

    /// The ids of the references that name the environment: relative ones of the projects of
    /// its folder, absolute ones naming its folder.
    static func referencesTo(_ tx: PostgresCatalogTransaction, _ environment: EnvironmentRow) async throws -> [Int64] {
        try await tx.rows(
            """
            SELECT r.id FROM environment_reference r JOIN project p ON p.id = r.project_id
            WHERE r.environment_key = \(CatalogName.key(environment.environment.name))
                AND ((r.folder_key IS NULL AND p.folder_id = \(environment.folderID))
                    OR r.folder_key = \(CatalogName.key(environment.environment.folder)))
            """
        ).map { try $0("id", Int64.self) }
    }
}

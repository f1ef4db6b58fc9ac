import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    /// Creates the schema and applies every migration not yet applied, in one transaction under
    /// the writer lock: two servers opening a fresh database at once migrate it once, the second
    /// finding the work done. A schema holding a migration this build does not know is refused
    /// and left as it is.
    /// - Throws: `SLUICE_E_CATALOG_SCHEMA_NEWER`; the database's errors as they come.
    func migrate() async throws {
        let schema = location.schema
        let store = location.description
        let quoted = "\"\(schema)\""
        try await withTransaction(writing: true) { tx in
            // The name is checked (PostgresCatalogLocation.isValidSchema) and quoted: the only
            // identifier ever written into SQL.
            try await tx.execute(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(quoted)"))
            try await tx.execute(PostgresQuery(unsafeSQL: Self.inSchema(PostgresCatalogSchema.migrationTable, quoted)))
            let applied = try await tx.rows("SELECT identifier FROM schema_migration ORDER BY id").map { try $0("identifier", String.self) }
            let known = PostgresCatalogSchema.migrations.map(\.identifier)
            if applied.contains(where: { !known.contains($0) }) {
                throw SluiceError(.catalogSchemaNewer, [
                    "store": store, "migrations": applied.sorted().joined(separator: ", "), "known": known.last ?? "",
                ])
            }
            for migration in PostgresCatalogSchema.migrations where !applied.contains(migration.identifier) {
                for statement in migration.statements {
                    try await tx.execute(PostgresQuery(unsafeSQL: Self.inSchema(statement, quoted)))
                }
                // The versions deployed before it get their parameters, read from their archives once.
                if migration.identifier == PostgresConfigurationSchema.identifier { try await Self.backfillDeployedParameters(tx) }
                try await tx.execute("INSERT INTO schema_migration (identifier) VALUES (\(migration.identifier))")
            }
        }
    }

    /// Opens the value sealed at the first open with the key; seals one when there is none
    /// (under the writer lock: two servers opening a fresh catalog seal one).
    /// - Throws: `SLUICE_E_CATALOG_KEY_WRONG`.
    func checkKey(_ keyFile: String) async throws {
        let secrets = secrets
        let store = location.description
        try await withTransaction(writing: true) { tx in
            if let sealed = try await tx.value("SELECT sealed FROM key_check WHERE id = 1", as: Data.self) {
                guard (try? secrets.open(sealed, row: CatalogSecretBox.keyCheckRow)) == CatalogSecretBox.keyCheckText else {
                    throw SluiceError(.catalogKeyWrong, ["file": keyFile, "store": store])
                }
            } else {
                let sealed = try secrets.seal(CatalogSecretBox.keyCheckText, row: CatalogSecretBox.keyCheckRow)
                try await tx.execute("INSERT INTO key_check (id, sealed) VALUES (1, \(sealed))")
            }
        }
    }

    static func inSchema(_ statement: String, _ quotedSchema: String) -> String {
        statement.replacingOccurrences(of: "{schema}", with: quotedSchema)
    }
}

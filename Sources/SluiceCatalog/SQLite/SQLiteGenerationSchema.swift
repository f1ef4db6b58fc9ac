import GRDB

/// The catalog's change counter in SQLite (migration "v4-generation"): one row, bumped by a
/// trigger on every tracked table whenever one of its rows is inserted, updated or deleted, in
/// the transaction that makes the change. Whoever writes (this server, another on the same
/// file, a future tool) bumps it; no code path can forget to.
enum SQLiteGenerationSchema {
    static let identifier = "v4-generation"

    /// Every table whose rows change what the catalog lists or who may see it.
    static let tracked = [
        "folder", "project", "project_version", "package", "user", "permission", "folder_role", "package_role",
        "deployed_parameter", "parameter_value", "environment", "environment_variable", "environment_reference",
    ]
    /// Tables left out: the counter itself; the operations log (every change writes it in the
    /// change's own transaction, which bumps the counter anyway); tokens, whose last-use time
    /// is written by reads (a token is checked on every request, never cached); the key check.
    static let untracked = ["catalog_generation", "operation", "token", "key_check"]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE catalog_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
            INSERT INTO catalog_generation (id, value) VALUES (1, 0);
            """)
        for table in tracked {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_generation_\(event.lowercased()) AFTER \(event) ON "\(table)"
                    BEGIN UPDATE catalog_generation SET value = value + 1 WHERE id = 1; END
                    """)
            }
        }
    }
}

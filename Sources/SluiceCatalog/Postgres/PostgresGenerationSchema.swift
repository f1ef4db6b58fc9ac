/// The catalog's change counter in PostgreSQL (migration "v4-generation"): SQLiteGenerationSchema
/// with statement-level triggers, which bump it once per statement that changes a tracked table,
/// in that statement's transaction.
enum PostgresGenerationSchema {
    static let identifier = "v4-generation"

    /// SQLiteGenerationSchema.tracked, with PostgreSQL's name for the users' table.
    static let tracked = [
        "folder", "project", "project_version", "package", "catalog_user", "permission", "folder_role", "package_role",
        "deployed_parameter", "parameter_value", "environment", "environment_variable", "environment_reference",
    ]
    /// As in SQLite, and the migrations' own table.
    static let untracked = ["catalog_generation", "operation", "token", "key_check", "schema_migration"]

    static let v4: [String] =
        [
            "CREATE TABLE {schema}.catalog_generation (id integer PRIMARY KEY CHECK (id = 1), value bigint NOT NULL)",
            "INSERT INTO {schema}.catalog_generation (id, value) VALUES (1, 0)",
            """
            CREATE FUNCTION {schema}.bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE {schema}.catalog_generation SET value = value + 1 WHERE id = 1;
                RETURN NULL;
            END
            $$
            """,
        ]
        + tracked.map {
            """
            CREATE TRIGGER \($0)_generation AFTER INSERT OR UPDATE OR DELETE ON {schema}.\($0)
            FOR EACH STATEMENT EXECUTE FUNCTION {schema}.bump_generation()
            """
        }
}

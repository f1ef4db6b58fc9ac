/// The catalog's tables in PostgreSQL: SQLiteCatalogSchema's columns, in PostgreSQL's types.
/// Names are stored as given and compared by `name_key` (``CatalogName/key``); keys collate
/// as "C" so that lists come out in the byte order SQLite gives. Version and operation numbers
/// come from identity sequences, which never hand a number out twice.
enum PostgresCatalogSchema {
    /// The schema's migrations, in order, each a list of statements in which `{schema}` stands
    /// for the quoted schema name. A migration, once released, never changes: a change is a
    /// new one.
    static let migrations: [(identifier: String, statements: [String])] = [
        ("v1", v1), ("v2-security", v2Security), (PostgresConfigurationSchema.identifier, PostgresConfigurationSchema.v3),
        (PostgresGenerationSchema.identifier, PostgresGenerationSchema.v4),
        (PostgresVersionsSchema.identifier, PostgresVersionsSchema.v5),
    ]

    static let v1 = [
        """
        CREATE TABLE {schema}.folder (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL UNIQUE,
            description text NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE {schema}.project (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            folder_id bigint NOT NULL REFERENCES {schema}.folder(id) ON DELETE RESTRICT,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            current_version bigint,
            UNIQUE (folder_id, name_key)
        )
        """,
        """
        CREATE TABLE {schema}.project_version (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id bigint NOT NULL REFERENCES {schema}.project(id) ON DELETE CASCADE,
            project_uuid uuid NOT NULL,
            description text NOT NULL,
            deployed_by text NOT NULL,
            deployed_at timestamptz NOT NULL,
            archive bytea NOT NULL
        )
        """,
        "ALTER TABLE {schema}.project ADD FOREIGN KEY (current_version) REFERENCES {schema}.project_version(id)",
        "CREATE INDEX project_version_by_project ON {schema}.project_version(project_id)",
        """
        CREATE TABLE {schema}.package (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            version_id bigint NOT NULL REFERENCES {schema}.project_version(id) ON DELETE CASCADE,
            position integer NOT NULL,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            file text NOT NULL,
            file_key text COLLATE "C" NOT NULL,
            package_uuid uuid NOT NULL,
            version_major bigint NOT NULL,
            version_minor bigint NOT NULL,
            version_build bigint NOT NULL,
            version_uuid uuid,
            description text NOT NULL,
            content bytea NOT NULL,
            UNIQUE (version_id, name_key),
            UNIQUE (version_id, file_key)
        )
        """,
        """
        CREATE TABLE {schema}.operation (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind text NOT NULL,
            object_type text NOT NULL,
            object_name text NOT NULL,
            object_key text COLLATE "C" NOT NULL,
            caller text NOT NULL,
            time timestamptz NOT NULL,
            outcome text NOT NULL,
            error_code integer,
            detail text NOT NULL
        )
        """,
        "CREATE INDEX operation_by_time ON {schema}.operation(time)",
    ]

    /// The table of applied migrations, created before any migration runs.
    static let migrationTable = """
        CREATE TABLE IF NOT EXISTS {schema}.schema_migration (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            identifier text NOT NULL UNIQUE,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """
}

/// The configuration's tables in PostgreSQL (migration "v3-configuration"):
/// SQLiteConfigurationSchema.v3 in PostgreSQL's types. Sealed values are bytea (AES-GCM,
/// ``CatalogSecretBox``); a row holds either `value` or `sealed`, never both.
enum PostgresConfigurationSchema {
    static let identifier = "v3-configuration"

    static let v3 = [
        // The parameters of each deployed version, written at deploy: listing them does not
        // read archives. package_key is '' for the project's own parameters.
        """
        CREATE TABLE {schema}.deployed_parameter (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            version_id bigint NOT NULL REFERENCES {schema}.project_version(id) ON DELETE CASCADE,
            position integer NOT NULL,
            package_name text,
            package_key text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            type text NOT NULL,
            required boolean NOT NULL,
            sensitive boolean NOT NULL,
            description text NOT NULL,
            design_value text,
            UNIQUE (version_id, package_key, name)
        )
        """,
        // Server values, per project (not per version: they survive a redeploy).
        """
        CREATE TABLE {schema}.parameter_value (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id bigint NOT NULL REFERENCES {schema}.project(id) ON DELETE CASCADE,
            package_key text COLLATE "C" NOT NULL,
            name text COLLATE "C" NOT NULL,
            type text NOT NULL,
            sensitive boolean NOT NULL,
            kind text NOT NULL,
            value text,
            sealed bytea,
            variable text,
            UNIQUE (project_id, package_key, name)
        )
        """,
        """
        CREATE TABLE {schema}.environment (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid uuid NOT NULL UNIQUE,
            folder_id bigint NOT NULL REFERENCES {schema}.folder(id) ON DELETE RESTRICT,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            description text NOT NULL,
            created_by text NOT NULL,
            created_at timestamptz NOT NULL,
            UNIQUE (folder_id, name_key)
        )
        """,
        // The permission table (v2-security) names its object by type and id: no foreign key.
        """
        CREATE TRIGGER environment_permissions_go_with_it AFTER DELETE ON {schema}.environment
            FOR EACH ROW EXECUTE FUNCTION {schema}.permissions_go_with_object('environment')
        """,
        """
        CREATE TABLE {schema}.environment_variable (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            environment_id bigint NOT NULL REFERENCES {schema}.environment(id) ON DELETE CASCADE,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL,
            type text NOT NULL,
            sensitive boolean NOT NULL,
            value text,
            sealed bytea,
            description text NOT NULL,
            UNIQUE (environment_id, name_key)
        )
        """,
        // By name, as SSISDB keeps them: a relative reference (folder NULL) names an
        // environment of its project's folder, whichever that is.
        """
        CREATE TABLE {schema}.environment_reference (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid uuid NOT NULL UNIQUE,
            project_id bigint NOT NULL REFERENCES {schema}.project(id) ON DELETE CASCADE,
            environment_name text NOT NULL,
            environment_key text COLLATE "C" NOT NULL,
            folder_name text,
            folder_key text COLLATE "C"
        )
        """,
        "CREATE INDEX environment_reference_by_project ON {schema}.environment_reference(project_id)",
        // One value sealed under the catalog's key, opened at each open: a wrong key is
        // refused there, not at the first run that needs a secret.
        """
        CREATE TABLE {schema}.key_check (
            id integer PRIMARY KEY CHECK (id = 1),
            sealed bytea NOT NULL
        )
        """,
    ]
}

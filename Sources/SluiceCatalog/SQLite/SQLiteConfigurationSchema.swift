/// The configuration's tables in SQLite (migration "v3-configuration"). Sealed values are
/// BLOBs (AES-GCM, ``CatalogSecretBox``); a row holds either `value` or `sealed`, never both.
enum SQLiteConfigurationSchema {
    static let v3 = """
        -- The parameters of each deployed version, written at deploy: listing them does not
        -- read archives. package_key is '' for the project's own parameters.
        CREATE TABLE deployed_parameter (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES project_version(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            package_name TEXT,
            package_key TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            required INTEGER NOT NULL,
            sensitive INTEGER NOT NULL,
            description TEXT NOT NULL,
            design_value TEXT,
            UNIQUE (version_id, package_key, name)
        );
        -- Server values, per project (not per version: they survive a redeploy).
        CREATE TABLE parameter_value (
            id INTEGER PRIMARY KEY,
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            package_key TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            sensitive INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT,
            sealed BLOB,
            variable TEXT,
            UNIQUE (project_id, package_key, name)
        );
        CREATE TABLE environment (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            folder_id INTEGER NOT NULL REFERENCES folder(id) ON DELETE RESTRICT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            description TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (folder_id, name_key)
        );
        -- The permission table (v2-security) names its object by type and id: no foreign key.
        CREATE TRIGGER environment_permissions_go_with_it AFTER DELETE ON environment BEGIN
            DELETE FROM permission WHERE object_type = 'environment' AND object_id = OLD.id;
        END;
        CREATE TABLE environment_variable (
            id INTEGER PRIMARY KEY,
            environment_id INTEGER NOT NULL REFERENCES environment(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            type TEXT NOT NULL,
            sensitive INTEGER NOT NULL,
            value TEXT,
            sealed BLOB,
            description TEXT NOT NULL,
            UNIQUE (environment_id, name_key)
        );
        -- By name, as SSISDB keeps them: a relative reference (folder NULL) names an
        -- environment of its project's folder, whichever that is.
        CREATE TABLE environment_reference (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            uuid TEXT NOT NULL UNIQUE,
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            environment_name TEXT NOT NULL,
            environment_key TEXT NOT NULL,
            folder_name TEXT,
            folder_key TEXT
        );
        CREATE INDEX environment_reference_by_project ON environment_reference(project_id);
        -- One value sealed under the catalog's key, opened at each open: a wrong key is
        -- refused there, not at the first run that needs a secret.
        CREATE TABLE key_check (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            sealed BLOB NOT NULL
        );
        """
}

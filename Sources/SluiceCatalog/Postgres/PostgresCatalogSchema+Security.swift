extension PostgresCatalogSchema {
    /// Users, tokens, permissions and roles: SQLiteCatalogSchema.v2Security in PostgreSQL.
    /// The users' table is `catalog_user`: `user` is a reserved word in PostgreSQL, and an
    /// unquoted `FROM user` reads the session's user instead of failing. Permissions name their
    /// object by type and id (a rename or a move keeps them); one trigger function removes them
    /// with their object, as SQLite's triggers do.
    static let v2Security = [
        """
        CREATE TABLE {schema}.catalog_user (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid uuid NOT NULL UNIQUE,
            name text NOT NULL,
            name_key text COLLATE "C" NOT NULL UNIQUE,
            password_hash text,
            is_administrator boolean NOT NULL,
            is_disabled boolean NOT NULL,
            created_by text,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE {schema}.token (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            uuid uuid NOT NULL UNIQUE,
            user_id bigint NOT NULL REFERENCES {schema}.catalog_user(id) ON DELETE CASCADE,
            secret_sha256 bytea NOT NULL UNIQUE,
            description text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            last_used_at timestamptz,
            revoked_at timestamptz
        )
        """,
        "CREATE INDEX token_by_user ON {schema}.token(user_id)",
        """
        CREATE TABLE {schema}.permission (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_id bigint NOT NULL REFERENCES {schema}.catalog_user(id) ON DELETE CASCADE,
            object_type text NOT NULL CHECK (object_type IN ('folder', 'project', 'environment')),
            object_id bigint NOT NULL,
            permission text NOT NULL,
            state text NOT NULL CHECK (state IN ('grant', 'deny')),
            set_by text NOT NULL,
            set_at timestamptz NOT NULL,
            UNIQUE (user_id, object_type, object_id, permission)
        )
        """,
        "CREATE INDEX permission_by_object ON {schema}.permission(object_type, object_id)",
        // The object's type is the trigger's argument; the table is named with its schema,
        // so the function does not depend on the caller's search_path.
        """
        CREATE FUNCTION {schema}.permissions_go_with_object() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM {schema}.permission WHERE object_type = TG_ARGV[0] AND object_id = OLD.id;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER folder_permissions_go_with_it AFTER DELETE ON {schema}.folder
            FOR EACH ROW EXECUTE FUNCTION {schema}.permissions_go_with_object('folder')
        """,
        """
        CREATE TRIGGER project_permissions_go_with_it AFTER DELETE ON {schema}.project
            FOR EACH ROW EXECUTE FUNCTION {schema}.permissions_go_with_object('project')
        """,
        """
        CREATE TABLE {schema}.folder_role (
            folder_id bigint NOT NULL REFERENCES {schema}.folder(id) ON DELETE CASCADE,
            user_id bigint NOT NULL REFERENCES {schema}.catalog_user(id) ON DELETE CASCADE,
            role text NOT NULL CHECK (role IN ('reader', 'writer')),
            PRIMARY KEY (folder_id, user_id, role)
        )
        """,
        "CREATE INDEX folder_role_by_user ON {schema}.folder_role(user_id)",
        // By project and package name: a redeploy makes new package rows, the roles stay.
        """
        CREATE TABLE {schema}.package_role (
            project_id bigint NOT NULL REFERENCES {schema}.project(id) ON DELETE CASCADE,
            package_key text COLLATE "C" NOT NULL,
            user_id bigint NOT NULL REFERENCES {schema}.catalog_user(id) ON DELETE CASCADE,
            role text NOT NULL CHECK (role IN ('reader', 'writer')),
            PRIMARY KEY (project_id, package_key, user_id, role)
        )
        """,
        "CREATE INDEX package_role_by_user ON {schema}.package_role(user_id)",
        // A package's owner is its project's creator: the first version's deployer.
        "ALTER TABLE {schema}.project ADD COLUMN created_by text",
        """
        UPDATE {schema}.project SET created_by =
            (SELECT v.deployed_by FROM {schema}.project_version v WHERE v.project_id = project.id ORDER BY v.id LIMIT 1)
        """,
    ]
}

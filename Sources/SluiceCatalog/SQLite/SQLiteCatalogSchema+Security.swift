extension SQLiteCatalogSchema {
    /// Users, tokens, permissions and roles. Secrets are never stored: a password as its bcrypt
    /// hash, a token as its SHA-256 (found by its index). Permissions name their object by
    /// type and id, not name, so a rename or a move keeps them; triggers remove them with their
    /// object (a permission's object is one of several tables, so no foreign key can). The
    /// environment table (v3-configuration) has its own delete trigger of the same shape.
    static let v2Security = """
        CREATE TABLE user (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            password_hash TEXT,
            is_administrator INTEGER NOT NULL,
            is_disabled INTEGER NOT NULL,
            created_by TEXT,
            created_at REAL NOT NULL
        );
        CREATE TABLE token (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            secret_sha256 BLOB NOT NULL UNIQUE,
            description TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            last_used_at REAL,
            revoked_at REAL
        );
        CREATE INDEX token_by_user ON token(user_id);
        CREATE TABLE permission (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            object_type TEXT NOT NULL CHECK (object_type IN ('folder', 'project', 'environment')),
            object_id INTEGER NOT NULL,
            permission TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('grant', 'deny')),
            set_by TEXT NOT NULL,
            set_at REAL NOT NULL,
            UNIQUE (user_id, object_type, object_id, permission)
        );
        CREATE INDEX permission_by_object ON permission(object_type, object_id);
        CREATE TRIGGER folder_permissions_go_with_it AFTER DELETE ON folder BEGIN
            DELETE FROM permission WHERE object_type = 'folder' AND object_id = OLD.id;
        END;
        CREATE TRIGGER project_permissions_go_with_it AFTER DELETE ON project BEGIN
            DELETE FROM permission WHERE object_type = 'project' AND object_id = OLD.id;
        END;
        CREATE TABLE folder_role (
            folder_id INTEGER NOT NULL REFERENCES folder(id) ON DELETE CASCADE,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('reader', 'writer')),
            PRIMARY KEY (folder_id, user_id, role)
        );
        CREATE INDEX folder_role_by_user ON folder_role(user_id);
        -- By project and package name: a redeploy makes new package rows, the roles stay.
        CREATE TABLE package_role (
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            package_key TEXT NOT NULL,
            user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('reader', 'writer')),
            PRIMARY KEY (project_id, package_key, user_id, role)
        );
        CREATE INDEX package_role_by_user ON package_role(user_id);
        -- A package's owner is its project's creator: the first version's deployer.
        ALTER TABLE project ADD COLUMN created_by TEXT;
        UPDATE project SET created_by =
            (SELECT v.deployed_by FROM project_version v WHERE v.project_id = project.id ORDER BY v.id LIMIT 1);
        """
}

/// The catalog's tables in SQLite. Names are stored as given and compared by `name_key`
/// (``CatalogName/key``), so uniqueness without regard to case holds for every script, not
/// only ASCII as SQLite's NOCASE would; PostgreSQL gets the same columns.
enum SQLiteCatalogSchema {
    static let v1 = """
        CREATE TABLE folder (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            description TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE TABLE project (
            id INTEGER PRIMARY KEY,
            folder_id INTEGER NOT NULL REFERENCES folder(id) ON DELETE RESTRICT,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            current_version INTEGER REFERENCES project_version(id),
            UNIQUE (folder_id, name_key)
        );
        -- AUTOINCREMENT: a version number is never reused, even after its project is deleted.
        CREATE TABLE project_version (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
            project_uuid TEXT NOT NULL,
            description TEXT NOT NULL,
            deployed_by TEXT NOT NULL,
            deployed_at REAL NOT NULL,
            archive BLOB NOT NULL
        );
        CREATE INDEX project_version_by_project ON project_version(project_id);
        CREATE TABLE package (
            id INTEGER PRIMARY KEY,
            version_id INTEGER NOT NULL REFERENCES project_version(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            file TEXT NOT NULL,
            file_key TEXT NOT NULL,
            package_uuid TEXT NOT NULL,
            version_major INTEGER NOT NULL,
            version_minor INTEGER NOT NULL,
            version_build INTEGER NOT NULL,
            version_uuid TEXT,
            description TEXT NOT NULL,
            content BLOB NOT NULL,
            UNIQUE (version_id, name_key),
            UNIQUE (version_id, file_key)
        );
        CREATE TABLE operation (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_name TEXT NOT NULL,
            object_key TEXT NOT NULL,
            caller TEXT NOT NULL,
            time REAL NOT NULL,
            outcome TEXT NOT NULL,
            error_code INTEGER,
            detail TEXT NOT NULL
        );
        CREATE INDEX operation_by_time ON operation(time);
        """
}

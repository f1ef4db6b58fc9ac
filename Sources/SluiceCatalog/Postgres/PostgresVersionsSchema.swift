/// Migration "v5-versions" in PostgreSQL: SQLiteVersionsSchema, the digests of earlier versions
/// computed by the server (`sha256(bytea)`, PostgreSQL 11 and later).
enum PostgresVersionsSchema {
    static let identifier = "v5-versions"

    static let v5 = [
        "ALTER TABLE {schema}.project_version ADD COLUMN archive_sha256 text",
        "ALTER TABLE {schema}.project_version ADD COLUMN restored_at timestamptz",
        "UPDATE {schema}.project_version SET archive_sha256 = encode(sha256(archive), 'hex')",
    ]
}

import Foundation
import GRDB

/// Migration "v5-versions": each version keeps its archive's SHA-256 (written at deploy, so
/// listing versions reads no archive) and when it was last restored. Versions deployed before
/// it get their digest here, one archive at a time.
enum SQLiteVersionsSchema {
    static let identifier = "v5-versions"

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE project_version ADD COLUMN archive_sha256 TEXT;
            ALTER TABLE project_version ADD COLUMN restored_at REAL;
            """)
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM project_version ORDER BY id") {
            let archive = try Data.fetchOne(db, sql: "SELECT archive FROM project_version WHERE id = ?", arguments: [id]) ?? Data()
            try db.execute(
                sql: "UPDATE project_version SET archive_sha256 = ? WHERE id = ?", arguments: [CatalogArchiveDigest.hex(archive), id])
        }
    }
}

import SluiceCore

/// What validation asks the server about a destination's table (SSIS's external metadata).
public enum PostgresCatalog {
    /// The names of the table's columns; empty when there is no such table.
    public static func columns(of table: String, schema: String?, in session: PostgresSession) throws -> Set<String> {
        let cursor = try PostgresQueryCursor(
            session,
            sql: "SELECT column_name::text AS name FROM information_schema.columns WHERE table_name = $1 AND table_schema = COALESCE($2, current_schema())",
            parameters: [.string(table), schema.map { .string($0) } ?? .null], columns: [ResultColumn("name", .wstr)])
        var names = Set<String>()
        while let batch = try cursor.next(maxRows: 1000), let column = batch["name"] {
            for row in 0..<column.length { names.insert(String(decoding: column.bytes(at: row), as: UTF8.self)) }
        }
        return names
    }
}

import Foundation
import PostgresNIO
import SluiceCore

/// One open transaction of a ``PostgresCatalogStore``, on one leased connection: what the
/// store's operations (and later extensions of the store, in other files) run their SQL on.
///
/// ```swift
/// try await store.change(.createFolder, .folder, name, by: caller) { tx in
///     try await tx.execute("DELETE FROM folder WHERE id = \(id)")
///     return ((), "deleted")
/// }
/// ```
///
/// The transaction's `search_path` is the catalog's schema (then `pg_temp`, so no temporary
/// table can stand in for a catalog table): statements name tables bare, as the SQLite store's
/// do, and every value is a bind (`\(value)` in a `PostgresQuery` literal is one).
package struct PostgresCatalogTransaction: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row of the query's result, read to the end.
    package func rows(_ query: PostgresQuery) async throws -> [PostgresCatalogRow] {
        var rows: [PostgresCatalogRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            rows.append(PostgresCatalogRow(row.makeRandomAccess()))
        }
        return rows
    }

    /// The first row, nil when there is none.
    package func first(_ query: PostgresQuery) async throws -> PostgresCatalogRow? {
        try await rows(query).first
    }

    /// The first column of the first row, nil when there is no row.
    package func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) async throws -> T? {
        guard let row = try await first(query) else { return nil }
        return try row.first(T.self)
    }

    /// Runs the statement, reading whatever rows it gives to the end (`SELECT set_config(…)`
    /// gives one): the connection is then free for the next.
    package func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await connection.query(query, logger: logger) {}
    }

    /// Writes one entry of the operations log in this transaction. The object's name is kept
    /// with control characters escaped (a refused name is logged too, and a log is read on
    /// terminals); its key is the name's own, for filtering. PostgreSQL's text holds no NUL,
    /// which SQLite's does: a NUL in the caller, the detail or the name's key is written
    /// `\u{0}`, so that a change refused for one is still logged.
    package func record(
        _ kind: CatalogOperation.Kind, _ type: CatalogOperation.ObjectType, _ object: String, _ caller: String,
        _ time: Date, _ outcome: CatalogOperation.Outcome, _ code: Int32?, _ detail: String
    ) async throws {
        let caller = Self.withoutNUL(caller)
        let detail = Self.withoutNUL(detail)
        try await execute(
            """
            INSERT INTO operation (kind, object_type, object_name, object_key, caller, time, outcome, error_code, detail)
            VALUES (\(kind.rawValue), \(type.rawValue), \(CatalogName.escaped(object)), \(Self.withoutNUL(CatalogName.key(object))), \(caller),
                \(time), \(outcome.rawValue), \(code), \(detail))
            """)
    }

    static func withoutNUL(_ text: String) -> String {
        text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\\u{0}") : text
    }
}

/// One row of a result, read by column name; a column missing or of an unexpected type fails
/// with an error the store turns into `SLUICE_E_CATALOG_STORE_FAILED`, never a trap.
package struct PostgresCatalogRow: Sendable {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRandomAccessRow) { self.row = row }

    package func callAsFunction<T: PostgresDecodable>(_ column: String, _ type: T.Type = T.self) throws -> T {
        guard row.contains(column) else { throw CatalogRowInvalid(column: column, value: "(no such column)") }
        return try row[column].decode(T.self)
    }

    /// A stored text read through `make` (a kind, an outcome): one this Sluice does not know
    /// fails naming the column and the value, rather than inventing one.
    package func parse<T>(_ column: String, _ make: (String) -> T?) throws -> T {
        let text = try self(column, String.self)
        guard let value = make(text) else { throw CatalogRowInvalid(column: column, value: text) }
        return value
    }

    func first<T: PostgresDecodable>(_ type: T.Type) throws -> T {
        guard !row.isEmpty else { throw CatalogRowInvalid(column: "(first)", value: "(no column)") }
        return try row[row.startIndex].decode(T.self)
    }
}

import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func operations(_ filter: CatalogOperationFilter) async throws -> [CatalogOperation] {
        try await read("list operations") { db in
            // Each filter given adds one bound condition.
            let given: [(condition: String, value: (any DatabaseValueConvertible)?)] = [
                ("kind = ?", filter.kind?.rawValue), ("object_type = ?", filter.objectType?.rawValue),
                ("object_key = ?", filter.objectName.map(CatalogName.key)), ("caller = ?", filter.caller),
                ("outcome = ?", filter.outcome?.rawValue), ("time >= ?", filter.since?.timeIntervalSince1970),
                ("time < ?", filter.until?.timeIntervalSince1970),
            ]
            var conditions: [String] = []
            var arguments = StatementArguments()
            for (condition, value) in given {
                guard let value else { continue }
                conditions.append(condition)
                arguments += [value]
            }
            var sql = "SELECT * FROM operation"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC"
            if let limit = filter.limit {
                sql += " LIMIT ?"
                arguments += [max(0, limit)]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try Self.operation($0) }
        }
    }

    static func operation(_ row: Row) throws -> CatalogOperation {
        CatalogOperation(
            id: row["id"], kind: try CatalogRowInvalid.parse(row, "kind", CatalogOperation.Kind.init(rawValue:)),
            objectType: try CatalogRowInvalid.parse(row, "object_type", CatalogOperation.ObjectType.init(rawValue:)),
            objectName: row["object_name"], caller: row["caller"], time: Date(timeIntervalSince1970: row["time"]),
            outcome: try CatalogRowInvalid.parse(row, "outcome", CatalogOperation.Outcome.init(rawValue:)),
            errorCode: (row["error_code"] as Int64?).map { Int32(truncatingIfNeeded: $0) }, detail: row["detail"])
    }
}

import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func operations(_ filter: CatalogOperationFilter) async throws -> [CatalogOperation] {
        try await read("list operations") { db in
            var conditions: [String] = []
            var arguments = StatementArguments()
            if let kind = filter.kind {
                conditions.append("kind = ?")
                arguments += [kind.rawValue]
            }
            if let type = filter.objectType {
                conditions.append("object_type = ?")
                arguments += [type.rawValue]
            }
            if let name = filter.objectName {
                conditions.append("object_key = ?")
                arguments += [CatalogName.key(name)]
            }
            if let caller = filter.caller {
                conditions.append("caller = ?")
                arguments += [caller]
            }
            if let outcome = filter.outcome {
                conditions.append("outcome = ?")
                arguments += [outcome.rawValue]
            }
            if let since = filter.since {
                conditions.append("time >= ?")
                arguments += [since.timeIntervalSince1970]
            }
            if let until = filter.until {
                conditions.append("time < ?")
                arguments += [until.timeIntervalSince1970]
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

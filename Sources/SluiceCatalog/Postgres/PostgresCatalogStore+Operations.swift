import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func operations(_ filter: CatalogOperationFilter) async throws -> [CatalogOperation] {
        try await read("list operations") { tx in
            // Each filter given adds one bound condition.
            let given: [(column: String, value: (any PostgresDynamicTypeEncodable)?)] = [
                ("kind =", filter.kind?.rawValue), ("object_type =", filter.objectType?.rawValue),
                ("object_key =", filter.objectName.map(CatalogName.key)), ("caller =", filter.caller),
                ("outcome =", filter.outcome?.rawValue), ("time >=", filter.since), ("time <", filter.until),
            ]
            var conditions: [String] = []
            var values: [any PostgresDynamicTypeEncodable] = []
            for (column, value) in given {
                guard let value else { continue }
                values.append(value)
                conditions.append("\(column) $\(values.count)")
            }
            var sql = "SELECT * FROM operation"
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC"
            if let limit = filter.limit {
                values.append(Int64(max(0, limit)))
                sql += " LIMIT $\(values.count)"
            }
            return try await tx.rows(PostgresQuery(unsafeSQL: sql, binds: Self.bindings(values))).map(Self.operation)
        }
    }

    static func operation(_ row: PostgresCatalogRow) throws -> CatalogOperation {
        CatalogOperation(
            id: try row("id"), kind: try row.parse("kind", CatalogOperation.Kind.init(rawValue:)),
            objectType: try row.parse("object_type", CatalogOperation.ObjectType.init(rawValue:)), objectName: try row("object_name"),
            caller: try row("caller"), time: try row("time"), outcome: try row.parse("outcome", CatalogOperation.Outcome.init(rawValue:)),
            errorCode: try row("error_code", Int32?.self), detail: try row("detail"))
    }
}

import Foundation
import PostgresNIO
import SluiceCore
import Synchronization

/// What one SQL statement gave: the rows it inserted, updated or deleted (0 for anything else,
/// as the SQLite Execute SQL task reports), and its first row when asked for.
public struct PostgresStatementResult: Sendable {
    public var rowsAffected: Int64
    public var firstRow: [Value]?
}

extension PostgresSession {
    /// Runs one SQL statement with `parameters` bound to `$1…$n`, within ``timeoutSeconds``.
    /// Only the first row is kept (when `keepFirstRow`): the others are read and dropped.
    ///
    /// ```swift
    /// let r = try session.run("UPDATE t SET x = $1 WHERE id = $2", parameters: [.int(1), .int(7)], keepFirstRow: false)
    /// r.rowsAffected   // 1
    /// ```
    /// - Throws: `SLUICE_E_POSTGRES_SERVER_ERROR` (with its SQLSTATE: syntax, a missing table,
    ///   several statements in one), `…_PARAMETER_INVALID`, `…_TYPE_UNSUPPORTED` for a first-row
    ///   column of a type Sluice does not read, `…_TIMED_OUT`, `…_CONNECTION_LOST`.
    public func run(_ sql: String, parameters: [Value], keepFirstRow: Bool) throws -> PostgresStatementResult {
        var bindings = PostgresBindings(capacity: parameters.count)
        for (i, value) in parameters.enumerated() {
            try PostgresQueryCursor.bind(value, into: &bindings, index: i + 1, component: component)
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let (connection, logger, component) = (self.connection, self.logger, self.component)
        let first = FirstRow()
        let metadata = try wait("ran the statement") {
            try await connection.query(query, logger: logger) { row in
                guard keepFirstRow, !first.isTaken else { return }
                first.keep(try row.map { try Self.value(of: $0, component: component) })
            }.get()
        }
        let changing: Set<String> = ["INSERT", "UPDATE", "DELETE", "MERGE"]
        let rows = changing.contains(metadata.command) ? Int64(metadata.rows ?? 0) : 0
        return PostgresStatementResult(rowsAffected: rows, firstRow: first.row)
    }

    /// A result cell as a value, which the task then converts to its variable's type.
    static func value(of cell: PostgresCell, component: String) throws -> Value {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .int(try cell.decode(Int64.self))
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric: return .decimal(try cell.decode(Decimal.self))
        case .bool: return .bool(try cell.decode(Bool.self))
        case .text, .varchar, .bpchar, .name: return .string(try cell.decode(String.self))
        case .date, .timestamp, .timestamptz: return .date(try cell.decode(Date.self))
        case .uuid: return .guid(try cell.decode(UUID.self))
        case .bytea: return .bytes(Array((try cell.decode(ByteBuffer.self)).readableBytesView))
        default:
            throw SluiceError(.postgresTypeUnsupported, [
                "component": component, "column": cell.columnName, "pgType": PostgresTypeMap.name(cell.dataType),
                "supported": PostgresTypeMap.supported + ", timestamptz, uuid",
            ])
        }
    }
}

/// The first row of a result, kept by the row callback (which runs on NIO's event loop).
private final class FirstRow: Sendable {
    private let state = Mutex<(taken: Bool, row: [Value]?)>((false, nil))
    var isTaken: Bool { state.withLock { $0.taken } }
    var row: [Value]? { state.withLock { $0.row } }
    func keep(_ row: [Value]) { state.withLock { if !$0.taken { $0 = (true, row) } } }
}

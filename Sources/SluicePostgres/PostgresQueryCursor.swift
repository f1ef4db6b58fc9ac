import Foundation
import PostgresNIO
import SluiceCore

/// A column the source declares: the query must return a column of that name whose
/// PostgreSQL type maps to `type` (``PostgresTypeMap``).
public struct ResultColumn: Sendable, Hashable {
    public let name: String
    public let type: DataType
    /// Digits after the point of a decimal column.
    public let scale: Int

    public init(_ name: String, _ type: DataType, scale: Int = 0) {
        self.name = name
        self.type = type
        self.scale = scale
    }
}

/// A query's rows as column batches, read as they arrive: postgres-nio's row stream applies
/// back-pressure to the socket, so at most about one batch of rows is held, whatever the result's size.
///
/// ```swift
/// let cursor = try PostgresQueryCursor(session, sql: "SELECT id, name FROM t WHERE id > $1",
///                                      parameters: [.int(10)], columns: [.init("id", .i4), .init("name", .wstr)])
/// while let batch = try cursor.next(maxRows: 10_000) { … }
/// ```
public final class PostgresQueryCursor: @unchecked Sendable {
    // @unchecked Sendable: the iterator is used by one async call at a time, each awaited to
    // completion by the one worker that owns the component (a timed-out call poisons the cursor).
    private let session: PostgresSession
    private let columns: [ResultColumn]
    private var iterator: PostgresRowSequence.AsyncIterator?
    /// Per result position: the declared column it fills and how to decode it (nil: not used).
    private var slots: [(column: Int, kind: CellKind)?]?
    private var rowsRead = 0
    private var poisoned = false

    /// Sends the query.
    /// - Throws: `SLUICE_E_POSTGRES_SERVER_ERROR` (syntax, missing table), `…_PARAMETER_INVALID`,
    ///   `…_TIMED_OUT`, `…_CONNECTION_LOST`.
    public init(_ session: PostgresSession, sql: String, parameters: [Value], columns: [ResultColumn]) throws {
        self.session = session
        self.columns = columns
        var bindings = PostgresBindings(capacity: parameters.count)
        for (i, value) in parameters.enumerated() {
            try Self.bind(value, into: &bindings, index: i + 1, component: session.component)
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: bindings)
        let connection = session.connection
        let logger = session.logger
        let rows = try session.wait("ran the query") { try await connection.query(query, logger: logger) }
        iterator = rows.makeAsyncIterator()
    }

    /// The next batch of at most `maxRows` rows, or nil when the result is finished.
    /// - Throws: `SLUICE_E_POSTGRES_COLUMN_MISMATCH` / `…_TYPE_UNSUPPORTED` on the first row,
    ///   `…_VALUE_INVALID` naming the row and column, or a lost connection / time-out.
    public func next(maxRows: Int) throws -> ColumnBatch? {
        guard !poisoned, iterator != nil else { return nil }
        poisoned = true  // until this call returns normally
        let rows = try session.wait("read the query's rows") { [self] in try await self.readRows(max(1, maxRows)) }
        poisoned = false
        if rows.isEmpty {
            iterator = nil
            return nil
        }
        let batch = try decode(rows, capacity: rows.count)
        if rows.count < maxRows { iterator = nil }
        return batch
    }

    /// Up to `count` rows from the stream (fewer only at its end).
    private func readRows(_ count: Int) async throws -> [PostgresRow] {
        guard var it = iterator else { return [] }
        var rows: [PostgresRow] = []
        rows.reserveCapacity(count)
        while rows.count < count, let row = try await it.next() { rows.append(row) }
        iterator = it
        return rows
    }

    private func decode(_ rows: [PostgresRow], capacity: Int) throws -> ColumnBatch {
        let slots = try self.slots ?? resolveSlots(rows[0])
        self.slots = slots
        var builders = columns.map { CellColumnBuilder(kind: .text, type: $0.type, scale: $0.scale, capacity: capacity) }
        for case let (column, kind)? in slots { builders[column] = CellColumnBuilder(kind: kind, type: columns[column].type, scale: columns[column].scale, capacity: capacity) }
        for row in rows {
            rowsRead += 1
            var position = 0
            for cell in row {
                defer { position += 1 }
                guard position < slots.count, let column = slots[position]?.column else { continue }
                do { try builders[column].append(cell.bytes) } catch {
                    throw SluiceError(.postgresValueInvalid, [
                        "component": session.component, "row": "\(rowsRead)", "column": columns[column].name,
                        "pgType": PostgresTypeMap.name(cell.dataType), "reason": error.reason,
                    ])
                }
            }
        }
        return try ColumnBatch(zip(columns, builders).map { (name: $0.name, column: $1.finish()) })
    }

    /// Matches the declared columns to the result's by name, checking each type.
    private func resolveSlots(_ row: PostgresRow) throws -> [(column: Int, kind: CellKind)?] {
        var slots: [(column: Int, kind: CellKind)?] = []
        var found = Set<Int>()
        let declared = Dictionary(columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        for cell in row {
            guard let c = declared[cell.columnName], !found.contains(c) else {
                slots.append(nil)
                continue
            }
            let column = columns[c]
            guard let kind = PostgresTypeMap.kind(of: cell.dataType) else {
                throw SluiceError(.postgresTypeUnsupported, [
                    "component": session.component, "column": column.name, "pgType": PostgresTypeMap.name(cell.dataType),
                    "supported": PostgresTypeMap.supported,
                ])
            }
            let accepted = PostgresTypeMap.accepts(kind)
            guard accepted.contains(column.type) else {
                throw SluiceError(.postgresColumnMismatch, [
                    "component": session.component, "column": column.name,
                    "reason": "the query returns \(PostgresTypeMap.name(cell.dataType)), which maps to \(accepted.map(\.rawValue).sorted().joined(separator: " or ")), not \(column.type.rawValue)",
                ])
            }
            found.insert(c)
            slots.append((c, kind))
        }
        if let missing = columns.first(where: { declared[$0.name].map { !found.contains($0) } ?? true }) {
            throw SluiceError(.postgresColumnMismatch, [
                "component": session.component, "column": missing.name,
                "reason": "the query returns no column of that name (it returns \(row.map(\.columnName).joined(separator: ", ")))",
            ])
        }
        return slots
    }

    /// A variable's value as a query parameter.
    static func bind(_ value: Value, into bindings: inout PostgresBindings, index: Int, component: String) throws {
        switch value {
        case .null: bindings.appendNull()
        case .bool(let b): bindings.append(b)
        case .int(let i): bindings.append(i)
        case .uint(let u):
            guard let i = Int64(exactly: u) else {
                throw SluiceError(.postgresParameterInvalid, ["component": component, "index": "\(index)", "reason": "\(u) does not fit in int8"])
            }
            bindings.append(i)
        case .real(let d): bindings.append(d)
        case .decimal(let d): try bindings.append(d)
        case .string(let s): bindings.append(s)
        case .date(let d): bindings.append(d)
        case .dateTimeOffset(let o): bindings.append(o.instant)
        case .guid(let g): bindings.append(g)
        case .bytes(let b): bindings.append(ByteBuffer(bytes: b))
        case .object:
            throw SluiceError(.postgresParameterInvalid, ["component": component, "index": "\(index)", "reason": "an object variable has no PostgreSQL value"])
        }
    }
}

import CSQLite
import SluiceCore

/// What a SQLite source reads, checked against a database: the statement compiles (never
/// stepped), each declared output column is a result column of a type that fits it, and the
/// parameters are as many as the statement uses. With no columns declared, the result columns
/// are the output, typed from their declared types (``SQLiteTypeNames``).
struct SQLiteSourceShape {
    let component: String
    let query: String?
    let table: String?
    let declared: [FlowColumn]
    let parameterCount: Int

    /// The SQL run: the query, or every (or each declared) column of the table.
    var sql: String {
        if let query, !query.isEmpty { return query }
        let list = declared.isEmpty ? "*" : declared.map { SQLiteTypeNames.quoted($0.name) }.joined(separator: ", ")
        return "SELECT \(list) FROM \(SQLiteTypeNames.quoted(table ?? ""))"
    }

    /// The output columns, each with the result column it reads.
    func resolve(_ database: SQLiteDatabase) throws -> [(column: FlowColumn, index: Int32)] {
        if let table, !table.isEmpty {
            let columns = try database.columns(of: table)
            guard !columns.isEmpty else { throw database.tableMissing(table) }
            for c in declared where !columns.contains(where: { $0.name.lowercased() == c.name.lowercased() }) {
                throw unknown(c.name, "table \"\(table)\"", columns.map(\.name))
            }
        }
        guard let statement = try database.prepare(sql) else { throw database.failed("the query holds no statement") }
        let used = statement.parameterCount
        guard used == parameterCount else {
            throw SluiceError(.sqliteParameterCount, ["component": component, "used": String(used), "given": String(parameterCount)])
        }
        let handle = statement.handle
        let names = (0..<Int32(statement.columnCount)).map { String(cString: sqlite3_column_name(handle, $0)) }
        let types = (0..<Int32(statement.columnCount)).map { sqlite3_column_decltype(handle, $0).map { String(cString: $0) } }
        guard !declared.isEmpty else { return try found(names, types) }
        return try declared.map { c in
            guard let i = names.firstIndex(of: c.name) ?? names.firstIndex(where: { $0.lowercased() == c.name.lowercased() }) else {
                throw unknown(c.name, "the query's result", names)
            }
            if let declaredType = types[i], let kind = SQLiteColumnKind(c.type), !kind.fits(SQLiteAffinity(declared: declaredType)) {
                throw SluiceError(.sqliteTypeMismatch, [
                    "component": component, "column": c.name, "type": c.type.rawValue, "sqlColumn": names[i], "declared": declaredType,
                ])
            }
            return (c, Int32(i))
        }
    }

    private func found(_ names: [String], _ types: [String?]) throws -> [(column: FlowColumn, index: Int32)] {
        guard !names.isEmpty else { throw database(failedWith: "the statement returns no columns") }
        return try names.indices.map { i in
            guard let declaredType = types[i], let (type, scale) = SQLiteTypeNames.dataType(declared: declaredType) else {
                throw SluiceError(.sqliteColumnTypeUnknown, ["component": component, "column": names[i], "declared": types[i] ?? "(none: an expression)"])
            }
            return (FlowColumn(name: names[i], lineageID: -(i + 1), type: type, scale: scale), Int32(i))
        }
    }

    private func database(failedWith reason: String) -> SluiceError {
        SluiceError(.sqliteStatementFailed, ["component": component, "database": "", "reason": reason])
    }

    private func unknown(_ column: String, _ place: String, _ known: [String]) -> SluiceError {
        SluiceError(.sqliteColumnUnknown, ["component": component, "place": place, "column": column, "known": known.joined(separator: ", ")])
    }
}

import SluiceCore

/// The table a SQLite destination writes, checked against a database: it exists (or is to be
/// created), has every target column, and each target column's declared type takes the input
/// column's values.
struct SQLiteTableShape: Sendable {
    let component: String
    let table: String
    let inputs: [FlowColumn]
    /// The table column of each input column, in the same order.
    let targets: [String]
    let createTable: Bool

    /// Checks the table as it is now (inside the destination's transaction at run time).
    /// - Throws: `SLUICE_E_SQLITE_TABLE_MISSING`, `…_COLUMN_UNKNOWN`, `…_TYPE_MISMATCH`.
    func check(_ database: SQLiteDatabase) throws {
        let columns = try database.columns(of: table)
        guard !columns.isEmpty else {
            if createTable { return }  // created when the run begins
            throw database.tableMissing(table)
        }
        for (input, target) in zip(inputs, targets) {
            guard let column = columns.first(where: { $0.name.lowercased() == target.lowercased() }) else {
                throw SluiceError(.sqliteColumnUnknown, [
                    "component": component, "place": "table \"\(table)\"", "column": target, "known": columns.map(\.name).joined(separator: ", "),
                ])
            }
            if let kind = SQLiteColumnKind(input.type), !kind.fits(SQLiteAffinity(declared: column.declared)) {
                throw SluiceError(.sqliteTypeMismatch, [
                    "component": component, "column": input.name, "type": input.type.rawValue, "sqlColumn": column.name, "declared": column.declared,
                ])
            }
        }
    }

    /// `CREATE TABLE IF NOT EXISTS` with a column per input, typed by ``SQLiteTypeNames``.
    var createSQL: String {
        let columns = zip(inputs, targets).map { input, target in
            SQLiteTypeNames.quoted(target) + " " + (SQLiteTypeNames.declared(input.type, scale: input.scale) ?? "")
        }
        return "CREATE TABLE IF NOT EXISTS \(SQLiteTypeNames.quoted(table)) (\(columns.joined(separator: ", ")))"
    }

    var insertSQL: String {
        let names = targets.map(SQLiteTypeNames.quoted).joined(separator: ", ")
        let marks = targets.indices.map { "?\($0 + 1)" }.joined(separator: ", ")
        return "INSERT INTO \(SQLiteTypeNames.quoted(table)) (\(names)) VALUES (\(marks))"
    }
}

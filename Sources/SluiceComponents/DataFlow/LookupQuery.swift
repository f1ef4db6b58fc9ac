import CSQLite
import SluiceCore
import SluiceDataFlow

/// A Lookup's reference read by a query on a `sluice.sqlite` connection, once per run, into
/// batches of the columns the lookup needs (each converted to the type the package declares
/// for it). Reading goes through `Value` per cell: this runs once, before any row is looked up.
struct LookupQuery: Sendable {
    struct Wanted: Sendable {
        let name: String
        let type: DataType
        let scale: Int
    }

    let connection: String
    let sql: String
    let columns: [Wanted]
    let component: String

    private var stock: StockConnection { StockConnection(property: "connection", name: connection, kind: "sluice.sqlite") }

    /// At validation: the connection's kind; for a built-in connection, the query prepared on
    /// its database opened read-only (never created) and the lookup's columns found among the
    /// query's, as the run finds them. A plugin connection's database is known only at run time.
    func check(in context: any TaskContext) throws {
        let checked = try stock.check(in: context)
        guard !checked.isPlugin else { return }
        try withStatement(path: checked.manager.connectionString, canceled: nil) { _ = try positions($0) }
    }

    func load(in context: any TaskContext, maxRows: Int) throws -> [ColumnBatch] {
        let path = try stock.acquire(in: context)
        return try withStatement(path: path, canceled: { context.isCanceled }) { try read($0, maxRows: max(maxRows, 1)) }
    }

    /// The query prepared on the database at `path`, opened read-only: a lookup only reads, and
    /// a mistyped path must fail rather than leave an empty database behind.
    private func withStatement<T>(path: String, canceled: (() -> Bool)?, _ body: (SQLiteStatement) throws -> T) throws -> T {
        do {
            let database = try SQLiteConnection(path: path, readOnly: true)
            if let canceled { database.interrupt(when: canceled) }
            return try sql.withCString { text in
                guard let statement = try database.prepare(text).statement else { throw failed("the query has no statement") }
                return try body(statement)
            }
        } catch let failure as SQLiteFailure {
            throw failed(failure.message)
        }
    }

    /// Where each wanted column is among the query's result columns.
    private func positions(_ statement: SQLiteStatement) throws -> [Int] {
        var names: [String] = []
        for i in 0..<Int32(statement.columnCount) { names.append(sqlite3_column_name(statement.handle, i).map { String(cString: $0) } ?? "") }
        return try columns.map { c in
            guard let at = names.firstIndex(of: c.name) else {
                throw failed("the query gives no column \"\(c.name)\" (it gives \(names.joined(separator: ", ")))")
            }
            return at
        }
    }

    private func read(_ statement: SQLiteStatement, maxRows: Int) throws -> [ColumnBatch] {
        let positions = try positions(statement)
        var batches: [ColumnBatch] = []
        var builders = makeBuilders(maxRows)
        var row = 0
        while try statement.step() {
            row += 1
            let values = statement.row()
            for (k, at) in positions.enumerated() {
                do { try builders[k].append(values[at]) } catch {
                    throw failed("row \(row), column \"\(columns[k].name)\": \((error as? SluiceError)?.description ?? "\(error)")")
                }
            }
            if builders[0].count >= maxRows {
                batches.append(try finish(builders))
                builders = makeBuilders(maxRows)
            }
        }
        if builders.first.map({ $0.count > 0 }) ?? false { batches.append(try finish(builders)) }
        return batches
    }

    private func makeBuilders(_ capacity: Int) -> [ColumnBuilder] {
        columns.map { ColumnBuilder($0.type, capacity: capacity, decimalScale: $0.type.decimalPrecisionAndScale != nil ? $0.scale : nil) }
    }

    private func finish(_ builders: [ColumnBuilder]) throws -> ColumnBatch {
        // One column per distinct name: a name both joined and returned is read once.
        var seen = Set<String>()
        var pairs: [(name: String, column: Column)] = []
        for (c, b) in zip(columns, builders) where seen.insert(c.name).inserted { pairs.append((c.name, b.finish())) }
        return try ColumnBatch(pairs)
    }

    private func failed(_ reason: String) -> SluiceError {
        SluiceError(.lookupReferenceFailed, ["component": component, "reason": reason])
    }
}

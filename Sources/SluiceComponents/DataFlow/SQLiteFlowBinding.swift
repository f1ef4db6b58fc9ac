import SluiceCore
import SluiceDataFlow
import SluiceExpressions

/// Binds `sluice.sqliteSource` and `sluice.sqliteDestination` (docs/dataflow-sqlite.md).
///
/// Validation opens a built-in connection's database read-only, never creating it, and checks
/// the table, the columns and their types; the run checks them again on its own connection
/// (something may have changed the database in between). A plugin connection's database is
/// known only once acquired, so for one of those validation checks the properties alone.
enum SQLiteFlowBinding {
    static let connectionKind = "sluice.sqlite"
    static let defaultBusyTimeout = 5_000

    static func source(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(0)
        try site.requireOutputs(regular: 1, errors: 0)
        let place = try SQLitePlace(site, context)
        let query = try site.optionalString("query")
        let table = try site.optionalString("table")
        guard (query?.isEmpty ?? true) != (table?.isEmpty ?? true) else {
            throw site.invalid("query", "give exactly one of query (SQL text) and table (a table name)")
        }
        let parameters = try SQLiteParameters(site, context)
        let declared = site.model.outputs[0].columns.map(FlowColumn.init)
        for c in declared where SQLiteColumnKind(c.type) == nil { throw site.unsupported(c.name, "a SQLite source does not read \(c.type.rawValue)") }
        let shape = SQLiteSourceShape(component: site.name, query: query, table: table, declared: declared, parameterCount: parameters.count)
        let busyTimeout = try Self.busyTimeout(site)
        var columns = declared
        if let path = place.pathAtValidation {
            let database = SQLiteDatabase(connection: try SQLiteConnection(path: path, readOnly: true), path: path, component: site.name, busyTimeout: busyTimeout)
            columns = try shape.resolve(database).map(\.column)
        } else if declared.isEmpty {
            throw site.invalid("connection", "a plugin connection's database is known only at run time: declare the output columns")
        }
        // The closure keeps only what the run needs (the name, not the whole site).
        let component = site.name
        var bound = BoundComponent(outputs: [0]) { setup in
            let path = try place.pathAtRun(setup.context)
            let connection = try SQLiteConnection(path: path, readOnly: true)
            let context = setup.context
            connection.interrupt(when: { context.isCanceled })
            let database = SQLiteDatabase(connection: connection, path: path, component: component, busyTimeout: busyTimeout)
            let runShape = SQLiteSourceShape(component: component, query: query, table: table, declared: columns, parameterCount: parameters.count)
            let resolved = try runShape.resolve(database)
            let statement = try database.prepare(runShape.sql) ?? { throw database.failed("the query holds no statement") }()
            try parameters.bind(to: statement, in: setup.environment)
            let fills = resolved.map { r in
                SQLiteColumnFill(name: r.column.name, type: r.column.type, kind: SQLiteColumnKind(r.column.type) ?? .text, scale: r.column.scale, index: r.index, capacity: max(setup.maxRows, 1))
            }
            return SQLiteSource(name: component, database: database, statement: statement, fills: fills, busyTimeout: busyTimeout)
        }
        if declared.isEmpty { bound.foundOutputColumns = [columns] }
        return bound
    }

    static func destination(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        guard site.model.outputs.isEmpty else { throw site.shape("is a destination: it has no outputs") }
        let place = try SQLitePlace(site, context)
        let table = try site.string("table")
        let createTable = try site.bool("createTable", default: false)
        let batchRows = try site.model.properties["batchRows"] == nil ? 0 : site.positiveInt("batchRows", default: 0)
        let busyTimeout = try Self.busyTimeout(site)
        // No input column named: every column that reaches the input goes to the table.
        let inputs = site.used[0].isEmpty ? site.reaching[0] : site.used[0]
        guard !inputs.isEmpty else { throw site.shape("has no input columns to write") }
        for c in inputs where SQLiteColumnKind(c.type) == nil { throw site.unsupported(c.name, "a SQLite destination does not write \(c.type.rawValue)") }
        let mapping = try columnMapping(site, inputs)
        let shape = SQLiteTableShape(component: site.name, table: table, inputs: inputs, targets: mapping, createTable: createTable)
        if let path = place.pathAtValidation {
            if SQLiteDatabase.exists(path) {
                let connection = try SQLiteConnection(path: path, readOnly: true)
                try shape.check(SQLiteDatabase(connection: connection, path: path, component: site.name, busyTimeout: busyTimeout))
            } else if !createTable {
                throw SluiceError(.sqliteTableMissing, ["component": site.name, "table": table, "database": path])
            }
        }
        let component = site.name
        return BoundComponent(outputs: []) { setup in
            let path = try place.pathAtRun(setup.context)
            let database = SQLiteDatabase(connection: try SQLiteConnection(path: path), path: path, component: component, busyTimeout: busyTimeout)
            try database.execute("BEGIN IMMEDIATE", busyTimeout: busyTimeout)
            do {
                if createTable { try database.execute(shape.createSQL, busyTimeout: busyTimeout) }
                try shape.check(database)
                let insert = try database.prepare(shape.insertSQL) ?? { throw database.failed("empty INSERT") }()
                let targets = inputs.map { c in
                    SQLiteDestination.Target(name: c.name, type: c.type, kind: SQLiteColumnKind(c.type) ?? .text, scale: c.scale)
                }
                return SQLiteDestination(database: database, table: table, insert: insert, targets: targets, batchRows: batchRows, busyTimeout: busyTimeout)
            } catch {
                try? database.execute("ROLLBACK", busyTimeout: busyTimeout)
                throw error
            }
        }
    }

    /// `columnMapping`: `{"input column": "table column"}`; unnamed columns keep their names.
    private static func columnMapping(_ site: ComponentSite, _ inputs: [FlowColumn]) throws -> [String] {
        var mapping: [String: String] = [:]
        if let value = site.model.properties["columnMapping"] {
            guard case .object(let object) = value else { throw site.invalid("columnMapping", "must be an object: {\"input column\": \"table column\"}") }
            for (key, target) in object.entries {
                guard inputs.contains(where: { $0.name == key }) else { throw site.invalid("columnMapping", "\"\(key)\" is not an input column") }
                guard let name = target.stringValue, !name.isEmpty else { throw site.invalid("columnMapping", "\"\(key)\" must map to a non-empty column name") }
                mapping[key] = name
            }
        }
        let targets = inputs.map { mapping[$0.name] ?? $0.name }
        var seen = Set<String>()
        for t in targets where !seen.insert(t.lowercased()).inserted { throw site.invalid("columnMapping", "two input columns go to table column \"\(t)\"") }
        return targets
    }

    /// `busyTimeout`: milliseconds to wait for another connection's lock (default 5000).
    private static func busyTimeout(_ site: ComponentSite) throws -> Int32 {
        guard let value = site.model.properties["busyTimeout"] else { return Int32(defaultBusyTimeout) }
        guard let n = value.intValue, (0...3_600_000).contains(n) else { throw site.invalid("busyTimeout", "must be milliseconds from 0 to 3600000") }
        return Int32(n)
    }
}

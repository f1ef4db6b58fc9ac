import SluiceCore
import SluicePostgres

/// Runs SQL against a SQLite database or a PostgreSQL server, like SSIS's Execute SQL task.
///
/// `statement` may hold several statements separated by `;`; they run in order, each on the same
/// connection, and the result (row or rows affected) comes from the last one. Every statement
/// that uses parameters gets the variables of `parameters` bound to `?1…?n`. The execution
/// value is the number of rows the last statement inserted, updated or deleted (0 for a query or
/// a schema change).
///
/// On a `sluice.postgres` connection manager `statement` is one statement (the server refuses
/// several in one), parameters are bound to `$1…$n`, and every call waits at most
/// `timeoutSeconds` (ExecuteSQLTask+Postgres.swift).
///
/// The connection is opened for each execution and closed after it, so `:memory:` starts empty
/// every time — except in a transaction (`TransactionOption` Required on the task or a
/// container around it): there the tasks on one connection manager share one connection and
/// one SQLite transaction, committed or rolled back when the container that started it ends
/// (docs/transactions.md). A plugin connection manager that follows `sluice.sqlite` (its `connection_kind`)
/// serves too: it is acquired before the database is opened, so its `acquire` may create it.
public final class ExecuteSQLTask: StockTask {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.executeSQL", kind: .task, displayName: "Execute SQL",
        description: "Runs SQL statements against a SQLite database or a PostgreSQL server, optionally reading one row into variables.",
        version: "1.0.0",
        properties: [
            PropertySpec(
                "connection", .string, required: true,
                "Name of a package connection manager of kind \(ExecuteSQLTask.connectionKind) (or a plugin's "
                    + "that follows it), whose connection string is the database file path (created when missing) "
                    + "or :memory:; or of kind sluice.postgres."),
            PropertySpec(
                "statement", .string, required: true,
                "SQL to run; several statements separated by ';' run in order, and the last one gives the result."),
            PropertySpec(
                "parameters", .stringList,
                "Variables bound in order to ?1, ?2, … of every statement that has parameters ($1, $2, … on PostgreSQL)."),
            PropertySpec(
                "resultSet", .string, default: .string(ResultSet.none.rawValue),
                "\"none\" to ignore rows, or \"singleRow\" to read the first row of the last statement "
                    + "(no row is an error)."),
            PropertySpec(
                "resultVariables", .stringList,
                "With singleRow: variables receiving the row's columns by position, converted to each "
                    + "variable's type."),
            PropertySpec(
                "timeoutSeconds", .integer, default: .int(300),
                "PostgreSQL only: the longest wait for the server to answer one call, in seconds (1 to 86400)."),
        ])

    /// The connection manager kind this task can use.
    static let connectionKind = "sluice.sqlite"

    /// What the task does with the rows of the last statement.
    enum ResultSet: String {
        case none, singleRow
    }

    let connection: String
    let statement: String
    let parameters: [String]
    let resultSet: ResultSet
    let resultVariables: [String]
    let timeoutSeconds: Double

    public init(_ properties: ResolvedProperties) throws {
        connection = try properties.string("connection")
        statement = try properties.string("statement")
        for (name, value) in [("connection", connection), ("statement", statement)] where value.isEmpty {
            throw SluiceError(.propertyRequired, ["property": name, "executable": properties.owner])
        }
        parameters = properties.stringList("parameters")
        let mode = properties.optionalString("resultSet") ?? ResultSet.none.rawValue
        guard let resultSet = ResultSet(rawValue: mode) else {
            throw properties.wrongValue("resultSet", expected: "\"none\" or \"singleRow\"", found: "\"\(mode)\"")
        }
        self.resultSet = resultSet
        resultVariables = properties.stringList("resultVariables")
        if resultSet == .none, !resultVariables.isEmpty {
            throw properties.invalid("resultVariables", "result variables need resultSet \"singleRow\"")
        }
        let timeout = properties.optionalInt("timeoutSeconds") ?? 300
        guard (1...86_400).contains(timeout) else {
            throw properties.wrongValue("timeoutSeconds", expected: "a whole number of seconds from 1 to 86400", found: String(timeout))
        }
        timeoutSeconds = Double(timeout)
    }

    public func validate(in context: any TaskContext) throws {
        if try isPostgres(in: context) {
            _ = try postgresEndpoint(in: context, acquired: false)
        } else {
            try checkDatabase(in: context)
        }
        for name in parameters + resultVariables { _ = try context.variable(name) }
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        if context.isCanceled { return .canceled }
        let bound = try parameters.map { try context.variable($0) }
        let values = bound.map(\.value)
        // A row computed from a sensitive value (a query bound to one) is sensitive too.
        let sensitive = bound.contains { $0.sensitive }
        let outcome: ScriptOutcome
        if try isPostgres(in: context) {
            do {
                outcome = try executeOnPostgres(binding: values, in: context)
            } catch is Canceled {
                return .canceled
            }
        } else {
            guard let ran = try executeOnSQLite(binding: values, in: context) else { return .canceled }
            outcome = ran
        }
        return try finish(outcome, binding: values, sensitive: sensitive, in: context)
    }

    /// Runs the script on SQLite; nil when the run was canceled meanwhile.
    private func executeOnSQLite(binding values: [Value], in context: any TaskContext) throws -> ScriptOutcome? {
        let path = try databasePath(in: context)
        let outcome: ScriptOutcome
        do {
            if let transaction = context.transaction {
                outcome = try runInTransaction(transaction, path: path, binding: values, in: context)
            } else {
                let database = try SQLiteConnection(path: path)
                database.interrupt(when: { context.isCanceled })
                outcome = try statement.withCString { try run($0, on: database, binding: values, in: context) }
            }
        } catch let failure as SQLiteFailure {
            if failure.interrupted, context.isCanceled { return nil }
            throw SluiceError(.sqlFailed, ["connection": connection, "reason": failure.message], cause: failure)
        }
        return outcome.canceled ? nil : outcome
    }

    /// The result row into the variables, the warnings and the summary, as the execution value.
    private func finish(
        _ outcome: ScriptOutcome, binding values: [Value], sensitive: Bool, in context: any TaskContext
    ) throws -> TaskOutcome {
        if resultSet == .singleRow {
            guard let row = outcome.row else { throw SluiceError(.sqlNoRow) }
            guard resultVariables.count <= row.count else {
                let reason = "resultVariables names \(resultVariables.count) variables, "
                    + "but the row has \(row.count) columns"
                throw SluiceError(.sqlParameterInvalid, ["reason": reason])
            }
            for (name, value) in zip(resultVariables, row) { try context.setVariable(name, to: value, sensitive: sensitive) }
        }
        if outcome.parametersUsed < values.count {
            let message = "parameters names \(values.count) variables, but the statements use only "
                + "\(outcome.parametersUsed)."
            context.raise(.warning(code: 0, message: message))
        }
        let summary = "Ran \(outcome.statements) statement(s) on \"\(connection)\"; "
            + "\(outcome.rowsAffected) row(s) affected."
        context.raise(.information(code: 0, message: summary))
        return .success(.int(outcome.rowsAffected))
    }

    /// Runs the script on the transaction's connection for `connection`, enlisting it first
    /// when this is the transaction's first task on it.
    private func runInTransaction(
        _ transaction: Transaction, path: String, binding values: [Value], in context: any TaskContext
    ) throws -> ScriptOutcome {
        let open = { [connection] in
            try SQLiteTransaction.begin(path: path, connection: connection, executable: context.executableName, owner: transaction.owner)
        }
        return try transaction.withResource(connection: connection, open: open) { enlisted in
            try enlisted.runTask { database in
                database.interrupt(when: { context.isCanceled })
                // The connection outlives this task: its end (COMMIT, ROLLBACK) must not be interrupted.
                defer { database.interrupt(when: { false }) }
                let outcome = try statement.withCString { try run($0, on: database, binding: values, in: context) }
                // A script stopped by a cancel did not finish: its savepoint is rolled back.
                if outcome.canceled { throw SQLiteFailure(message: "interrupted", interrupted: true) }
                return outcome
            }
        }
    }

    /// What running the script gave.
    struct ScriptOutcome: Sendable {
        var statements = 0
        var rowsAffected: Int64 = 0
        var row: [Value]?
        var parametersUsed = 0
        var canceled = false
    }

    /// Runs every statement of `script` in order; the result is the last statement's.
    /// - Throws: ``SQLiteFailure`` with SQLite's message, `SLUICE_E_SQL_PARAMETER_INVALID`.
    private func run(
        _ script: UnsafePointer<CChar>, on database: SQLiteConnection, binding values: [Value],
        in context: any TaskContext
    ) throws -> ScriptOutcome {
        var outcome = ScriptOutcome()
        var cursor = script
        while true {
            if context.isCanceled {
                outcome.canceled = true
                return outcome
            }
            let (compiled, rest) = try numbered(outcome.statements + 1) { try database.prepare(cursor) }
            guard let current = compiled else { return outcome }
            cursor = rest
            outcome.statements += 1
            // Looked ahead only now: the rest may name tables that this statement creates.
            let isLast = !database.hasStatement(in: cursor)
            try bind(values, to: current)
            outcome.parametersUsed = max(outcome.parametersUsed, current.parameterCount)

            let changesBefore = database.totalChanges
            try numbered(outcome.statements) {
                if isLast, resultSet == .singleRow {
                    outcome.row = try current.step() ? current.row() : nil
                    // Reset completes the statement (e.g. INSERT … RETURNING) so changes are counted.
                    current.reset()
                } else {
                    while try current.step() {}
                }
            }
            // sqlite3_changes64 keeps the count of the last *modifying* statement; a query or a
            // CREATE after it changed nothing, so report 0 rather than an older count.
            outcome.rowsAffected = database.totalChanges > changesBefore ? database.changes : 0
        }
    }

    private func bind(_ values: [Value], to statement: SQLiteStatement) throws {
        let count = statement.parameterCount
        guard count <= values.count else {
            let reason = "the statement uses \(count) parameter(s), but parameters names \(values.count) variable(s)"
            throw SluiceError(.sqlParameterInvalid, ["reason": reason])
        }
        for index in 0..<count { try statement.bind(values[index], at: index + 1, variable: parameters[index]) }
    }

    /// Adds the statement's position (1-based) to SQLite's message, so the failing statement of
    /// a script can be found.
    private func numbered<T>(_ position: Int, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var failure as SQLiteFailure where !failure.interrupted {
            failure.message += " (statement \(position))"
            throw failure
        }
    }

    /// The `connection` property: a SQLite connection manager, built-in or a plugin's that
    /// follows sluice.sqlite; another kind is SLUICE_E_CONNECTION_KIND_WRONG, as in every stock task.
    private var sqliteConnection: StockConnection {
        StockConnection(property: "connection", name: connection, kind: Self.connectionKind)
    }

    /// At validation: checks the kind and, for a built-in connection, the path; a plugin's
    /// string is checked once acquired (its `acquire` may compute what the database needs).
    private func checkDatabase(in context: any TaskContext) throws {
        let checked = try sqliteConnection.check(in: context)
        if !checked.isPlugin { try checkPath(checked.manager.connectionString) }
    }

    /// At execution: the database file the acquired connection names.
    private func databasePath(in context: any TaskContext) throws -> String {
        let path = try sqliteConnection.acquire(in: context)
        try checkPath(path)
        return path
    }

    private func checkPath(_ path: String) throws {
        guard path.isEmpty else { return }
        let reason = "connection manager \"\(connection)\" has no database path; use a file path or :memory:"
        throw SluiceError(.sqlOpenFailed, ["path": "", "reason": reason])
    }
}

import SluiceCore
import SluicePostgres

/// The Execute SQL task on a `sluice.postgres` connection manager: one statement per task,
/// parameters bound as `$1…$n`, every call bounded by `timeoutSeconds`.
extension ExecuteSQLTask {
    static let postgresKind = "sluice.postgres"

    /// Whether the `connection` property names a PostgreSQL connection manager.
    func isPostgres(in context: any TaskContext) throws -> Bool {
        try context.connection(named: connection).kind == Self.postgresKind
    }

    /// Where the connection manager points; `acquired` reads its string as acquired for the
    /// run (`--conn`, property expressions), else as declared (validation acquires nothing).
    /// - Throws: `SLUICE_E_POSTGRES_CONNECTION_INVALID`.
    func postgresEndpoint(in context: any TaskContext, acquired: Bool) throws -> PostgresEndpoint {
        let manager = try context.connection(named: connection)
        let text = acquired ? try context.acquireConnection(named: connection, for: nil).connectionString : manager.connectionString
        return try PostgresEndpoint(connection: connection, connectionString: text, properties: manager.properties)
    }

    /// Runs the statement on its own connection, or on the transaction's when there is one.
    func executeOnPostgres(binding values: [Value], in context: any TaskContext) throws -> ScriptOutcome {
        let endpoint = try postgresEndpoint(in: context, acquired: true)
        let executable = context.executableName
        if let transaction = context.transaction {
            let open = { [connection, timeoutSeconds] in
                try PostgresTransaction.begin(
                    endpoint, connection: connection, executable: executable, owner: transaction.owner, timeoutSeconds: timeoutSeconds)
            }
            return try transaction.withResource(connection: connection, open: open) { enlisted in
                try enlisted.runTask { try runStatement(on: $0, binding: values, in: context) }
            }
        }
        let session = try PostgresSession.open(endpoint, component: executable, timeoutSeconds: timeoutSeconds)
        defer { session.close() }
        return try runStatement(on: session, binding: values, in: context)
    }

    /// A cancel stops the wait at once (the outcome says canceled); the session is then not
    /// reused: a transaction holding it is lost and rolled back by the server.
    private func runStatement(on session: PostgresSession, binding values: [Value], in context: any TaskContext) throws -> ScriptOutcome {
        session.cancelCheck = { context.isCanceled }
        defer { session.cancelCheck = nil }
        let result = try session.run(statement, parameters: values, keepFirstRow: resultSet == .singleRow)
        // The server refuses a statement whose parameters do not match: all were used.
        return ScriptOutcome(statements: 1, rowsAffected: result.rowsAffected, row: result.firstRow, parametersUsed: values.count)
    }
}

import SluiceCore
import SluiceDataFlow
import SluicePostgres

/// Binds `sluice.postgresSource` and `sluice.postgresDestination` (docs/dataflow-postgres.md).
/// Binding checks properties and column types only; the server is reached when the run makes
/// the components.
enum PostgresBinding {
    static let connectionKind = "sluice.postgres"
    static let defaultTimeoutSeconds = 300

    static func source(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(0)
        try site.requireOutputs(regular: 1, errors: 0)
        let columns = site.model.outputs[0].columns.map(FlowColumn.init)
        guard !columns.isEmpty else { throw site.shape("declares no output columns") }
        let mappable = PostgresTypeMap.declarable
        for c in columns where !mappable.contains(c.type) {
            throw site.unsupported(c.name, "a PostgreSQL column maps to \(mappable.map(\.rawValue).sorted().joined(separator: ", ")), not \(c.type.rawValue)")
        }
        let results = columns.map { ResultColumn($0.name, $0.type, scale: $0.type.decimalPrecisionAndScale == nil ? 0 : $0.scale) }
        let server = try PostgresServer(site, context)
        let query = try site.string("query")
        let parameters = try variableNames(site)
        let timeout = Double(try site.positiveInt("timeoutSeconds", default: defaultTimeoutSeconds))
        let name = site.name
        let external = try site.bool("validateExternalMetadata", default: true)
        var bound = BoundComponent(outputs: [0]) { setup in
            let values = try parameters.map { try setup.context.variable($0).value }
            let session = try PostgresSession.open(try server.endpoint(setup.context), component: name, timeoutSeconds: timeout)
            do {
                return PostgresSource(name: name, session: session, cursor: try PostgresQueryCursor(session, sql: query, parameters: values, columns: results))
            } catch {
                session.close()
                throw error
            }
        }
        // The server must be reachable; the query's columns are checked when it runs.
        if external {
            bound.checkExternal = { context in
                let session = try PostgresSession.open(try server.endpoint(context), component: name, timeoutSeconds: timeout)
                session.close()
            }
        }
        return bound
    }

    static func destination(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        guard site.model.outputs.isEmpty else { throw site.shape("is a destination: it has no outputs") }
        guard !site.used[0].isEmpty else { throw site.shape("uses no input columns: a table needs at least one") }
        let columns = site.used[0]
        let writable = PostgresTypeMap.writable
        for c in columns where !writable.contains(c.type) {
            throw site.unsupported(c.name, "COPY writes \(writable.map(\.rawValue).sorted().joined(separator: ", ")), not \(c.type.rawValue)")
        }
        let server = try PostgresServer(site, context)
        let table = try site.string("table")
        let schema = try site.optionalString("schema")
        let timeout = Double(try site.positiveInt("timeoutSeconds", default: defaultTimeoutSeconds))
        let name = site.name
        let targets = columns.map { (name: $0.name, type: $0.type) }
        let external = try site.bool("validateExternalMetadata", default: true)
        var bound = BoundComponent(outputs: []) { setup in
            let session = try PostgresSession.open(try server.endpoint(setup.context), component: name, timeoutSeconds: timeout)
            let load = try PostgresCopyLoad(session, schema: schema, table: table, columns: targets)
            return PostgresDestination(load: load, columns: targets.map(\.name), component: name)
        }
        // SSIS's external metadata: the table must exist with every column the component writes.
        if external {
            bound.checkExternal = { context in
                let session = try PostgresSession.open(try server.endpoint(context), component: name, timeoutSeconds: timeout)
                defer { session.close() }
                let present = try PostgresCatalog.columns(of: table, schema: schema, in: session)
                let place = schema.map { "\($0).\(table)" } ?? table
                guard !present.isEmpty else {
                    throw SluiceError(.postgresColumnMismatch, ["component": name, "column": "*", "reason": "the table \(place) does not exist"])
                }
                for c in targets where !present.contains(c.name) {
                    throw SluiceError(.postgresColumnMismatch, ["component": name, "column": c.name, "reason": "the table \(place) has no column of that name"])
                }
            }
        }
        return bound
    }

    /// `parameters`: variable names (`User::MinId`) whose values are `$1`, `$2`, … of the query.
    private static func variableNames(_ site: ComponentSite) throws -> [String] {
        guard let value = site.model.properties["parameters"] else { return [] }
        guard let array = value.arrayValue else { throw site.invalid("parameters", "must be an array of variable names") }
        return try array.enumerated().map { i, element in
            guard let s = element.stringValue, !s.isEmpty else { throw site.invalid("parameters[\(i)]", "must be a variable name") }
            return s
        }
    }
}

/// The server a PostgreSQL component uses: its `connection` property names a `sluice.postgres`
/// connection manager; the endpoint is read at run time so `--conn` and expressions apply.
struct PostgresServer: Sendable {
    let connection: StockConnection

    init(_ site: ComponentSite, _ context: any TaskContext) throws {
        let name = try site.string("connection")
        connection = StockConnection(property: "connection", name: name, kind: PostgresBinding.connectionKind)
        _ = try connection.check(in: context)
        // Checked now so that a malformed URL or property fails validation, not the run.
        _ = try endpoint(context, acquire: false)
    }

    func endpoint(_ context: any TaskContext, acquire: Bool = true) throws -> PostgresEndpoint {
        let manager = try context.connection(named: connection.name)
        let text = try acquire ? connection.acquire(in: context) : manager.connectionString
        return try PostgresEndpoint(connection: manager.name, connectionString: text, properties: manager.properties)
    }
}

/// A PostgreSQL Source: the query's rows in batches of `defaultBufferMaxRows`.
final class PostgresSource: FlowComponent {
    let inputCount = 0
    let outputs: [OutputDescription]
    private let session: PostgresSession
    private let cursor: PostgresQueryCursor

    init(name: String, session: PostgresSession, cursor: PostgresQueryCursor) {
        self.session = session
        self.cursor = cursor
        outputs = [OutputDescription("\(name) Output")]
    }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        do {
            guard let batch = try cursor.next(maxRows: emitter.maxRows) else {
                session.close()
                return false
            }
            try emitter.emit(batch, to: 0)
            return true
        } catch {
            session.close()
            throw error
        }
    }
}

/// A PostgreSQL Destination: each batch's columns it uses, by name, through one COPY, committed
/// at the end of its input.
final class PostgresDestination: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private let load: PostgresCopyLoad
    private let columns: [String]
    private let component: String

    init(load: PostgresCopyLoad, columns: [String], component: String) {
        self.load = load
        self.columns = columns
        self.component = component
    }

    /// A flow that fails elsewhere never calls endOfInput: the COPY is abandoned, nothing committed.
    deinit { load.abandon() }

    /// Ends the COPY without committing (the Data Flow task calls it when the flow failed).
    func abandon() { load.abandon() }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        var selected: [Column] = []
        selected.reserveCapacity(columns.count)
        for name in columns {
            guard let column = batch[name] else {
                load.abandon()
                throw SluiceError(.dataFlowColumnNotFound, ["component": component, "column": name])
            }
            selected.append(column)
        }
        try load.write(selected)
    }

    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try load.finish()
    }
}

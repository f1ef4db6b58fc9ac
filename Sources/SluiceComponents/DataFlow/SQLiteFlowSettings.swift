import CSQLite
import SluiceCore
import SluiceExpressions

/// The `connection` of a SQLite component: a `sluice.sqlite` connection manager, or a plugin's
/// that follows it (checked as Execute SQL checks it: SLUICE_E_CONNECTION_KIND_WRONG otherwise).
struct SQLitePlace: Sendable {
    let connection: StockConnection
    /// The database path to look at during validation; nil for a plugin's connection.
    let pathAtValidation: String?

    init(_ site: ComponentSite, _ context: any TaskContext) throws {
        connection = StockConnection(property: "connection", name: try site.string("connection"), kind: SQLiteFlowBinding.connectionKind)
        let checked = try connection.check(in: context)
        pathAtValidation = checked.isPlugin ? nil : try Self.checked(checked.manager.connectionString, connection.name)
    }

    /// The database path, the connection acquired (a plugin's `acquire` may create the database).
    func pathAtRun(_ context: any TaskContext) throws -> String {
        try Self.checked(try connection.acquire(in: context), connection.name)
    }

    private static func checked(_ path: String, _ name: String) throws -> String {
        guard path.isEmpty else { return path }
        let reason = "connection manager \"\(name)\" has no database path; use a file path or :memory:"
        throw SluiceError(.sqlOpenFailed, ["path": "", "reason": reason])
    }
}

/// A source's `parameters`, bound in order to `?1…?n`: each a variable name (as Execute SQL's
/// parameters are) or `{"expression": "…"}`, compiled at validation and evaluated once when the
/// flow starts.
struct SQLiteParameters: Sendable {
    enum Item: Sendable {
        case variable(String)
        case expression(String)
    }

    let items: [Item]
    var count: Int { items.count }

    init(_ site: ComponentSite, _ context: any TaskContext) throws {
        guard let value = site.model.properties["parameters"] else {
            items = []
            return
        }
        guard let array = value.arrayValue else { throw site.invalid("parameters", "must be an array of variable names and {\"expression\": …} objects") }
        let environment = ContextEnvironment(context: context)
        items = try array.enumerated().map { i, element in
            let label = "parameters[\(i)]"
            if let name = element.stringValue, !name.isEmpty {
                do { _ = try context.variable(name) } catch { throw site.invalid(label, (error as? SluiceError)?.description ?? "\(error)") }
                return .variable(name)
            }
            guard case .object(let object) = element, let text = object["expression"]?.stringValue, !text.isEmpty else {
                throw site.invalid(label, "must be a variable name or {\"expression\": \"…\"}")
            }
            do { _ = try CompiledExpression(text, environment: environment) } catch {
                throw site.invalid(label, (error as? SluiceError)?.description ?? "\(error)")
            }
            return .expression(text)
        }
    }

    /// Binds every parameter, read now.
    func bind(to statement: SQLiteStatement, in environment: any ExpressionEnvironment) throws {
        for (i, item) in items.enumerated() {
            switch item {
            case .variable(let name):
                guard let binding = environment.variable(name) else { throw SluiceError(.variableNotFound, ["name": name, "container": "the data flow"]) }
                try statement.bind(try binding.read(), at: i + 1, variable: name)
            case .expression(let text):
                try statement.bind(try CompiledExpression(text, environment: environment).evaluate(), at: i + 1, variable: text)
            }
        }
    }
}

extension FlowColumn {
    /// A column a component found itself (no lineage id in the model: `lineageID` is negative).
    init(name: String, lineageID: Int, type: DataType, scale: Int) {
        self.name = name
        self.lineageID = lineageID
        self.type = type
        self.scale = scale
    }
}

import SluiceCore

/// A path given directly by a property, by naming a variable that holds it, or by naming a
/// `sluice.file` connection manager (built-in, or a plugin's that follows sluice.file), as
/// SSIS's File System task takes its source and destination.
enum PathSetting: Sendable {
    case literal(String)
    case variable(String)
    case connection(StockConnection)

    /// The stock kind a path connection must follow.
    static let connectionKind = "sluice.file"

    /// Reads the properties `pathProperty`, `pathProperty + "Variable"` and
    /// `pathProperty + "Connection"`, of which at most one may be set.
    /// - Returns: nil when none is set.
    /// - Throws: `SLUICE_E_PACKAGE_FIELD_INVALID` when several are.
    init?(_ properties: ResolvedProperties, path pathProperty: String) throws {
        let variableProperty = pathProperty + "Variable", connectionProperty = pathProperty + "Connection"
        let given = [pathProperty, variableProperty, connectionProperty].compactMap { name in
            properties.nonEmptyString(name).map { (name, $0) }
        }
        guard let (name, value) = given.first else { return nil }
        guard given.count == 1 else {
            let names = given.map(\.0).joined(separator: " and ")
            throw properties.invalid(given[1].0, "give one of \(pathProperty), \(variableProperty) or \(connectionProperty), not \(names)")
        }
        switch name {
        case pathProperty: self = .literal(value)
        case variableProperty: self = .variable(value)
        default: self = .connection(StockConnection(property: name, name: value, kind: Self.connectionKind))
        }
    }

    /// At validation: the variable exists, or the connection manager follows sluice.file.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`, `SLUICE_E_CONNECTION_NOT_FOUND`, `SLUICE_E_CONNECTION_KIND_WRONG`.
    func check(in context: any TaskContext) throws {
        switch self {
        case .literal: return
        case .variable(let name): _ = try context.variable(name)
        case .connection(let connection): _ = try connection.check(in: context)
        }
    }

    /// The path: read from the variable, or from the connection once acquired.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`; `SLUICE_E_TYPE_MISMATCH` when the variable holds
    ///   no text or empty text; the connection's errors and an empty connection string as
    ///   `SLUICE_E_TYPE_MISMATCH` too.
    func resolve(in context: any TaskContext) throws -> String {
        switch self {
        case .literal(let path):
            return path
        case .variable(let name):
            let value = try context.variable(name).value
            guard case .string(let path) = value, !path.isEmpty else {
                let shown = value.kind == .string ? "\"\(value)\"" : value.description
                let reason = "variable \"\(name)\" must hold a path"
                throw SluiceError(.typeMismatch, ["value": shown, "type": "a path", "reason": reason])
            }
            return path
        case .connection(let connection):
            let path = try connection.acquire(in: context)
            guard !path.isEmpty else {
                let reason = "connection manager \"\(connection.name)\" must hold a path"
                throw SluiceError(.typeMismatch, ["value": "\"\"", "type": "a path", "reason": reason])
            }
            return path
        }
    }
}

import SluiceCore

/// A path given directly by a property, or by naming a variable that holds it.
enum PathSetting: Equatable {
    case literal(String)
    case variable(String)

    /// Reads the pair `pathProperty` / `variableProperty`, of which at most one may be set.
    /// - Returns: nil when neither is set.
    /// - Throws: `SLUICE_E_PACKAGE_FIELD_INVALID` when both are.
    init?(_ properties: ResolvedProperties, path pathProperty: String, variable variableProperty: String) throws {
        switch (properties.nonEmptyString(pathProperty), properties.nonEmptyString(variableProperty)) {
        case (nil, nil): return nil
        case (let path?, nil): self = .literal(path)
        case (nil, let name?): self = .variable(name)
        case (_?, _?):
            throw properties.invalid(variableProperty, "give either \(pathProperty) or \(variableProperty), not both")
        }
    }

    /// The path, read from the variable when there is one.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`; `SLUICE_E_TYPE_MISMATCH` when the variable holds
    ///   no text or empty text.
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
        }
    }

    /// The variable to check during validation, if any.
    var variableName: String? { if case .variable(let name) = self { name } else { nil } }
}

import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// An environment's variables (SSISDB environment_variables). Sensitive values are write-only:
// every answer says `sensitive` and `valueSet` and leaves `value` out.
extension CatalogAPIHandler {
    func listEnvironmentVariables(_ input: Operations.ListEnvironmentVariables.Input) async throws -> Operations.ListEnvironmentVariables.Output {
        let variables = try await store.environmentVariables(inEnvironment: input.path.environmentName, inFolder: input.path.folderName)
        let page = try Page(variables, key: { Self.nameKey($0.name) }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: try page.items.map(Self.variableBody), next: page.next))))
    }

    /// Creates (201) or replaces (200) the variable whole.
    func setEnvironmentVariable(_ input: Operations.SetEnvironmentVariable.Input) async throws -> Operations.SetEnvironmentVariable.Output {
        let caller = try caller("setEnvironmentVariable")
        let path = input.path
        guard case .json(let request) = input.body else { throw malformed("setEnvironmentVariable", "the body is not JSON") }
        let definition = CatalogVariableDefinition(
            type: try Self.storeType(request._type), value: request.value, sensitive: request.sensitive ?? false,
            description: request.description ?? "")
        let (variable, created) = try await store.setEnvironmentVariable(
            path.variableName, definition, inEnvironment: path.environmentName, inFolder: path.folderName, by: caller.user)
        let body = try Self.variableBody(variable)
        if created { return .created(.init(body: .json(body))) }
        return .ok(.init(body: .json(body)))
    }

    /// Making a sensitive variable plain needs `value` in the same request (the store refuses
    /// it otherwise, 422), so a protected value never becomes readable.
    func updateEnvironmentVariable(_ input: Operations.UpdateEnvironmentVariable.Input) async throws -> Operations.UpdateEnvironmentVariable.Output {
        let caller = try caller("updateEnvironmentVariable")
        let path = input.path
        guard case .json(let request) = input.body else { throw malformed("updateEnvironmentVariable", "the body is not JSON") }
        let update = CatalogVariableUpdate(sensitive: request.sensitive, value: request.value, description: request.description)
        let changed = try await store.updateEnvironmentVariable(
            path.variableName, update, inEnvironment: path.environmentName, inFolder: path.folderName, by: caller.user)
        return .ok(.init(body: .json(try Self.variableBody(changed))))
    }

    func deleteEnvironmentVariable(_ input: Operations.DeleteEnvironmentVariable.Input) async throws -> Operations.DeleteEnvironmentVariable.Output {
        let caller = try caller("deleteEnvironmentVariable")
        let path = input.path
        try await store.deleteEnvironmentVariable(path.variableName, inEnvironment: path.environmentName, inFolder: path.folderName, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    static func storeType(_ type: Components.Schemas.DataType) throws -> DataType {
        guard let stored = DataType(rawValue: type.rawValue) else {
            throw SluiceError(.catalogServerRequestMalformed, ["operation": "setEnvironmentVariable", "reason": "unknown data type \(type.rawValue)"])
        }
        return stored
    }

    static func variableBody(_ variable: CatalogEnvironmentVariable) throws -> Components.Schemas.EnvironmentVariable {
        // The store refuses DT_OBJECT variables, so a stored one is a damaged row.
        guard let type = Components.Schemas.DataType(rawValue: variable.type.rawValue) else {
            throw SluiceError(.catalogStoreFailed, [
                "store": "catalog", "action": "read variable \(variable.name)", "reason": "it has the type \(variable.type.rawValue)",
            ])
        }
        return .init(
            name: variable.name, _type: type, sensitive: variable.sensitive, valueSet: variable.valueSet,
            value: variable.sensitive ? nil : variable.value, description: variable.description.isEmpty ? nil : variable.description)
    }
}

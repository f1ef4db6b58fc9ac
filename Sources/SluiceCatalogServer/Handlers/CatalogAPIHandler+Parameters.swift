import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// Server values of project and package parameters (SSISDB object_parameters). The route table
// has checked READ or MODIFY on the project or package before these run.
extension CatalogAPIHandler {
    func listParameters(_ input: Operations.ListParameters.Input) async throws -> Operations.ListParameters.Output {
        let all = try await store.parameters(ofProject: input.path.projectName, inFolder: input.path.folderName)
        // DT_OBJECT parameters take no server value and the document's DataType has no name for them.
        let listed = all.compactMap { parameter in Self.parameterBody(parameter).map { (parameter, $0) } }
        let page = try Page(listed, key: { Self.parameterKey($0.0) }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(\.1), next: page.next))))
    }

    func setProjectParameterValue(_ input: Operations.SetProjectParameterValue.Input) async throws -> Operations.SetProjectParameterValue.Output {
        let caller = try caller("setProjectParameterValue")
        let path = input.path
        guard case .json(let request) = input.body else { throw malformed("setProjectParameterValue", "the body is not JSON") }
        let parameter = try await store.setParameterValue(
            try Self.parameterValue(request, parameter: path.parameterName), parameter: path.parameterName, package: nil,
            project: path.projectName, inFolder: path.folderName, by: caller.user)
        return .ok(.init(body: .json(try Self.requiredParameterBody(parameter))))
    }

    func clearProjectParameterValue(_ input: Operations.ClearProjectParameterValue.Input) async throws -> Operations.ClearProjectParameterValue.Output {
        let caller = try caller("clearProjectParameterValue")
        let path = input.path
        try await store.clearParameterValue(
            parameter: path.parameterName, package: nil, project: path.projectName, inFolder: path.folderName, by: caller.user)
        return .noContent(.init())
    }

    func setPackageParameterValue(_ input: Operations.SetPackageParameterValue.Input) async throws -> Operations.SetPackageParameterValue.Output {
        let caller = try caller("setPackageParameterValue")
        let path = input.path
        guard case .json(let request) = input.body else { throw malformed("setPackageParameterValue", "the body is not JSON") }
        let parameter = try await store.setParameterValue(
            try Self.parameterValue(request, parameter: path.parameterName), parameter: path.parameterName, package: path.packageName,
            project: path.projectName, inFolder: path.folderName, by: caller.user)
        return .ok(.init(body: .json(try Self.requiredParameterBody(parameter))))
    }

    func clearPackageParameterValue(_ input: Operations.ClearPackageParameterValue.Input) async throws -> Operations.ClearPackageParameterValue.Output {
        let caller = try caller("clearPackageParameterValue")
        let path = input.path
        try await store.clearParameterValue(
            parameter: path.parameterName, package: path.packageName, project: path.projectName, inFolder: path.folderName, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    func malformed(_ operation: String, _ reason: String) -> SluiceError {
        SluiceError(.catalogServerRequestMalformed, ["operation": operation, "reason": reason])
    }

    /// `literal` with `value` only, `referenced` with `variable` only (the document's rule); the
    /// refusal never quotes the value, which may be a secret.
    static func parameterValue(_ request: Components.Schemas.ParameterValueRequest, parameter: String) throws -> CatalogParameterValue {
        let refuse = { (reason: String) in
            SluiceError(.catalogServerParameterValueRequestInvalid, ["parameter": CatalogName.escaped(parameter), "reason": reason])
        }
        switch request.kind {
        case .literal:
            guard request.variable == nil else { throw refuse("a literal value names a variable") }
            guard let value = request.value else { throw refuse("a literal value gives no value") }
            return .literal(value)
        case .referenced:
            guard request.value == nil else { throw refuse("a referenced value gives a value") }
            guard let variable = request.variable else { throw refuse("a referenced value names no variable") }
            return .referenced(variable: variable)
        }
    }

    /// Stable across pages: the project's parameters first, then each package's, by name.
    static func parameterKey(_ parameter: CatalogParameter) -> String {
        let owner = parameter.scope == .project ? "0" : "1\u{0}" + (parameter.package ?? "").lowercased()
        return owner + "\u{0}" + parameter.name.lowercased()
    }

    static func requiredParameterBody(_ parameter: CatalogParameter) throws -> Components.Schemas.Parameter {
        guard let body = parameterBody(parameter) else {
            throw SluiceError(.catalogValueInvalid, [
                "kind": "parameter", "name": parameter.name, "type": parameter.type.rawValue, "reason": "it cannot be set on the server",
            ])
        }
        return body
    }

    /// The parameter as the document shows it: a sensitive one's value is never given, whatever
    /// the store returned. Nil for a type the document cannot name (DT_OBJECT).
    static func parameterBody(_ parameter: CatalogParameter) -> Components.Schemas.Parameter? {
        guard let type = Components.Schemas.DataType(rawValue: parameter.type.rawValue) else { return nil }
        var body = Components.Schemas.Parameter(
            scope: parameter.scope == .project ? .project : .package, package: parameter.package, name: parameter.name, _type: type,
            required: parameter.required, sensitive: parameter.sensitive,
            description: parameter.description.isEmpty ? nil : parameter.description,
            designValue: parameter.sensitive ? nil : parameter.designValue, valueSet: parameter.valueSet)
        switch parameter.serverValue {
        case .literal(let value)?:
            body.valueKind = .literal
            body.value = parameter.sensitive ? nil : value
        case .referenced(let variable)?:
            body.valueKind = .referenced
            body.variable = variable
        case nil:
            break
        }
        return body
    }
}

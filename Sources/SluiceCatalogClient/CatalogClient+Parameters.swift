import SluiceCatalogAPI

/// Server values of project and package parameters (SSISDB `set_object_parameter_value`,
/// `clear_object_parameter_value`). A sensitive parameter's value is write-only: answers say
/// `sensitive` and `valueSet` and leave `value` out.
///
/// ```swift
/// try await client.setParameterValue(folder: "Finance", project: "Warehouse", parameter: "Region", to: .literal("emea"))
/// try await client.setParameterValue(
///     folder: "Finance", project: "Warehouse", package: "Load", parameter: "DbPassword", to: .referenced(variable: "DbPassword"))
/// ```
extension CatalogClient {
    public typealias Parameter = Components.Schemas.Parameter

    /// A server value: a literal the server converts to the parameter's type, or the name of
    /// an environment variable resolved at run time through the project's references.
    public enum ParameterValue: Sendable, Hashable {
        case literal(String)
        case referenced(variable: String)
    }

    /// Every parameter of the project and of its packages, with their server values.
    public func allParameters(folder: String, project: String, pageSize: Int? = nil) async throws -> [Parameter] {
        try await collectAll("listParameters") { after in
            let page = try await call("listParameters") {
                try await client.listParameters(
                    path: .init(folderName: folder, projectName: project), query: .init(limit: pageSize, after: after)
                ).ok.body.json
            }
            return (page.items, page.next)
        }
    }

    /// Sets the server value of the project's parameter (`package` nil) or of a package's.
    @discardableResult
    public func setParameterValue(
        folder: String, project: String, package: String? = nil, parameter: String, to value: ParameterValue
    ) async throws -> Parameter {
        let request: Components.Schemas.ParameterValueRequest =
            switch value {
            case .literal(let text): .init(kind: .literal, value: text)
            case .referenced(let variable): .init(kind: .referenced, variable: variable)
            }
        guard let package else {
            return try await call("setProjectParameterValue") {
                try await client.setProjectParameterValue(
                    path: .init(folderName: folder, projectName: project, parameterName: parameter), body: .json(request)
                ).ok.body.json
            }
        }
        return try await call("setPackageParameterValue") {
            try await client.setPackageParameterValue(
                path: .init(folderName: folder, projectName: project, packageName: package, parameterName: parameter), body: .json(request)
            ).ok.body.json
        }
    }

    /// Clears the server value; the design value applies again (clearing an unset one is no error).
    public func clearParameterValue(folder: String, project: String, package: String? = nil, parameter: String) async throws {
        guard let package else {
            _ = try await call("clearProjectParameterValue") {
                try await client.clearProjectParameterValue(
                    path: .init(folderName: folder, projectName: project, parameterName: parameter)
                ).noContent
            }
            return
        }
        _ = try await call("clearPackageParameterValue") {
            try await client.clearPackageParameterValue(
                path: .init(folderName: folder, projectName: project, packageName: package, parameterName: parameter)
            ).noContent
        }
    }
}

import SluiceCatalogAPI

/// Environments of a folder and their variables (sensitive values are write-only: answers
/// say `valueSet` and leave `value` out).
extension CatalogClient {
    public typealias Environment = Components.Schemas.Environment
    public typealias EnvironmentVariable = Components.Schemas.EnvironmentVariable

    public func createEnvironment(folder: String, name: String, description: String? = nil) async throws -> Environment {
        try await call("createEnvironment") {
            try await client.createEnvironment(path: .init(folderName: folder), body: .json(.init(name: name, description: description)))
                .created.body.json
        }
    }

    public func renameEnvironment(folder: String, name: String, to newName: String) async throws -> Environment {
        try await call("renameEnvironment") {
            try await client.renameEnvironment(path: .init(folderName: folder, environmentName: name), body: .json(.init(name: newName)))
                .ok.body.json
        }
    }

    public func describeEnvironment(folder: String, name: String) async throws -> Environment {
        try await call("getEnvironment") {
            try await client.getEnvironment(path: .init(folderName: folder, environmentName: name)).ok.body.json
        }
    }

    /// Sets the description; an empty one clears it.
    public func updateEnvironment(folder: String, name: String, description: String) async throws -> Environment {
        try await call("updateEnvironment") {
            try await client.updateEnvironment(
                path: .init(folderName: folder, environmentName: name), body: .json(.init(description: description))
            ).ok.body.json
        }
    }

    public func deleteEnvironment(folder: String, name: String) async throws {
        _ = try await call("deleteEnvironment") {
            try await client.deleteEnvironment(path: .init(folderName: folder, environmentName: name)).noContent
        }
    }

    public func allEnvironments(folder: String) async throws -> [Environment] {
        try await collectAll("listEnvironments") { after in
            let page = try await call("listEnvironments") {
                try await client.listEnvironments(path: .init(folderName: folder), query: .init(after: after)).ok.body.json
            }
            return (page.items, page.next)
        }
    }

    /// Creates or replaces a variable (the answer is 201 for a new one, 200 for a replaced one);
    /// `value` is text the server converts to `type`.
    public func setVariable(
        folder: String, environment: String, name: String, value: String, type: Components.Schemas.DataType = .dtWstr,
        sensitive: Bool? = nil, description: String? = nil
    ) async throws -> EnvironmentVariable {
        try await call("setEnvironmentVariable") {
            let output = try await client.setEnvironmentVariable(
                path: .init(folderName: folder, environmentName: environment, variableName: name),
                body: .json(.init(_type: type, sensitive: sensitive, value: value, description: description)))
            if case .created(let created) = output { return try created.body.json }
            return try output.ok.body.json
        }
    }

    /// Changes only the fields given; making a sensitive variable plain needs `value` too.
    public func updateVariable(
        folder: String, environment: String, name: String, value: String? = nil, sensitive: Bool? = nil, description: String? = nil
    ) async throws -> EnvironmentVariable {
        try await call("updateEnvironmentVariable") {
            try await client.updateEnvironmentVariable(
                path: .init(folderName: folder, environmentName: environment, variableName: name),
                body: .json(.init(sensitive: sensitive, value: value, description: description))
            ).ok.body.json
        }
    }

    public func deleteVariable(folder: String, environment: String, name: String) async throws {
        _ = try await call("deleteEnvironmentVariable") {
            try await client.deleteEnvironmentVariable(path: .init(folderName: folder, environmentName: environment, variableName: name))
                .noContent
        }
    }

    public func allVariables(folder: String, environment: String) async throws -> [EnvironmentVariable] {
        try await collectAll("listEnvironmentVariables") { after in
            let page = try await call("listEnvironmentVariables") {
                try await client.listEnvironmentVariables(
                    path: .init(folderName: folder, environmentName: environment), query: .init(after: after)
                ).ok.body.json
            }
            return (page.items, page.next)
        }
    }
}

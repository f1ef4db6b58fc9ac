import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    @discardableResult
    public func setEnvironmentVariable(
        _ name: String, _ definition: CatalogVariableDefinition, inEnvironment environment: String, inFolder folder: String, by caller: String
    ) async throws -> (variable: CatalogEnvironmentVariable, created: Bool) {
        let secrets = secrets
        return try await change(.setEnvironmentVariable, .environment, folder + "/" + environment, by: caller) { tx in
            let owner = try await Self.environmentRow(tx, folder, environment)
            let name = try CatalogValueCheck.name(name, kind: "variable")
            try CatalogValueCheck.value(definition.value, as: definition.type, sensitive: definition.sensitive, kind: "variable", name: name)
            let description = try CatalogDescription.check(definition.description, kind: .environment, name: name)
            let key = CatalogName.key(name)
            let existed = try await tx.first("SELECT 1 FROM environment_variable WHERE environment_id = \(owner.id) AND name_key = \(key)") != nil
            let (plain, sealed) = try Self.storedValue(definition.value, sensitive: definition.sensitive, secrets, owner, key)
            try await tx.execute(
                """
                INSERT INTO environment_variable (environment_id, name, name_key, type, sensitive, value, sealed, description)
                VALUES (\(owner.id), \(name), \(key), \(definition.type.rawValue), \(definition.sensitive), \(plain), \(sealed), \(description))
                ON CONFLICT (environment_id, name_key) DO UPDATE SET name = excluded.name, type = excluded.type,
                    sensitive = excluded.sensitive, value = excluded.value, sealed = excluded.sealed, description = excluded.description
                """)
            let variable = CatalogEnvironmentVariable(
                name: name, type: definition.type, sensitive: definition.sensitive, value: plain, description: description)
            return ((variable, !existed), "variable \(name) \(existed ? "replaced" : "created")")
        }
    }

    @discardableResult
    public func updateEnvironmentVariable(
        _ name: String, _ update: CatalogVariableUpdate, inEnvironment environment: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogEnvironmentVariable {
        let secrets = secrets
        return try await change(.updateEnvironmentVariable, .environment, folder + "/" + environment, by: caller) { tx in
            let owner = try await Self.environmentRow(tx, folder, environment)
            let (id, current, sealed) = try await Self.variableRow(tx, owner, name)
            let key = CatalogName.key(current.name)
            var changed = current
            changed.sensitive = update.sensitive ?? current.sensitive
            if let description = update.description {
                changed.description = try CatalogDescription.check(description, kind: .environment, name: current.name)
            }
            var newPlain = current.value
            var newSealed = sealed
            if let value = update.value {
                try CatalogValueCheck.value(value, as: current.type, sensitive: changed.sensitive, kind: "variable", name: current.name)
                (newPlain, newSealed) = try Self.storedValue(value, sensitive: changed.sensitive, secrets, owner, key)
            } else if current.sensitive && !changed.sensitive {
                // A protected value is never turned into a readable one.
                throw SluiceError(.catalogVariableUnprotectNeedsValue, ["variable": current.name, "environment": owner.environment.name])
            } else if !current.sensitive && changed.sensitive {
                (newPlain, newSealed) = try Self.storedValue(current.value ?? "", sensitive: true, secrets, owner, key)
            }
            changed.value = changed.sensitive ? nil : newPlain
            try await tx.execute(
                """
                UPDATE environment_variable SET sensitive = \(changed.sensitive), value = \(newPlain), sealed = \(newSealed),
                    description = \(changed.description) WHERE id = \(id)
                """)
            let fields = [update.value.map { _ in "value" }, update.sensitive.map { _ in "sensitivity" }, update.description.map { _ in "description" }]
            return (changed, "variable \(current.name): \(fields.compactMap { $0 }.joined(separator: ", ")) changed")
        }
    }

    public func deleteEnvironmentVariable(_ name: String, inEnvironment environment: String, inFolder folder: String, by caller: String)
        async throws
    {
        try await change(.deleteEnvironmentVariable, .environment, folder + "/" + environment, by: caller) { tx in
            let owner = try await Self.environmentRow(tx, folder, environment)
            let (id, variable, _) = try await Self.variableRow(tx, owner, name)
            try await tx.execute("DELETE FROM environment_variable WHERE id = \(id)")
            return ((), "variable \(variable.name) deleted")
        }
    }

    public func environmentVariables(inEnvironment environment: String, inFolder folder: String) async throws -> [CatalogEnvironmentVariable] {
        try await read("list environment variables") { tx in
            let owner = try await Self.environmentRow(tx, folder, environment)
            return try await Self.variables(tx, "environment_id = $1", [owner.id]).map(\.variable)
        }
    }

    /// For the executor only: opens a sealed value. Never return its result to a client.
    public func resolvedVariableValue(_ name: String, inEnvironment environment: String, inFolder folder: String) async throws -> String {
        let secrets = secrets
        return try await read("resolve a variable value") { tx in
            let owner = try await Self.environmentRow(tx, folder, environment)
            let (_, variable, sealed) = try await Self.variableRow(tx, owner, name)
            guard let sealed else { return variable.value ?? "" }
            return try secrets.open(sealed, row: CatalogSecretBox.variableRow(environment: owner.environment.id, variableKey: CatalogName.key(variable.name)))
        }
    }

    // MARK: - Rows

    /// The value as stored: in clear, or sealed and bound to the variable's row.
    static func storedValue(
        _ text: String, sensitive: Bool, _ secrets: CatalogSecretBox, _ owner: EnvironmentRow, _ key: String
    ) throws -> (String?, Data?) {
        guard sensitive else { return (text, nil) }
        return (nil, try secrets.seal(text, row: CatalogSecretBox.variableRow(environment: owner.environment.id, variableKey: key)))
    }

    /// - Throws: `SLUICE_E_CATALOG_PARAMETER_NAME_INVALID`, `SLUICE_E_CATALOG_VARIABLE_NOT_FOUND`.
    static func variableRow(
        _ tx: PostgresCatalogTransaction, _ owner: EnvironmentRow, _ name: String
    ) async throws -> (Int64, CatalogEnvironmentVariable, Data?) {
        let name = try CatalogValueCheck.name(name, kind: "variable")
        guard let found = try await variables(tx, "environment_id = $1 AND name_key = $2", [owner.id, CatalogName.key(name)]).first else {
            throw SluiceError(.catalogVariableNotFound, [
                "variable": name, "environment": owner.environment.name, "folder": owner.environment.folder,
            ])
        }
        return (found.id, found.variable, found.sealed)
    }

    static func variables(
        _ tx: PostgresCatalogTransaction, _ condition: String, _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [(id: Int64, variable: CatalogEnvironmentVariable, sealed: Data?)] {
        try await tx.rows(
            PostgresQuery(unsafeSQL: "SELECT * FROM environment_variable WHERE \(condition) ORDER BY name_key", binds: bindings(values))
        ).map { row in
            let sensitive: Bool = try row("sensitive")
            let variable = CatalogEnvironmentVariable(
                name: try row("name"), type: try CatalogValueCheck.type(try row("type")), sensitive: sensitive,
                value: sensitive ? nil : try row("value", String?.self), description: try row("description"))
            return (try row("id"), variable, try row("sealed", Data?.self))
        }
    }
}

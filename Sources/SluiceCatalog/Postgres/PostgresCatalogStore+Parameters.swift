import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func parameters(ofProject project: String, inFolder folder: String) async throws -> [CatalogParameter] {
        try await read("list parameters") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            return try await Self.parameterRows(tx, row, packageKey: nil, name: nil)
        }
    }

    @discardableResult
    public func setParameterValue(
        _ value: CatalogParameterValue, parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter {
        let secrets = secrets
        let (type, object) = SQLiteCatalogStore.parameterObject(folder, project, package)
        return try await change(.setParameterValue, type, object, by: caller) { tx in
            let target = try await Self.parameterTarget(tx, parameter, package, project, folder)
            let definition = target.parameter
            var plain: String?
            var sealed: Data?
            var variable: String?
            switch value {
            case .literal(let text):
                try CatalogValueCheck.value(text, as: definition.type, sensitive: definition.sensitive, kind: "parameter", name: definition.name)
                if definition.sensitive {
                    let identity = CatalogSecretBox.parameterRow(project: target.projectID, packageKey: target.packageKey, parameter: definition.name)
                    sealed = try secrets.seal(text, row: identity)
                } else {
                    plain = text
                }
            case .referenced(let name):
                variable = try CatalogValueCheck.name(name, kind: "variable")
            }
            try await tx.execute(
                """
                INSERT INTO parameter_value (project_id, package_key, name, type, sensitive, kind, value, sealed, variable)
                VALUES (\(target.projectID), \(target.packageKey), \(definition.name), \(definition.type.rawValue), \(definition.sensitive),
                    \(variable == nil ? "literal" : "referenced"), \(plain), \(sealed), \(variable))
                ON CONFLICT (project_id, package_key, name) DO UPDATE SET type = excluded.type, sensitive = excluded.sensitive,
                    kind = excluded.kind, value = excluded.value, sealed = excluded.sealed, variable = excluded.variable
                """)
            let updated = try await Self.parameterTarget(tx, parameter, package, project, folder).parameter
            let detail = variable.map { "parameter \(definition.name) references variable \($0)" } ?? "parameter \(definition.name) set to a literal value"
            return (updated, detail)
        }
    }

    @discardableResult
    public func clearParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter {
        let (type, object) = SQLiteCatalogStore.parameterObject(folder, project, package)
        return try await change(.clearParameterValue, type, object, by: caller) { tx in
            let target = try await Self.parameterTarget(tx, parameter, package, project, folder)
            let deleted = try await tx.rows(
                """
                DELETE FROM parameter_value WHERE project_id = \(target.projectID) AND package_key = \(target.packageKey)
                    AND name = \(target.parameter.name) RETURNING id
                """)
            let cleared = deleted.isEmpty ? "had no server value" : "cleared"
            return (try await Self.parameterTarget(tx, parameter, package, project, folder).parameter, "parameter \(target.parameter.name) \(cleared)")
        }
    }

    /// For the executor only: opens a sealed value. Never return its result to a client.
    public func resolvedParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String
    ) async throws -> CatalogParameterValue? {
        let secrets = secrets
        return try await read("resolve a parameter value") { tx in
            let target = try await Self.parameterTarget(tx, parameter, package, project, folder)
            // A value kept for another type or sensitivity (left by a restore) is not this parameter's.
            guard let row = try await tx.first(
                """
                SELECT kind, value, sealed, variable FROM parameter_value
                WHERE project_id = \(target.projectID) AND package_key = \(target.packageKey) AND name = \(target.parameter.name)
                    AND type = \(target.parameter.type.rawValue) AND sensitive = \(target.parameter.sensitive)
                """)
            else { return nil }
            if let variable = try row("variable", String?.self) { return .referenced(variable: variable) }
            if let sealed = try row("sealed", Data?.self) {
                let identity = CatalogSecretBox.parameterRow(project: target.projectID, packageKey: target.packageKey, parameter: target.parameter.name)
                return .literal(try secrets.open(sealed, row: identity))
            }
            return .literal(try row("value", String?.self) ?? "")
        }
    }

    // MARK: - Rows

    struct ParameterTarget: Sendable {
        var projectID: Int64
        var packageKey: String
        var parameter: CatalogParameter
    }

    /// The parameter `name` of the project (`package` nil) or of its package, in the current version.
    /// - Throws: the project's look-up errors, `SLUICE_E_CATALOG_PACKAGE_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_PARAMETER_NOT_FOUND`, `SLUICE_E_CATALOG_PARAMETER_NAME_INVALID`.
    static func parameterTarget(
        _ tx: PostgresCatalogTransaction, _ name: String, _ package: String?, _ project: String, _ folder: String
    ) async throws -> ParameterTarget {
        let row = try await projectRow(tx, folder, project)
        var packageKey = ""
        var owner = "Project \"\(row.name)\""
        if let package {
            let packageName = try CatalogName(package, kind: .package)
            guard let stored = try await tx.value(
                "SELECT name FROM package WHERE version_id = \(row.currentVersion) AND name_key = \(packageName.key)", as: String.self)
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": packageName.value])
            }
            packageKey = packageName.key
            owner = "Package \"\(stored)\" of project \"\(row.name)\""
        }
        let parameterName = try CatalogValueCheck.name(name, kind: "parameter")
        guard let found = try await parameterRows(tx, row, packageKey: packageKey, name: parameterName).first else {
            throw SluiceError(.catalogParameterNotFound, ["owner": owner, "folder": row.folder, "parameter": parameterName])
        }
        return ParameterTarget(projectID: row.id, packageKey: packageKey, parameter: found)
    }

    /// The current version's parameters with their server values (only the one `name` of the
    /// owner `packageKey` when given); a value kept for another type or sensitivity (left by a
    /// restore) is not shown as this parameter's.
    static func parameterRows(
        _ tx: PostgresCatalogTransaction, _ project: ProjectRow, packageKey: String?, name: String?
    ) async throws -> [CatalogParameter] {
        try await tx.rows(
            """
            SELECT d.package_name, d.package_key, d.name, d.type, d.required, d.sensitive, d.description, d.design_value,
                v.kind, v.value, v.variable
            FROM deployed_parameter d
            LEFT JOIN parameter_value v ON v.project_id = \(project.id) AND v.package_key = d.package_key AND v.name = d.name
                AND v.type = d.type AND v.sensitive = d.sensitive
            WHERE d.version_id = \(project.currentVersion)
                AND (\(packageKey)::text IS NULL OR d.package_key = \(packageKey)) AND (\(name)::text IS NULL OR d.name = \(name))
            ORDER BY d.position
            """
        ).map { row in
            let sensitive: Bool = try row("sensitive")
            var server: CatalogServerValue?
            switch try row("kind", String?.self) {
            case "literal": server = .literal(sensitive ? nil : try row("value", String?.self))
            case "referenced": server = .referenced(variable: try row("variable", String?.self) ?? "")
            default: server = nil
            }
            let packageName = try row("package_name", String?.self)
            return CatalogParameter(
                scope: packageName == nil ? .project : .package, package: packageName, name: try row("name"),
                type: try CatalogValueCheck.type(try row("type")), required: try row("required"), sensitive: sensitive,
                description: try row("description"), designValue: try row("design_value", String?.self), serverValue: server)
        }
    }
}

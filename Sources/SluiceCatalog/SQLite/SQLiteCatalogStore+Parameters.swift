import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    public func parameters(ofProject project: String, inFolder folder: String) async throws -> [CatalogParameter] {
        try await read("list parameters") { db in
            let row = try Self.projectRow(db, folder, project)
            return try Self.parameterRows(db, row, condition: "", []).map(\.parameter)
        }
    }

    @discardableResult
    public func setParameterValue(
        _ value: CatalogParameterValue, parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter {
        let secrets = secrets
        let (type, object) = Self.parameterObject(folder, project, package)
        return try await change(.setParameterValue, type, object, by: caller) { db in
            let target = try Self.parameterTarget(db, parameter, package, project, folder)
            let definition = target.parameter
            var plain: String?
            var sealed: Data?
            var variable: String?
            switch value {
            case .literal(let text):
                try CatalogValueCheck.value(text, as: definition.type, sensitive: definition.sensitive, kind: "parameter", name: definition.name)
                if definition.sensitive {
                    sealed = try secrets.seal(text, row: CatalogSecretBox.parameterRow(project: target.projectID, packageKey: target.packageKey, parameter: definition.name))
                } else {
                    plain = text
                }
            case .referenced(let name):
                variable = try CatalogValueCheck.name(name, kind: "variable")
            }
            try db.execute(
                sql: """
                    INSERT INTO parameter_value (project_id, package_key, name, type, sensitive, kind, value, sealed, variable)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (project_id, package_key, name) DO UPDATE SET type = excluded.type, sensitive = excluded.sensitive,
                        kind = excluded.kind, value = excluded.value, sealed = excluded.sealed, variable = excluded.variable
                    """,
                arguments: [
                    target.projectID, target.packageKey, definition.name, definition.type.rawValue, definition.sensitive,
                    variable == nil ? "literal" : "referenced", plain, sealed, variable,
                ])
            let updated = try Self.parameterTarget(db, parameter, package, project, folder).parameter
            let detail = variable.map { "parameter \(definition.name) references variable \($0)" } ?? "parameter \(definition.name) set to a literal value"
            return (updated, detail)
        }
    }

    @discardableResult
    public func clearParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter {
        let (type, object) = Self.parameterObject(folder, project, package)
        return try await change(.clearParameterValue, type, object, by: caller) { db in
            let target = try Self.parameterTarget(db, parameter, package, project, folder)
            try db.execute(
                sql: "DELETE FROM parameter_value WHERE project_id = ? AND package_key = ? AND name = ?",
                arguments: [target.projectID, target.packageKey, target.parameter.name])
            let cleared = db.changesCount > 0 ? "cleared" : "had no server value"
            return (try Self.parameterTarget(db, parameter, package, project, folder).parameter, "parameter \(target.parameter.name) \(cleared)")
        }
    }

    /// For the executor only: opens a sealed value. Never return its result to a client.
    public func resolvedParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String
    ) async throws -> CatalogParameterValue? {
        let secrets = secrets
        return try await read("resolve a parameter value") { db in
            let target = try Self.parameterTarget(db, parameter, package, project, folder)
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT kind, value, sealed, variable FROM parameter_value
                    WHERE project_id = ? AND package_key = ? AND name = ? AND type = ? AND sensitive = ?
                    """,
                // A value kept for another type or sensitivity (left by a restore) is not this parameter's.
                arguments: [target.projectID, target.packageKey, target.parameter.name, target.parameter.type.rawValue, target.parameter.sensitive])
            else { return nil }
            if let variable = row["variable"] as String? { return .referenced(variable: variable) }
            if let sealed = row["sealed"] as Data? {
                let identity = CatalogSecretBox.parameterRow(project: target.projectID, packageKey: target.packageKey, parameter: target.parameter.name)
                return .literal(try secrets.open(sealed, row: identity))
            }
            return .literal(row["value"] ?? "")
        }
    }

    // MARK: - Rows

    struct ParameterTarget {
        var projectID: Int64
        var packageKey: String
        var parameter: CatalogParameter
    }

    static func parameterObject(_ folder: String, _ project: String, _ package: String?) -> (CatalogOperation.ObjectType, String) {
        guard let package else { return (.project, folder + "/" + project) }
        return (.package, folder + "/" + project + "/" + package)
    }

    /// The parameter `name` of the project (`package` nil) or of its package, in the current version.
    /// - Throws: the project's look-up errors, `SLUICE_E_CATALOG_PACKAGE_NOT_FOUND`,
    ///   `SLUICE_E_CATALOG_PARAMETER_NOT_FOUND`, `SLUICE_E_CATALOG_PARAMETER_NAME_INVALID`.
    static func parameterTarget(_ db: Database, _ name: String, _ package: String?, _ project: String, _ folder: String) throws -> ParameterTarget {
        let row = try projectRow(db, folder, project)
        var packageKey = ""
        var owner = "Project \"\(row.name)\""
        if let package {
            let packageName = try CatalogName(package, kind: .package)
            guard let stored = try String.fetchOne(
                db, sql: "SELECT name FROM package WHERE version_id = ? AND name_key = ?", arguments: [row.currentVersion, packageName.key])
            else {
                throw SluiceError(.catalogPackageNotFound, ["folder": row.folder, "project": row.name, "package": packageName.value])
            }
            packageKey = packageName.key
            owner = "Package \"\(stored)\" of project \"\(row.name)\""
        }
        let parameterName = try CatalogValueCheck.name(name, kind: "parameter")
        guard let found = try parameterRows(db, row, condition: "AND d.package_key = ? AND d.name = ?", [packageKey, parameterName]).first else {
            throw SluiceError(.catalogParameterNotFound, ["owner": owner, "folder": row.folder, "parameter": parameterName])
        }
        return ParameterTarget(projectID: row.id, packageKey: packageKey, parameter: found.parameter)
    }

    /// The current version's parameters with their server values; a value kept for another
    /// type or sensitivity (left by a restore) is not shown as this parameter's.
    static func parameterRows(
        _ db: Database, _ project: ProjectRow, condition: String, _ arguments: StatementArguments
    ) throws -> [(parameter: CatalogParameter, packageKey: String)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT d.package_name, d.package_key, d.name, d.type, d.required, d.sensitive, d.description, d.design_value,
                    v.kind, v.value, v.variable
                FROM deployed_parameter d
                LEFT JOIN parameter_value v ON v.project_id = ? AND v.package_key = d.package_key AND v.name = d.name
                    AND v.type = d.type AND v.sensitive = d.sensitive
                WHERE d.version_id = ? \(condition) ORDER BY d.position
                """, arguments: [project.id, project.currentVersion] + arguments
        ).map { row in
            let sensitive: Bool = row["sensitive"]
            var server: CatalogServerValue?
            switch row["kind"] as String? {
            case "literal": server = .literal(sensitive ? nil : row["value"] as String?)
            case "referenced": server = .referenced(variable: row["variable"] ?? "")
            default: server = nil
            }
            let packageName: String? = row["package_name"]
            let parameter = CatalogParameter(
                scope: packageName == nil ? .project : .package, package: packageName, name: row["name"],
                type: try CatalogValueCheck.type(row["type"]), required: row["required"], sensitive: sensitive,
                description: row["description"], designValue: row["design_value"], serverValue: server)
            return (parameter, row["package_key"])
        }
    }
}

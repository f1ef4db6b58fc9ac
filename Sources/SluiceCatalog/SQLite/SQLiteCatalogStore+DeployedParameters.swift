import Foundation
import GRDB
import SluiceArchive
import SluiceCore

extension SQLiteCatalogStore {
    /// Writes the parameters of a deployed version: the project's, then each package's in the
    /// project's package order. Called inside the deploy's transaction.
    static func recordDeployedParameters(_ db: Database, version: Int64, project: Project, packages: [(name: String, package: Package)]) throws {
        var position = 0
        let owners: [(String?, [Parameter])] = [(nil, project.parameters)] + packages.map { ($0.name, $0.package.parameters) }
        for (packageName, parameters) in owners {
            for parameter in parameters {
                let design: String? = parameter.sensitive || parameter.value == .null ? nil : parameter.value.description
                try db.execute(
                    sql: """
                        INSERT INTO deployed_parameter (version_id, position, package_name, package_key, name, type, required, sensitive,
                            description, design_value)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        version, position, packageName, packageName.map(CatalogName.key) ?? "", parameter.name, parameter.type.rawValue,
                        parameter.required, parameter.sensitive, parameter.description, design,
                    ])
                position += 1
            }
        }
    }

    /// Drops the server values of parameters the new current version no longer has, or has
    /// with another type or sensitivity (SSIS keeps the values of the parameters that stay).
    /// - Returns: how many were dropped.
    static func pruneParameterValues(_ db: Database, project: Int64, version: Int64) throws -> Int {
        try db.execute(
            sql: """
                DELETE FROM parameter_value WHERE project_id = ? AND NOT EXISTS (
                    SELECT 1 FROM deployed_parameter d WHERE d.version_id = ? AND d.package_key = parameter_value.package_key
                        AND d.name = parameter_value.name AND d.type = parameter_value.type AND d.sensitive = parameter_value.sensitive)
                """, arguments: [project, version])
        return db.changesCount
    }

    /// For the migration: the parameters of the versions deployed before it, read from their
    /// archives once.
    static func backfillDeployedParameters(_ db: Database) throws {
        let versions = try Row.fetchAll(db, sql: "SELECT id, archive FROM project_version ORDER BY id")
        for version in versions {
            let id: Int64 = version["id"]
            let archive: Data = version["archive"]
            let contents = try ProjectArchive.read(Array(archive))
            var packages: [(name: String, package: Package)] = []
            for (file, name) in zip(contents.project.packages, contents.project.packageNames) {
                packages.append((name, try PackageFile.decode(contents.files[file] ?? [])))
            }
            try recordDeployedParameters(db, version: id, project: contents.project, packages: packages)
        }
    }
}

import Foundation
import PostgresNIO
import SluiceArchive
import SluiceCore

extension PostgresCatalogStore {
    /// Writes the parameters of a deployed version: the project's, then each package's in the
    /// project's package order. Called inside the deploy's transaction.
    static func recordDeployedParameters(
        _ tx: PostgresCatalogTransaction, version: Int64, project: Project, packages: [(name: String, package: Package)]
    ) async throws {
        var position = 0
        let owners: [(String?, [Parameter])] = [(nil, project.parameters)] + packages.map { ($0.name, $0.package.parameters) }
        for (packageName, parameters) in owners {
            for parameter in parameters {
                let design: String? = parameter.sensitive || parameter.value == .null ? nil : parameter.value.description
                try await tx.execute(
                    """
                    INSERT INTO deployed_parameter (version_id, position, package_name, package_key, name, type, required, sensitive,
                        description, design_value)
                    VALUES (\(version), \(position), \(packageName), \(packageName.map(CatalogName.key) ?? ""), \(parameter.name),
                        \(parameter.type.rawValue), \(parameter.required), \(parameter.sensitive), \(parameter.description), \(design))
                    """)
                position += 1
            }
        }
    }

    /// Drops the server values of parameters the new current version no longer has, or has
    /// with another type or sensitivity (SSIS keeps the values of the parameters that stay).
    /// - Returns: how many were dropped.
    static func pruneParameterValues(_ tx: PostgresCatalogTransaction, project: Int64, version: Int64) async throws -> Int {
        try await tx.rows(
            """
            DELETE FROM parameter_value WHERE project_id = \(project) AND NOT EXISTS (
                SELECT 1 FROM deployed_parameter d WHERE d.version_id = \(version) AND d.package_key = parameter_value.package_key
                    AND d.name = parameter_value.name AND d.type = parameter_value.type AND d.sensitive = parameter_value.sensitive)
            RETURNING id
            """
        ).count
    }

    /// For the migration: the parameters of the versions deployed before it, read from their
    /// archives one at a time (a catalog's archives together may not fit in memory).
    static func backfillDeployedParameters(_ tx: PostgresCatalogTransaction) async throws {
        let versions = try await tx.rows("SELECT id FROM project_version ORDER BY id").map { try $0("id", Int64.self) }
        for id in versions {
            guard let archive = try await tx.value("SELECT archive FROM project_version WHERE id = \(id)", as: ByteBuffer.self) else { continue }
            let contents = try ProjectArchive.read(Array(archive.readableBytesView))
            var packages: [(name: String, package: Package)] = []
            for (file, name) in zip(contents.project.packages, contents.project.packageNames) {
                packages.append((name, try PackageFile.decode(contents.files[file] ?? [])))
            }
            try await recordDeployedParameters(tx, version: id, project: contents.project, packages: packages)
        }
    }
}

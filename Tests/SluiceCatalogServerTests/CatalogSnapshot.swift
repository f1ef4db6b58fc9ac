import Foundation
import SluiceCatalog

/// What a refused request must leave as it was, read through the store: folders, projects and
/// their versions, packages, users, tokens (not their last use, which authentication notes),
/// permissions, roles, environments, variables, references and parameter values. The operations
/// log is left out: refusals are recorded there on purpose.
struct CatalogSnapshot: Equatable, CustomStringConvertible {
    var lines: [String]

    var description: String { lines.joined(separator: "\n") }

    static func take(_ store: SQLiteCatalogStore) async throws -> CatalogSnapshot {
        var lines: [String] = []
        for folder in try await store.folders() {
            lines.append("folder \(folder.name) \(folder.description)")
            lines += try await store.permissions(on: .folder(folder.name)).map { "  permission \($0)" }
            lines.append("  roles \(try await store.roles(of: .folder(folder.name)))")
            for project in try await store.projects(inFolder: folder.name) {
                lines.append("  project \(project.name) v\(project.currentVersion)")
                lines += try await store.projectVersions(of: project.name, inFolder: folder.name).map { "    version \($0.number)" }
                lines += try await store.permissions(on: .project(folder: folder.name, project: project.name)).map { "    permission \($0)" }
                lines += try await store.parameters(ofProject: project.name, inFolder: folder.name).map { "    parameter \($0)" }
                lines += try await store.environmentReferences(project: project.name, inFolder: folder.name).map { "    reference \($0.id)" }
            }
            for environment in try await store.environments(inFolder: folder.name) {
                lines.append("  environment \(environment.name) \(environment.description)")
                let object = CatalogSecurable.environment(folder: folder.name, environment: environment.name)
                lines += try await store.permissions(on: object).map { "    permission \($0)" }
                lines += try await store.environmentVariables(inEnvironment: environment.name, inFolder: folder.name).map { "    variable \($0)" }
            }
        }
        for package in try await store.packages(inFolder: nil, project: nil) {
            lines.append("package \(package.folder)/\(package.project)/\(package.name)")
            let object = CatalogSecurable.package(folder: package.folder, project: package.project, package: package.name)
            lines.append("  roles \(try await store.roles(of: object))")
        }
        for user in try await store.users() {
            lines.append("user \(user.name) admin=\(user.isAdministrator) disabled=\(user.isDisabled)")
            lines += try await store.tokens(of: user.name).map { "  token \($0.id) revoked=\($0.isRevoked) expires=\($0.expiresAt)" }
        }
        return CatalogSnapshot(lines: lines)
    }
}

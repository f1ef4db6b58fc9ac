import Foundation
import SluiceCatalog
import SluiceCore

/// The permission decisions of the server, on the security store's `effectivePermissions`:
/// an object the caller may not READ is refused exactly as an absent one (404), so that names
/// do not leak; one it may READ without the permission needed, 403.
struct CatalogAccess {
    let store: any CatalogSecurityStore

    func require(_ permission: CatalogPermission, on object: CatalogSecurable, by caller: CatalogCaller, operationID: String) async throws {
        if caller.isAdministrator { return }
        let held = try await store.effectivePermissions(of: caller, on: object)
        if held.contains(permission) { return }
        guard held.contains(.read) else { throw Self.notFound(object) }
        throw SluiceError(
            .catalogServerForbidden,
            ["user": caller.user, "operation": operationID, "requirement": "\(permission.rawValue) on \(Self.describe(object))"])
    }

    /// Whether the caller may READ the object (administrators may read everything).
    func canRead(_ object: CatalogSecurable, by caller: CatalogCaller) async throws -> Bool {
        if caller.isAdministrator { return true }
        return try await store.effectivePermissions(of: caller, on: object).contains(.read)
    }

    /// The "no such object" error the store itself would give.
    static func notFound(_ object: CatalogSecurable) -> SluiceError {
        switch object {
        case .folder(let folder): SluiceError(.catalogFolderNotFound, ["folder": folder])
        case .project(let folder, let project): SluiceError(.catalogProjectNotFound, ["folder": folder, "project": project])
        case .package(let folder, let project, let package):
            SluiceError(.catalogPackageNotFound, ["folder": folder, "project": project, "package": package])
        case .environment(let folder, let environment):
            SluiceError(
                MessageCatalog.lookup("SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND") ?? .catalogFolderNotFound,
                ["folder": folder, "environment": environment])
        }
    }

    static func describe(_ object: CatalogSecurable) -> String {
        switch object {
        case .folder(let folder): "folder \"\(folder)\""
        case .project(let folder, let project): "project \"\(folder)/\(project)\""
        case .package(let folder, let project, let package): "package \"\(folder)/\(project)/\(package)\""
        case .environment(let folder, let environment): "environment \"\(folder)/\(environment)\""
        }
    }

    /// Names compare as the catalog compares them: without regard to case.
    static func sameName(_ a: String, _ b: String) -> Bool {
        a.lowercased().precomposedStringWithCanonicalMapping == b.lowercased().precomposedStringWithCanonicalMapping
    }
}

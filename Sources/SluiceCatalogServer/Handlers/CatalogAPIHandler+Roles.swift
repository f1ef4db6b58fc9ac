import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// Folder and package reader and writer roles (SSIS GetPackageRoles / SetPackageRoles). The route
// table checks READ to get them and MANAGE_PERMISSIONS (the folder's, the project's) to set them.
extension CatalogAPIHandler {
    func getFolderRoles(_ input: Operations.GetFolderRoles.Input) async throws -> Operations.GetFolderRoles.Output {
        .ok(.init(body: .json(Self.roles(try await store.roles(of: .folder(input.path.folderName))))))
    }

    func setFolderRoles(_ input: Operations.SetFolderRoles.Input) async throws -> Operations.SetFolderRoles.Output {
        guard case .json(let update) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let roles = try await setRoles(update, on: .folder(input.path.folderName), operation: "setFolderRoles")
        return .ok(.init(body: .json(roles)))
    }

    func getPackageRoles(_ input: Operations.GetPackageRoles.Input) async throws -> Operations.GetPackageRoles.Output {
        let path = input.path
        let object = CatalogSecurable.package(folder: path.folderName, project: path.projectName, package: path.packageName)
        return .ok(.init(body: .json(Self.roles(try await store.roles(of: object)))))
    }

    func setPackageRoles(_ input: Operations.SetPackageRoles.Input) async throws -> Operations.SetPackageRoles.Output {
        guard case .json(let update) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let path = input.path
        let object = CatalogSecurable.package(folder: path.folderName, project: path.projectName, package: path.packageName)
        return .ok(.init(body: .json(try await setRoles(update, on: object, operation: "setPackageRoles"))))
    }

    // MARK: Helpers

    /// Sets both roles whole; a member who is not a user is the body's fault (422), not a
    /// missing object's (404).
    private func setRoles(_ update: Components.Schemas.RolesUpdate, on object: CatalogSecurable, operation: String) async throws
        -> Components.Schemas.Roles
    {
        let caller = try caller(operation)
        for (role, names) in [("readers", update.readers), ("writers", update.writers)] where names.count > 1000 {
            throw SluiceError(.catalogServerRequestMalformed, ["operation": operation, "reason": "\(role) has more than 1000 names"])
        }
        // The document's uniqueItems; names compare without regard to case, as users do.
        for (role, names) in [("readers", update.readers), ("writers", update.writers)] {
            var seen = Set<String>()
            for name in names where !seen.insert(name.lowercased().precomposedStringWithCanonicalMapping).inserted {
                throw SluiceError(.catalogServerRequestMalformed, ["operation": operation, "reason": "\(role) names \"\(name)\" twice"])
            }
        }
        do {
            try await store.setRoles(of: object, readers: update.readers, writers: update.writers, by: caller.user)
        } catch let error as SluiceError where error.code == SluiceMessage.catalogUserNotFound.code {
            throw SluiceError(
                .catalogServerRoleMemberUnknown, ["object": CatalogAccess.describe(object), "user": error.inserts["user"] ?? ""])
        }
        return Self.roles(try await store.roles(of: object))
    }

    static func roles(_ roles: CatalogRoles) -> Components.Schemas.Roles {
        .init(owner: roles.owner, readers: roles.readers, writers: roles.writers)
    }
}

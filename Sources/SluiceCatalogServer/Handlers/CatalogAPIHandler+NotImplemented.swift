import SluiceCatalogAPI
import SluiceCore

// The operations (users, tokens, roles, permissions, versions, operations) this server does not answer yet (their stores or rules land in a later round):
// each is refused with 501 and SLUICE_E_CATALOG_NOT_IMPLEMENTED, after authorization as usual.
extension CatalogAPIHandler {
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output { throw notImplemented("login") }
    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output { throw notImplemented("listTokens") }
    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output { throw notImplemented("createToken") }
    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output { throw notImplemented("revokeToken") }
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output { throw notImplemented("listUsers") }
    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output { throw notImplemented("createUser") }
    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output { throw notImplemented("getUser") }
    func updateUser(_ input: Operations.UpdateUser.Input) async throws -> Operations.UpdateUser.Output { throw notImplemented("updateUser") }
    func deleteUser(_ input: Operations.DeleteUser.Input) async throws -> Operations.DeleteUser.Output { throw notImplemented("deleteUser") }
    func setUserPassword(_ input: Operations.SetUserPassword.Input) async throws -> Operations.SetUserPassword.Output { throw notImplemented("setUserPassword") }
    func listProjectVersions(_ input: Operations.ListProjectVersions.Input) async throws -> Operations.ListProjectVersions.Output { throw notImplemented("listProjectVersions") }
    func restoreProjectVersion(_ input: Operations.RestoreProjectVersion.Input) async throws -> Operations.RestoreProjectVersion.Output { throw notImplemented("restoreProjectVersion") }
    func moveProject(_ input: Operations.MoveProject.Input) async throws -> Operations.MoveProject.Output { throw notImplemented("moveProject") }
    func getPackage(_ input: Operations.GetPackage.Input) async throws -> Operations.GetPackage.Output { throw notImplemented("getPackage") }
    func getPackageRoles(_ input: Operations.GetPackageRoles.Input) async throws -> Operations.GetPackageRoles.Output { throw notImplemented("getPackageRoles") }
    func setPackageRoles(_ input: Operations.SetPackageRoles.Input) async throws -> Operations.SetPackageRoles.Output { throw notImplemented("setPackageRoles") }
    func getFolderRoles(_ input: Operations.GetFolderRoles.Input) async throws -> Operations.GetFolderRoles.Output { throw notImplemented("getFolderRoles") }
    func setFolderRoles(_ input: Operations.SetFolderRoles.Input) async throws -> Operations.SetFolderRoles.Output { throw notImplemented("setFolderRoles") }
    func listFolderPermissions(_ input: Operations.ListFolderPermissions.Input) async throws -> Operations.ListFolderPermissions.Output { throw notImplemented("listFolderPermissions") }
    func setFolderPermission(_ input: Operations.SetFolderPermission.Input) async throws -> Operations.SetFolderPermission.Output { throw notImplemented("setFolderPermission") }
    func revokeFolderPermission(_ input: Operations.RevokeFolderPermission.Input) async throws -> Operations.RevokeFolderPermission.Output { throw notImplemented("revokeFolderPermission") }
    func listProjectPermissions(_ input: Operations.ListProjectPermissions.Input) async throws -> Operations.ListProjectPermissions.Output { throw notImplemented("listProjectPermissions") }
    func setProjectPermission(_ input: Operations.SetProjectPermission.Input) async throws -> Operations.SetProjectPermission.Output { throw notImplemented("setProjectPermission") }
    func revokeProjectPermission(_ input: Operations.RevokeProjectPermission.Input) async throws -> Operations.RevokeProjectPermission.Output { throw notImplemented("revokeProjectPermission") }
    func listOperations(_ input: Operations.ListOperations.Input) async throws -> Operations.ListOperations.Output { throw notImplemented("listOperations") }
    func getOperation(_ input: Operations.GetOperation.Input) async throws -> Operations.GetOperation.Output { throw notImplemented("getOperation") }
    func listEnvironmentPermissions(_ input: Operations.ListEnvironmentPermissions.Input) async throws -> Operations.ListEnvironmentPermissions.Output { throw notImplemented("listEnvironmentPermissions") }
    func setEnvironmentPermission(_ input: Operations.SetEnvironmentPermission.Input) async throws -> Operations.SetEnvironmentPermission.Output { throw notImplemented("setEnvironmentPermission") }
    func revokeEnvironmentPermission(_ input: Operations.RevokeEnvironmentPermission.Input) async throws -> Operations.RevokeEnvironmentPermission.Output { throw notImplemented("revokeEnvironmentPermission") }

    /// A refusal for an operation this server does not answer yet (501).
    func notImplemented(_ operation: String) -> SluiceError {
        SluiceError(.catalogNotImplemented, ["operation": operation])
    }
}

import SluiceCatalogAPI
import SluiceCore

// The operations this server does not answer yet (their stores or rules land in a later round):
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
    func listParameters(_ input: Operations.ListParameters.Input) async throws -> Operations.ListParameters.Output { throw notImplemented("listParameters") }
    func setProjectParameterValue(_ input: Operations.SetProjectParameterValue.Input) async throws -> Operations.SetProjectParameterValue.Output { throw notImplemented("setProjectParameterValue") }
    func clearProjectParameterValue(_ input: Operations.ClearProjectParameterValue.Input) async throws -> Operations.ClearProjectParameterValue.Output { throw notImplemented("clearProjectParameterValue") }
    func setPackageParameterValue(_ input: Operations.SetPackageParameterValue.Input) async throws -> Operations.SetPackageParameterValue.Output { throw notImplemented("setPackageParameterValue") }
    func clearPackageParameterValue(_ input: Operations.ClearPackageParameterValue.Input) async throws -> Operations.ClearPackageParameterValue.Output { throw notImplemented("clearPackageParameterValue") }
    func listEnvironmentReferences(_ input: Operations.ListEnvironmentReferences.Input) async throws -> Operations.ListEnvironmentReferences.Output { throw notImplemented("listEnvironmentReferences") }
    func createEnvironmentReference(_ input: Operations.CreateEnvironmentReference.Input) async throws -> Operations.CreateEnvironmentReference.Output { throw notImplemented("createEnvironmentReference") }
    func deleteEnvironmentReference(_ input: Operations.DeleteEnvironmentReference.Input) async throws -> Operations.DeleteEnvironmentReference.Output { throw notImplemented("deleteEnvironmentReference") }
    func listEnvironments(_ input: Operations.ListEnvironments.Input) async throws -> Operations.ListEnvironments.Output { throw notImplemented("listEnvironments") }
    func createEnvironment(_ input: Operations.CreateEnvironment.Input) async throws -> Operations.CreateEnvironment.Output { throw notImplemented("createEnvironment") }
    func getEnvironment(_ input: Operations.GetEnvironment.Input) async throws -> Operations.GetEnvironment.Output { throw notImplemented("getEnvironment") }
    func updateEnvironment(_ input: Operations.UpdateEnvironment.Input) async throws -> Operations.UpdateEnvironment.Output { throw notImplemented("updateEnvironment") }
    func deleteEnvironment(_ input: Operations.DeleteEnvironment.Input) async throws -> Operations.DeleteEnvironment.Output { throw notImplemented("deleteEnvironment") }
    func renameEnvironment(_ input: Operations.RenameEnvironment.Input) async throws -> Operations.RenameEnvironment.Output { throw notImplemented("renameEnvironment") }
    func listEnvironmentVariables(_ input: Operations.ListEnvironmentVariables.Input) async throws -> Operations.ListEnvironmentVariables.Output { throw notImplemented("listEnvironmentVariables") }
    func updateEnvironmentVariable(_ input: Operations.UpdateEnvironmentVariable.Input) async throws -> Operations.UpdateEnvironmentVariable.Output { throw notImplemented("updateEnvironmentVariable") }
    func setEnvironmentVariable(_ input: Operations.SetEnvironmentVariable.Input) async throws -> Operations.SetEnvironmentVariable.Output { throw notImplemented("setEnvironmentVariable") }
    func deleteEnvironmentVariable(_ input: Operations.DeleteEnvironmentVariable.Input) async throws -> Operations.DeleteEnvironmentVariable.Output { throw notImplemented("deleteEnvironmentVariable") }
    func listFolderPermissions(_ input: Operations.ListFolderPermissions.Input) async throws -> Operations.ListFolderPermissions.Output { throw notImplemented("listFolderPermissions") }
    func setFolderPermission(_ input: Operations.SetFolderPermission.Input) async throws -> Operations.SetFolderPermission.Output { throw notImplemented("setFolderPermission") }
    func revokeFolderPermission(_ input: Operations.RevokeFolderPermission.Input) async throws -> Operations.RevokeFolderPermission.Output { throw notImplemented("revokeFolderPermission") }
    func listProjectPermissions(_ input: Operations.ListProjectPermissions.Input) async throws -> Operations.ListProjectPermissions.Output { throw notImplemented("listProjectPermissions") }
    func setProjectPermission(_ input: Operations.SetProjectPermission.Input) async throws -> Operations.SetProjectPermission.Output { throw notImplemented("setProjectPermission") }
    func revokeProjectPermission(_ input: Operations.RevokeProjectPermission.Input) async throws -> Operations.RevokeProjectPermission.Output { throw notImplemented("revokeProjectPermission") }
    func listEnvironmentPermissions(_ input: Operations.ListEnvironmentPermissions.Input) async throws -> Operations.ListEnvironmentPermissions.Output { throw notImplemented("listEnvironmentPermissions") }
    func setEnvironmentPermission(_ input: Operations.SetEnvironmentPermission.Input) async throws -> Operations.SetEnvironmentPermission.Output { throw notImplemented("setEnvironmentPermission") }
    func revokeEnvironmentPermission(_ input: Operations.RevokeEnvironmentPermission.Input) async throws -> Operations.RevokeEnvironmentPermission.Output { throw notImplemented("revokeEnvironmentPermission") }
    func listOperations(_ input: Operations.ListOperations.Input) async throws -> Operations.ListOperations.Output { throw notImplemented("listOperations") }
    func getOperation(_ input: Operations.GetOperation.Input) async throws -> Operations.GetOperation.Output { throw notImplemented("getOperation") }

    private func notImplemented(_ operation: String) -> SluiceError {
        SluiceError(.catalogNotImplemented, ["operation": operation])
    }
}

import SluiceCatalog
import SluiceCatalogAPI

extension CatalogAPIHandler {
    /// The API names each kind of operation by the operationId of the request that makes it; the
    /// store by what it changed. A parameter value is the project's or a package's by its object.
    static func operationKind(_ entry: CatalogOperation) -> Components.Schemas.OperationKind {
        let onPackage = entry.objectType == .package
        switch entry.kind {
        case .createFolder: return .createFolder
        case .renameFolder: return .renameFolder
        case .setFolderDescription: return .updateFolder
        case .deleteFolder: return .deleteFolder
        case .deployProject: return .deployProject
        case .restoreProject: return .restoreProjectVersion
        case .moveProject: return .moveProject
        case .deleteProject: return .deleteProject
        case .createUser: return .createUser
        case .updateUser: return .updateUser
        case .deleteUser: return .deleteUser
        case .setUserPassword: return .setUserPassword
        case .login: return .login
        case .createToken: return .createToken
        case .revokeToken: return .revokeToken
        case .setFolderPermission: return .setFolderPermission
        case .revokeFolderPermission: return .revokeFolderPermission
        case .setProjectPermission: return .setProjectPermission
        case .revokeProjectPermission: return .revokeProjectPermission
        case .setEnvironmentPermission: return .setEnvironmentPermission
        case .revokeEnvironmentPermission: return .revokeEnvironmentPermission
        case .setFolderRoles: return .setFolderRoles
        case .setPackageRoles: return .setPackageRoles
        case .setParameterValue: return onPackage ? .setPackageParameterValue : .setProjectParameterValue
        case .clearParameterValue: return onPackage ? .clearPackageParameterValue : .clearProjectParameterValue
        case .createEnvironment: return .createEnvironment
        case .renameEnvironment: return .renameEnvironment
        case .setEnvironmentDescription: return .updateEnvironment
        case .deleteEnvironment: return .deleteEnvironment
        case .setEnvironmentVariable: return .setEnvironmentVariable
        case .updateEnvironmentVariable: return .updateEnvironmentVariable
        case .deleteEnvironmentVariable: return .deleteEnvironmentVariable
        case .createEnvironmentReference: return .createEnvironmentReference
        case .deleteEnvironmentReference: return .deleteEnvironmentReference
        }
    }
}

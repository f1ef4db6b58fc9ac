import SluiceCatalog

/// What an operation needs of its caller, by operationID: docs/catalog-api.md's "Who may do
/// what" table, entry for entry. The authorization middleware reads only this; an operation
/// missing here is refused (default deny), and a test walks every operation of the document.
public enum CatalogRouteRequirement: Sendable, Hashable {
    /// No token (health, login).
    case none
    /// Any authenticated user; the handler narrows what it answers to the caller's own.
    case anyUser
    case administrator
    /// The user named by the `userName` path parameter, or an administrator.
    case selfOrAdministrator
    /// Permission `permission` on the object the path parameters name (`on` says which).
    case permission(CatalogPermission, on: CatalogRouteObject)
    /// A rule too particular for the table, checked by the handler it is named for: the
    /// middleware still insists on an authenticated caller.
    case custom(String)
}

/// Which object of a path a permission is checked on.
public enum CatalogRouteObject: Sendable, Hashable {
    case folder, project, environment, package
}

public enum CatalogRouteTable {
    public static let entries: [String: CatalogRouteRequirement] = [
        "getHealth": .none,
        "getMetrics": .anyUser,
        "getOpenAPIDocument": .anyUser,
        "login": .none,
        "getCurrentUser": .anyUser,
        "listTokens": .anyUser,
        "createToken": .anyUser,
        "revokeToken": .custom("the token's user, or administrator"),
        "listUsers": .administrator,
        "createUser": .administrator,
        "getUser": .selfOrAdministrator,
        "updateUser": .administrator,
        "deleteUser": .administrator,
        "setUserPassword": .selfOrAdministrator,
        "listFolders": .anyUser,
        "createFolder": .administrator,
        "getFolder": .permission(.read, on: .folder),
        "updateFolder": .permission(.modify, on: .folder),
        "renameFolder": .permission(.modify, on: .folder),
        "deleteFolder": .permission(.modify, on: .folder),
        "getFolderRoles": .permission(.read, on: .folder),
        "setFolderRoles": .permission(.managePermissions, on: .folder),
        "listFolderPermissions": .permission(.read, on: .folder),
        "setFolderPermission": .permission(.managePermissions, on: .folder),
        "revokeFolderPermission": .permission(.managePermissions, on: .folder),
        "listProjects": .permission(.read, on: .folder),
        "getProject": .permission(.read, on: .project),
        "deployProject": .custom("CREATE_OBJECTS on the folder (new project) or MODIFY on the project"),
        "deleteProject": .permission(.modify, on: .project),
        "listProjectVersions": .permission(.read, on: .project),
        "restoreProjectVersion": .permission(.modify, on: .project),
        "moveProject": .custom("MODIFY on the project and CREATE_OBJECTS on the destination folder"),
        "exportProject": .permission(.read, on: .project),
        "listProjectPermissions": .permission(.read, on: .project),
        "setProjectPermission": .permission(.managePermissions, on: .project),
        "revokeProjectPermission": .permission(.managePermissions, on: .project),
        "listParameters": .permission(.read, on: .project),
        "setProjectParameterValue": .permission(.modify, on: .project),
        "clearProjectParameterValue": .permission(.modify, on: .project),
        "listEnvironmentReferences": .permission(.read, on: .project),
        "createEnvironmentReference": .custom("MODIFY on the project and READ on the environment"),
        "deleteEnvironmentReference": .permission(.modify, on: .project),
        "listPackages": .anyUser,
        "listProjectPackages": .custom("READ on the project, else only packages whose reader role holds the caller"),
        "getPackage": .permission(.read, on: .package),
        "packageExists": .permission(.read, on: .package),
        "exportPackage": .permission(.read, on: .package),
        "getPackageRoles": .permission(.read, on: .package),
        "setPackageRoles": .permission(.managePermissions, on: .project),
        "setPackageParameterValue": .permission(.modify, on: .package),
        "clearPackageParameterValue": .permission(.modify, on: .package),
        "listEnvironments": .permission(.read, on: .folder),
        "createEnvironment": .permission(.createObjects, on: .folder),
        "getEnvironment": .permission(.read, on: .environment),
        "updateEnvironment": .permission(.modify, on: .environment),
        "renameEnvironment": .permission(.modify, on: .environment),
        "deleteEnvironment": .permission(.modify, on: .environment),
        "listEnvironmentVariables": .permission(.read, on: .environment),
        "setEnvironmentVariable": .permission(.modify, on: .environment),
        "updateEnvironmentVariable": .permission(.modify, on: .environment),
        "deleteEnvironmentVariable": .permission(.modify, on: .environment),
        "listEnvironmentPermissions": .permission(.read, on: .environment),
        "setEnvironmentPermission": .permission(.managePermissions, on: .environment),
        "revokeEnvironmentPermission": .permission(.managePermissions, on: .environment),
        "listOperations": .anyUser,
        "getOperation": .custom("its caller, READ on its object, or administrator"),
    ]
}

import Foundation

/// One entry of the operations log (SSISDB `catalog.operations`): every change a store makes
/// is recorded, refused ones too, with who asked, when, what and how it ended.
public struct CatalogOperation: Sendable, Hashable {
    /// What was asked. Raw values are stored; a new kind is a new case, never a renumbering.
    public enum Kind: String, Sendable, CaseIterable {
        case createFolder = "create_folder"
        case renameFolder = "rename_folder"
        case setFolderDescription = "set_folder_description"
        case deleteFolder = "delete_folder"
        case deployProject = "deploy_project"
        case restoreProject = "restore_project"
        case moveProject = "move_project"
        case deleteProject = "delete_project"
        // Users, tokens, permissions and roles (CatalogSecurityStore).
        case createUser = "create_user"
        case updateUser = "update_user"
        case deleteUser = "delete_user"
        case setUserPassword = "set_user_password"
        /// Recorded when a password check fails (a successful login is recorded by its token).
        case login
        case createToken = "create_token"
        case revokeToken = "revoke_token"
        case setFolderPermission = "set_folder_permission"
        case revokeFolderPermission = "revoke_folder_permission"
        case setProjectPermission = "set_project_permission"
        case revokeProjectPermission = "revoke_project_permission"
        case setEnvironmentPermission = "set_environment_permission"
        case revokeEnvironmentPermission = "revoke_environment_permission"
        case setFolderRoles = "set_folder_roles"
        case setPackageRoles = "set_package_roles"
        // Parameters, environments and references (CatalogConfigurationStore).
        case setParameterValue = "set_parameter_value"
        case clearParameterValue = "clear_parameter_value"
        case createEnvironment = "create_environment"
        case renameEnvironment = "rename_environment"
        case setEnvironmentDescription = "set_environment_description"
        case deleteEnvironment = "delete_environment"
        case setEnvironmentVariable = "set_environment_variable"
        case updateEnvironmentVariable = "update_environment_variable"
        case deleteEnvironmentVariable = "delete_environment_variable"
        case createEnvironmentReference = "create_environment_reference"
        case deleteEnvironmentReference = "delete_environment_reference"
    }

    /// The kind of object changed (SSISDB's `object_type`: folder 10, project 20, package 30,
    /// environment 40; user and token are Sluice's).
    public enum ObjectType: String, Sendable, CaseIterable {
        case folder, project, package, environment, user, token
    }

    public enum Outcome: String, Sendable, CaseIterable {
        case succeeded, failed
    }

    /// Growing, unique in the catalog.
    public var id: Int64
    public var kind: Kind
    public var objectType: ObjectType
    /// The object as the caller named it: `Folder`, `Folder/Project`, `Folder/Project/Package`
    /// or `Folder/Environment`.
    public var objectName: String
    public var caller: String
    public var time: Date
    public var outcome: Outcome
    /// The Sluice error code of a failed operation.
    public var errorCode: Int32?
    /// What changed, or why it failed (the error's text).
    public var detail: String
}

/// Which operations ``CatalogStore/operations(_:)`` lists: every field set narrows the list.
public struct CatalogOperationFilter: Sendable, Hashable {
    public var kind: CatalogOperation.Kind?
    public var objectType: CatalogOperation.ObjectType?
    /// The exact object name, compared without regard to case.
    public var objectName: String?
    public var caller: String?
    public var outcome: CatalogOperation.Outcome?
    /// From this time on, inclusive.
    public var since: Date?
    /// Before this time, exclusive.
    public var until: Date?
    /// At most this many, the newest first; nil for all.
    public var limit: Int?

    public init(
        kind: CatalogOperation.Kind? = nil, objectType: CatalogOperation.ObjectType? = nil, objectName: String? = nil,
        caller: String? = nil, outcome: CatalogOperation.Outcome? = nil, since: Date? = nil, until: Date? = nil, limit: Int? = nil
    ) {
        self.kind = kind
        self.objectType = objectType
        self.objectName = objectName
        self.caller = caller
        self.outcome = outcome
        self.since = since
        self.until = until
        self.limit = limit
    }
}

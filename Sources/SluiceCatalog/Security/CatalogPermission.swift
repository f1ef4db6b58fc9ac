import Foundation

// The vocabulary of catalog security, shared by the stores (which keep grants, roles, users and
// tokens) and the server (which decides each request with them). The rules are in
// docs/catalog-api.md, "Who may do what".

/// A catalog permission, SSISDB's (`catalog.grant_permission`'s `permission_type`). The raw
/// value is the name the API and the stores use.
public enum CatalogPermission: String, Sendable, Hashable, CaseIterable, Codable {
    case read = "READ"
    case modify = "MODIFY"
    case execute = "EXECUTE"
    case managePermissions = "MANAGE_PERMISSIONS"
    /// Folder-only: create projects and environments in the folder.
    case createObjects = "CREATE_OBJECTS"
    /// Folder-only: READ on every project and environment of the folder.
    case readObjects = "READ_OBJECTS"
    case modifyObjects = "MODIFY_OBJECTS"
    case executeObjects = "EXECUTE_OBJECTS"
    case manageObjectPermissions = "MANAGE_OBJECT_PERMISSIONS"

    /// SSISDB's number for the permission (1-4 on any object, 100-104 on folders).
    public var ssisNumber: Int {
        switch self {
        case .read: 1
        case .modify: 2
        case .execute: 3
        case .managePermissions: 4
        case .createObjects: 100
        case .readObjects: 101
        case .modifyObjects: 102
        case .executeObjects: 103
        case .manageObjectPermissions: 104
        }
    }

    /// The permissions a project or an environment takes (a folder takes all nine).
    public static let objectPermissions: [CatalogPermission] = [.read, .modify, .execute, .managePermissions]

    /// True for the five that only a folder takes.
    public var isFolderOnly: Bool { !Self.objectPermissions.contains(self) }

    /// For a folder-level permission, the permission it gives on every project and environment of
    /// the folder (READ_OBJECTS → READ …); nil for the others (CREATE_OBJECTS gives none).
    public var givesOnFolderObjects: CatalogPermission? {
        switch self {
        case .readObjects: .read
        case .modifyObjects: .modify
        case .executeObjects: .execute
        case .manageObjectPermissions: .managePermissions
        default: nil
        }
    }
}

/// A grant or a deny; a deny wins over every grant.
public enum CatalogPermissionState: String, Sendable, Hashable, CaseIterable, Codable {
    case grant, deny
}

/// The reader and writer roles of a folder or a package (SPEC §1.9, SSIS package roles).
public enum CatalogRole: String, Sendable, Hashable, CaseIterable, Codable {
    /// Enumerate, view, export and run.
    case reader
    /// Also deploy, change and delete.
    case writer
}

/// What a permission is held on, by name (objects are addressed by name, as in SSISDB). Packages
/// take no grants of their own (their project's apply, and their roles).
public enum CatalogSecurable: Sendable, Hashable {
    case folder(String)
    case project(folder: String, project: String)
    case environment(folder: String, environment: String)
    case package(folder: String, project: String, package: String)

    /// The folder the object is in (a folder's own name for a folder).
    public var folder: String {
        switch self {
        case .folder(let name): name
        case .project(let folder, _), .environment(let folder, _), .package(let folder, _, _): folder
        }
    }
}

/// Who is asking: the user a valid token or password belongs to.
public struct CatalogCaller: Sendable, Hashable {
    public var user: String
    public var isAdministrator: Bool
    /// The token the request carried; nil after a password login.
    public var tokenID: UUID?

    public init(user: String, isAdministrator: Bool, tokenID: UUID?) {
        self.user = user
        self.isAdministrator = isAdministrator
        self.tokenID = tokenID
    }
}

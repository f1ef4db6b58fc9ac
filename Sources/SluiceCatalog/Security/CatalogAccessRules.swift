/// What one caller is known to hold on one object, before the rules decide: the explicit
/// entries for the caller on the object and on its folder, and the roles the caller holds.
public struct CatalogAccessFacts: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case folder, project, environment, package
    }

    public var target: Target
    public var isAdministrator: Bool
    /// The caller's entries on the folder (the object's folder, or the folder itself).
    public var folderEntries: [CatalogPermission: CatalogPermissionState]
    /// The caller's entries on the project or environment; for a package, on its project.
    public var objectEntries: [CatalogPermission: CatalogPermissionState]
    /// The folder roles the caller holds: listed, or both for the folder's owner.
    public var folderRoles: Set<CatalogRole>
    /// The package roles the caller holds: listed, or both for the project's owner.
    public var packageRoles: Set<CatalogRole>

    public init(
        target: Target, isAdministrator: Bool = false, folderEntries: [CatalogPermission: CatalogPermissionState] = [:],
        objectEntries: [CatalogPermission: CatalogPermissionState] = [:], folderRoles: Set<CatalogRole> = [],
        packageRoles: Set<CatalogRole> = []
    ) {
        self.target = target
        self.isAdministrator = isAdministrator
        self.folderEntries = folderEntries
        self.objectEntries = objectEntries
        self.folderRoles = folderRoles
        self.packageRoles = packageRoles
    }
}

/// The rules of docs/catalog-api.md, "Who may do what", with no I/O: a store gathers the
/// ``CatalogAccessFacts`` in a few queries and asks ``held(_:)``.
///
/// ```swift
/// let facts = CatalogAccessFacts(target: .project, folderEntries: [.readObjects: .grant])
/// CatalogAccessRules.held(facts)   // [.read]
/// ```
///
/// A deny wins over every grant: a deny of P on the object, or of the folder-level permission
/// that gives P on the folder's objects, takes P away however else it was given (a role too).
public enum CatalogAccessRules {
    /// What a folder role gives on the folder.
    public static func onFolder(_ role: CatalogRole) -> Set<CatalogPermission> {
        switch role {
        case .reader: [.read, .readObjects, .executeObjects]
        case .writer: [.read, .readObjects, .executeObjects, .modify, .createObjects, .modifyObjects]
        }
    }

    /// What a package role gives on the package.
    public static func onPackage(_ role: CatalogRole) -> Set<CatalogPermission> {
        switch role {
        case .reader: [.read, .execute]
        case .writer: [.read, .execute, .modify]
        }
    }

    /// The permissions the facts give on their target.
    public static func held(_ facts: CatalogAccessFacts) -> Set<CatalogPermission> {
        if facts.isAdministrator {
            return facts.target == .folder ? Set(CatalogPermission.allCases) : Set(CatalogPermission.objectPermissions)
        }
        let folder = heldOnFolder(facts)
        switch facts.target {
        case .folder:
            return folder
        case .project, .environment:
            return heldOnFolderObject(facts, folder: folder)
        case .package:
            let project = heldOnFolderObject(facts, folder: folder)
            let roles = facts.packageRoles.reduce(into: Set<CatalogPermission>()) { $0.formUnion(onPackage($1)) }
            return Set(CatalogPermission.objectPermissions.filter { permission in
                (project.contains(permission) || roles.contains(permission)) && !deniedOnFolderObject(facts, permission)
            })
        }
    }

    static func heldOnFolder(_ facts: CatalogAccessFacts) -> Set<CatalogPermission> {
        let roles = facts.folderRoles.reduce(into: Set<CatalogPermission>()) { $0.formUnion(onFolder($1)) }
        return Set(CatalogPermission.allCases.filter { permission in
            let entry = facts.folderEntries[permission]
            return (entry == .grant || roles.contains(permission)) && entry != .deny
        })
    }

    /// A project's or environment's: its own grants, or the folder-level permission held.
    static func heldOnFolderObject(_ facts: CatalogAccessFacts, folder: Set<CatalogPermission>) -> Set<CatalogPermission> {
        Set(CatalogPermission.objectPermissions.filter { permission in
            let fromFolder = permission.folderLevel.map(folder.contains) ?? false
            return (facts.objectEntries[permission] == .grant || fromFolder) && !deniedOnFolderObject(facts, permission)
        })
    }

    static func deniedOnFolderObject(_ facts: CatalogAccessFacts, _ permission: CatalogPermission) -> Bool {
        facts.objectEntries[permission] == .deny || permission.folderLevel.map { facts.folderEntries[$0] == .deny } ?? false
    }
}

extension CatalogPermission {
    /// For an object permission, the folder-level permission that gives it on every project and
    /// environment of the folder (READ → READ_OBJECTS …); nil for the folder-only ones.
    public var folderLevel: CatalogPermission? {
        CatalogPermission.allCases.first { $0.givesOnFolderObjects == self }
    }
}

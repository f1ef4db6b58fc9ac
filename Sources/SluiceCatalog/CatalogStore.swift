import Foundation
import SluiceCore

/// Where the catalog keeps its objects: folders, projects with every deployed version, the
/// packages of each version, and the operations log. One protocol for every backend (SQLite,
/// ``SQLiteCatalogStore``; PostgreSQL, ``PostgresCatalogStore``), held to one conformance suite.
///
/// ```swift
/// let store = try SQLiteCatalogStore(path: "/var/lib/sluice/catalog.db")
/// try await store.createFolder("Finance", description: "", by: "alice")
/// let version = try await store.deployProject(archive, as: "Warehouse", into: "Finance", by: "alice")
/// let packages = try await store.packages(inFolder: "Finance", project: nil)
/// ```
///
/// The rules every backend keeps:
/// - Names are checked by ``CatalogName`` before anything reaches the database, and are unique
///   per parent without regard to case (SSISDB's default collation).
/// - Every change is one transaction, and is recorded in the operations log with its caller
///   and outcome; a refused change is recorded as failed and changes nothing else.
/// - Errors are `SluiceError`s with `SLUICE_E_CATALOG_*` codes (80001-80049), or the archive
///   reader's own codes for a refused archive.
/// - Methods are `async`: the catalog server (Hummingbird 2) calls them from its tasks, and a
///   backend waits for its database without holding a thread of the cooperative pool.
public protocol CatalogStore: Sendable {
    // MARK: Folders

    @discardableResult
    func createFolder(_ name: String, description: String, by caller: String) async throws -> CatalogFolder
    func renameFolder(_ name: String, to newName: String, by caller: String) async throws
    func setFolderDescription(_ name: String, _ description: String, by caller: String) async throws
    /// The folder `name`, nil when there is none.
    func folder(_ name: String) async throws -> CatalogFolder?
    /// Every folder, by name.
    func folders() async throws -> [CatalogFolder]
    /// Deletes the folder; one holding projects is refused (`SLUICE_E_CATALOG_FOLDER_NOT_EMPTY`)
    /// unless `recursive`, which deletes its projects, every version, with it.
    func deleteFolder(_ name: String, recursive: Bool, by caller: String) async throws

    // MARK: Projects

    /// Deploys a project archive (`.sluiceproj` bytes) as project `project` of `folder`: a new
    /// version, which becomes current; older versions are kept. All or nothing: an archive the
    /// reader refuses (its own `SLUICE_E_ARCHIVE_*` code) or a package that does not load
    /// (`SLUICE_E_CATALOG_DEPLOY_PACKAGE_INVALID`) leaves the catalog as it was.
    @discardableResult
    func deployProject(_ archive: [UInt8], as project: String, into folder: String, by caller: String) async throws -> CatalogProjectVersion
    /// The projects of `folder`, by name.
    func projects(inFolder folder: String) async throws -> [CatalogProject]
    func project(_ project: String, inFolder folder: String) async throws -> CatalogProject?
    /// Every retained version of the project, the newest first.
    func projectVersions(of project: String, inFolder folder: String) async throws -> [CatalogProjectVersion]
    /// Makes a retained version current again (SSISDB `restore_project`).
    func restoreProject(_ project: String, inFolder folder: String, version: Int64, by caller: String) async throws
    /// Moves the project, every version, to another folder.
    func moveProject(_ project: String, from folder: String, to newFolder: String, by caller: String) async throws
    /// The archive bytes of a version, the current one when `version` is nil: what was deployed,
    /// byte for byte.
    func exportProject(_ project: String, inFolder folder: String, version: Int64?) async throws -> [UInt8]
    func deleteProject(_ project: String, inFolder folder: String, by caller: String) async throws

    // MARK: Packages (of each project's current version)

    /// The packages of the current versions of the projects of `folder` (every folder when nil),
    /// of `project` only when given; by folder, project, then the project's package order.
    func packages(inFolder folder: String?, project: String?) async throws -> [CatalogPackage]
    /// Whether the project's current version has the package (`Load` or `Load.sluice.json`).
    func packageExists(_ package: String, project: String, inFolder folder: String) async throws -> Bool
    /// The package file's bytes in the project's current version.
    func exportPackage(_ package: String, project: String, inFolder folder: String) async throws -> [UInt8]

    // MARK: Operations log, schema

    /// The operations log, the newest first, narrowed by `filter`.
    func operations(_ filter: CatalogOperationFilter) async throws -> [CatalogOperation]
    /// The schema migrations applied to the store, in order (`["v1"]`).
    func appliedMigrations() async throws -> [String]
    /// The catalog's change counter: it grows whenever a change to what the catalog lists
    /// commits (objects, versions, packages, users, permissions, roles, configuration), made by
    /// this process or any other on the same database. Reading it is one primary-key read, so
    /// a cache keyed by it, read before the data it keeps, is never served stale.
    func generation() async throws -> Int64
}

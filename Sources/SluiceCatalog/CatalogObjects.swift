import Foundation

// The catalog's objects as a store returns them: plain values, the same for every backend.

/// A catalog folder (SSISDB `catalog.folders`).
public struct CatalogFolder: Sendable, Hashable {
    public var name: String
    public var description: String
    public var createdBy: String
    public var createdAt: Date
}

/// A project of a folder (SSISDB `catalog.projects`): its current version's fields.
public struct CatalogProject: Sendable, Hashable {
    public var folder: String
    public var name: String
    /// The `id` of the project file in the current version.
    public var projectID: UUID
    public var description: String
    /// The current version's number (``CatalogProjectVersion/number``).
    public var currentVersion: Int64
    public var deployedBy: String
    public var deployedAt: Date
}

/// One retained version of a project (SSISDB `catalog.object_versions`).
public struct CatalogProjectVersion: Sendable, Hashable {
    /// The version's number: unique in the whole catalog and growing, as SSISDB's
    /// `object_version_lsn`; a deploy never reuses one.
    public var number: Int64
    public var folder: String
    public var project: String
    public var projectID: UUID
    public var description: String
    public var deployedBy: String
    public var deployedAt: Date
    /// The archive's size in bytes.
    public var archiveBytes: Int
    /// The archive's SHA-256, lowercase hex.
    public var archiveSHA256: String
    public var packageCount: Int
    /// True for the version the project runs: the last deployed, or the one restored.
    public var isCurrent: Bool
    /// When a restore last made this version current again; nil when none has.
    public var restoredAt: Date?
}

/// A package of a project's current version (SSISDB `catalog.packages`).
public struct CatalogPackage: Sendable, Hashable {
    public var folder: String
    public var project: String
    /// The package's name: its file name without `.sluice.json` (SSIS: `Load.dtsx` is `Load`).
    public var name: String
    /// The file name in the project (`Load.sluice.json`).
    public var file: String
    /// The package's `id` (SSIS `PackageID`).
    public var packageID: UUID
    public var versionMajor: Int
    public var versionMinor: Int
    public var versionBuild: Int
    /// The package's version id (SSIS `VersionID`); nil when its file gives none.
    public var versionID: UUID?
    public var description: String
    /// The project version the package belongs to.
    public var projectVersion: Int64
}

import Foundation

/// Who made a package, when, and which version it is: SSIS's package properties `CreationDate`,
/// `CreatorName`, `CreatorComputerName`, `VersionMajor`, `VersionMinor`, `VersionBuild`,
/// `VersionGUID` and `VersionComment`. The runtime shows them as the system variables of the
/// same names (docs/system-variables.md).
///
/// ```swift
/// var package = Package(name: "Nightly")
/// package.metadata.versionMajor = 2
/// package.metadata.creatorName = "etl"
/// ```
public struct PackageMetadata: Sendable, Hashable {
    /// When the package was created; nil when unknown (System::CreationDate is then 1899-12-30,
    /// DT_DATE's zero, as SSIS shows an unset date).
    public var creationDate: Date?
    public var creatorName = ""
    public var creatorComputerName = ""
    public var versionMajor = 1
    public var versionMinor = 0
    public var versionBuild = 0
    /// The id of this version of the package; nil when the file gives none.
    public var versionID: UUID?
    public var versionComment = ""

    public init() {}

    /// True when every field has its default value (the file then leaves them all out).
    public var isDefault: Bool { self == PackageMetadata() }
}

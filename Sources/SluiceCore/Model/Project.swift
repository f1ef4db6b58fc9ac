import Foundation

/// A project (SSIS's project deployment model): a folder holding `project.sluice.json` and the
/// project's package files. The project's parameters (`$Project::Name`) and connection managers
/// are seen by every package of the project, and an Execute Package task may run another
/// package of the same project by name.
///
/// ```swift
/// var project = Project(name: "Warehouse")
/// project.parameters = [Parameter("Region", type: .wstr, value: .string("emea"), required: true)]
/// project.connections = [ConnectionManager("Stage", kind: "sluice.sqlite", connectionString: "stage.db")]
/// project.packages = ["Load.sluice.json", "Publish.sluice.json"]
/// try ProjectFile.save(project, toFolder: "warehouse")
/// ```
public struct Project: Sendable, Hashable {
    /// The project file every project folder holds.
    public static let fileName = "project.sluice.json"
    /// The suffix of a package file name; `--package Load` and `--package Load.sluice.json` name the same.
    public static let packageSuffix = ".sluice.json"

    public var name: String
    public var id: UUID
    public var description: String
    public var parameters: [Parameter] = []
    public var connections: [ConnectionManager] = []
    /// The package files of the project: plain file names in its folder, ending in `.sluice.json`.
    public var packages: [String] = []

    public init(name: String, id: UUID = UUID.random(), description: String = "") {
        self.name = name
        self.id = id
        self.description = description
    }

    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }
    public func connection(named name: String) -> ConnectionManager? { connections.first { $0.name == name } }

    /// The package names, as `--package` and an Execute Package task's `packageName` take them.
    public var packageNames: [String] { packages.map(Self.packageName(ofFile:)) }

    /// The file of the package `name` (`Load` or `Load.sluice.json`), nil when the project has none.
    /// SSIS names a project package by its file name (`Load.dtsx`); both spellings are accepted.
    /// An exact file name wins over a package name, so `A.sluice.json` never picks the file
    /// `A.sluice.json.sluice.json` (project files naming both are refused on load).
    public func packageFile(named name: String) -> String? {
        packages.first { $0 == name } ?? packages.first { Self.packageName(ofFile: $0) == name }
    }

    static func packageName(ofFile file: String) -> String {
        file.hasSuffix(packageSuffix) ? String(file.dropLast(packageSuffix.count)) : file
    }
}

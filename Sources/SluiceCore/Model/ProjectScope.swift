import Foundation

/// What a package run from a project sees of the project: its parameters, with the values of
/// this run (`--param '$Project::Name=value'` applied), its connection managers, and the folder
/// its packages are loaded from. The runtime passes it on to child packages that an Execute
/// Package task runs by project reference, so parent and child see the same values.
public struct ProjectScope: Sendable, Hashable {
    public var project: Project
    /// The project folder.
    public var folder: String

    public init(project: Project, folder: String) {
        self.project = project
        self.folder = folder
    }

    /// Loads a project and wraps it with its folder.
    /// - Throws: what ``ProjectFile/load(fromFolder:)`` throws.
    public static func load(fromFolder folder: String) throws -> ProjectScope {
        ProjectScope(project: try ProjectFile.load(fromFolder: folder), folder: folder)
    }

    /// The path of the package `name`'s file.
    /// - Throws: `SLUICE_E_PROJECT_PACKAGE_NOT_FOUND` when the project lists no such package.
    public func packagePath(named name: String) throws -> String {
        guard let file = project.packageFile(named: name) else {
            throw SluiceError(.projectPackageNotFound, [
                "project": project.name, "name": name,
                "packages": project.packageNames.isEmpty ? "none" : project.packageNames.joined(separator: ", "),
            ])
        }
        return URL(fileURLWithPath: folder).appendingPathComponent(file).path
    }

    /// Loads the package `name` of the project.
    /// - Throws: `SLUICE_E_PROJECT_PACKAGE_NOT_FOUND`, then what ``PackageFile/load(from:)`` throws.
    public func loadPackage(named name: String) throws -> (package: Package, path: String) {
        let path = try packagePath(named: name)
        return (try PackageFile.load(from: path), path)
    }
}

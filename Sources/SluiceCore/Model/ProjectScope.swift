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
        // A project built in code was never decoded: its names are checked here too.
        guard ProjectDecoder.isPlainPackageFileName(file) else {
            throw SluiceError(.projectPackagePathInvalid, ["location": "project \(project.name)", "path": file])
        }
        let path = URL(fileURLWithPath: folder).appendingPathComponent(file).path
        try Self.requireInside(folder, path, file: file, project: project.name)
        return path
    }

    /// A package file that is a symbolic link must resolve inside the project folder: a
    /// project never reaches outside it. A missing file is left for the loader to report.
    private static func requireInside(_ folder: String, _ path: String, file: String, project: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return }
        guard let real = realPath(path), let base = realPath(folder), real.hasPrefix(base == "/" ? "/" : base + "/") else {
            throw SluiceError(.projectPackagePathInvalid, [
                "location": "project \(project)", "path": "\(file) (a symbolic link leading outside the project folder)",
            ])
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Loads the package `name` of the project.
    /// - Throws: `SLUICE_E_PROJECT_PACKAGE_NOT_FOUND`, then what ``PackageFile/load(from:)`` throws.
    public func loadPackage(named name: String) throws -> (package: Package, path: String) {
        let path = try packagePath(named: name)
        return (try PackageFile.load(from: path), path)
    }
}

import Foundation

/// Loads and saves `project.sluice.json`, the project file of a project folder.
///
/// The file starts with `"format": "sluice.project"` and `"formatVersion": 1`; keys are always
/// written in the same order, defaults left out, so load-then-save gives the same bytes. The
/// schema is `schema/project.schema.json`; parameters and connection managers are written
/// exactly as in a package file.
///
/// ```swift
/// let project = try ProjectFile.load(fromFolder: "warehouse")
/// try ProjectFile.save(project, toFolder: "warehouse-copy")
/// ```
public enum ProjectFile {
    public static let format = "sluice.project"
    public static let formatVersion: Int64 = 1

    /// Loads the project file of a project folder.
    /// - Throws: `SLUICE_E_PROJECT_NOT_FOUND` when the folder or its project file does not exist;
    ///   `SLUICE_E_PROJECT_UNREADABLE`, `SLUICE_E_JSON_MALFORMED`, `SLUICE_E_PROJECT_FORMAT_UNKNOWN`,
    ///   `SLUICE_E_PROJECT_FIELD_INVALID`, `SLUICE_E_PROJECT_PACKAGE_PATH_INVALID`,
    ///   `SLUICE_E_PROJECT_DUPLICATE_NAME`.
    public static func load(fromFolder folder: String) throws -> Project {
        let path = filePath(inFolder: folder)
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path)
        } catch .notFound {
            throw SluiceError(.projectNotFound, ["path": folder])
        } catch .unreadable(let reason) {
            throw SluiceError(.projectUnreadable, ["path": path, "reason": reason])
        }
        return try decode(bytes)
    }

    /// Whether `path` is a project folder: a directory holding a project file. Any other
    /// directory is no project, and stays what it was: a package path that is not a file.
    public static func isProjectFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: filePath(inFolder: path))
    }

    /// The project file's path in `folder`.
    public static func filePath(inFolder folder: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(Project.fileName).path
    }

    /// Decodes a project from the bytes of a project file.
    public static func decode(_ bytes: [UInt8]) throws -> Project {
        try ProjectDecoder.decodeFile(try JSONParser.parse(bytes))
    }

    /// The text of the project file for `project`.
    public static func encode(_ project: Project) -> String {
        JSONWriter.write(ProjectEncoder.encodeFile(project))
    }

    /// Saves the project file into `folder` (atomically), creating the folder if needed. The
    /// packages are saved with ``PackageFile/save(_:to:)``.
    public static func save(_ project: Project, toFolder folder: String) throws {
        let path = filePath(inFolder: folder)
        for file in project.packages where !ProjectDecoder.isPlainPackageFileName(file) {
            throw SluiceError(.projectPackagePathInvalid, ["location": "project \(project.name)", "path": file])
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(encode(project).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SluiceError(.projectUnwritable, ["path": path, "reason": error.localizedDescription], cause: error)
        }
    }
}

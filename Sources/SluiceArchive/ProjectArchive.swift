import Foundation
import SluiceCore

/// A project in one file: `NAME.sluiceproj`, a zip holding `project.sluice.json` and the
/// project's package files at its root (SSIS's `.ispac`). docs/projects.md, "Project archives".
///
/// ```swift
/// try ProjectArchive.write(folder: "warehouse", to: "warehouse.sluiceproj")
/// let contents = try ProjectArchive.read(fromFile: "warehouse.sluiceproj")
/// let extracted = try contents.extract()       // a private folder; remove() when done
/// defer { extracted.remove() }
/// let (package, path) = try extracted.scope.loadPackage(named: "Load")
/// ```
public enum ProjectArchive {
    /// The archive's file name extension, without the dot.
    public static let fileExtension = "sluiceproj"

    /// Whether `path` names a project archive (by its extension, as dtexec tells .ispac).
    public static func isArchivePath(_ path: String) -> Bool {
        path.hasSuffix("." + fileExtension)
    }

    /// The archive of the project folder `folder`: its project file and the packages it lists,
    /// byte for byte, nothing else. The same folder gives the same bytes.
    /// - Throws: what loading the project and each package throws (a project that does not
    ///   load is not packed); `SLUICE_E_ARCHIVE_*` when a file is unreadable or the archive would
    ///   pass `limits` (the archive is read back with them before it is returned).
    public static func write(folder: String, limits: ArchiveLimits = .standard) throws -> [UInt8] {
        let scope = try ProjectScope.load(fromFolder: folder)
        var files = [ZipWriter.File(name: Project.fileName, bytes: try contents(of: ProjectFile.filePath(inFolder: folder), limits))]
        for file in scope.project.packages {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(file).path
            _ = try PackageFile.load(from: path)
            files.append(ZipWriter.File(name: file, bytes: try contents(of: path, limits)))
        }
        let total = files.reduce(0) { $0 + $1.bytes.count }
        if total > limits.maxTotalBytes { throw SluiceError(.archiveContentTooLarge, ["path": folder, "limit": String(limits.maxTotalBytes)]) }
        if files.count > limits.maxEntries {
            throw SluiceError(.archiveTooManyEntries, ["path": folder, "count": String(files.count), "limit": String(limits.maxEntries)])
        }
        let archive = ZipWriter.archive(files, maxRatio: limits.maxCompressionRatio)
        // What is written must be what is read: a name the reader refuses is refused here.
        _ = try read(archive, path: folder, limits: limits)
        return archive
    }

    /// Writes the archive of `folder` to `file` (atomically: a reader never sees half of it).
    public static func write(folder: String, to file: String, limits: ArchiveLimits = .standard) throws {
        let archive = try write(folder: folder, limits: limits)
        do {
            try Data(archive).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw SluiceError(.archiveUnwritable, ["path": file, "reason": error.localizedDescription], cause: error)
        }
    }

    /// Reads an archive from memory; `path` names it in messages. Nothing is written anywhere.
    /// - Throws: `SLUICE_E_ARCHIVE_*` for an archive that breaks a rule or a limit, then what
    ///   decoding the project file throws.
    public static func read(_ bytes: [UInt8], path: String = "(archive in memory)", limits: ArchiveLimits = .standard) throws -> ProjectArchiveContents {
        let entries = try ZipReader(bytes: bytes, path: path, limits: limits).entries()
        guard let projectFile = entries.first(where: { $0.name == Project.fileName }) else {
            throw SluiceError(.archiveProjectFileMissing, ["path": path])
        }
        let project = try ProjectFile.decode(projectFile.bytes)
        var files: [String: [UInt8]] = [:]
        for entry in entries { files[entry.name] = entry.bytes }
        // Names are matched byte for byte: Swift's String equality is canonical equivalence,
        // so a composed "café" would match a decomposed entry that is written under other bytes.
        let entryBytes = Set(entries.map { Array($0.name.utf8) })
        for package in project.packages where !entryBytes.contains(Array(package.utf8)) {
            throw SluiceError(.archivePackageMissing, ["path": path, "name": package])
        }
        let listed = Set(project.packages.map { Array($0.utf8) })
        for entry in entries where entry.name != Project.fileName && !listed.contains(Array(entry.name.utf8)) {
            throw SluiceError(.archiveEntryUnsupported, [
                "path": path, "entry": entry.name, "reason": "the project does not list it as a package, and an archive holds nothing else",
            ])
        }
        return ProjectArchiveContents(project: project, files: files)
    }

    /// Reads the archive file at `path`.
    /// - Throws: `SLUICE_E_ARCHIVE_NOT_FOUND`, `SLUICE_E_ARCHIVE_UNREADABLE`,
    ///   `SLUICE_E_ARCHIVE_TOO_LARGE`, then what ``read(_:path:limits:)`` throws.
    public static func read(fromFile path: String, limits: ArchiveLimits = .standard) throws -> ProjectArchiveContents {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: limits.maxArchiveBytes)
        } catch .notFound {
            throw SluiceError(.archiveNotFound, ["path": path])
        } catch .unreadable(let reason) {
            throw SluiceError(.archiveUnreadable, ["path": path, "reason": reason])
        } catch .tooLarge(let size) {
            throw SluiceError(.archiveTooLarge, ["path": path, "bytes": String(size), "limit": String(limits.maxArchiveBytes)])
        }
        return try read(bytes, path: path, limits: limits)
    }

    /// A project folder's file, for packing.
    private static func contents(of path: String, _ limits: ArchiveLimits) throws -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: limits.maxEntryBytes)
        } catch .notFound {
            throw SluiceError(.archiveUnreadable, ["path": path, "reason": "it does not exist"])
        } catch .unreadable(let reason) {
            throw SluiceError(.archiveUnreadable, ["path": path, "reason": reason])
        } catch .tooLarge {
            throw SluiceError(.archiveEntryTooLarge, [
                "path": path, "entry": URL(fileURLWithPath: path).lastPathComponent, "limit": String(limits.maxEntryBytes),
            ])
        }
    }
}

/// An archive read and checked: the project, and its files by name.
public struct ProjectArchiveContents: Sendable {
    public let project: Project
    /// Every entry: the project file and the packages it lists.
    public let files: [String: [UInt8]]

    /// Decodes the package `name` (with or without `.sluice.json`).
    /// - Throws: `SLUICE_E_PROJECT_PACKAGE_NOT_FOUND`, then what ``PackageFile/decode(_:)`` throws.
    public func package(named name: String) throws -> Package {
        guard let file = project.packageFile(named: name), let bytes = files[file] else {
            throw SluiceError(.projectPackageNotFound, [
                "project": project.name, "name": name,
                "packages": project.packageNames.isEmpty ? "none" : project.packageNames.joined(separator: ", "),
            ])
        }
        return try PackageFile.decode(bytes)
    }

    /// Writes the files to a new private folder (mode 0700, made by mkdtemp under `parent`,
    /// `$TMPDIR` or /tmp by default) and returns it as a project; nothing outside it is touched.
    /// - Throws: `SLUICE_E_ARCHIVE_UNWRITABLE` (and leaves no folder behind).
    public func extract(under parent: String? = nil) throws -> ExtractedProject {
        try ExtractedProject(self, under: parent ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp")
    }
}

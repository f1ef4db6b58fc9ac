import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One package or project found in a folder of the file-system package store.
public struct PackageStoreEntry: Sendable {
    public enum Kind: String, Sendable {
        case package, project
    }

    public var kind: Kind
    /// The package file, or the project folder.
    public var path: String
    public var name: String
    public var id: UUID?
    /// `major.minor.build` for a package; empty for a project (projects carry no version).
    public var version: String
    public var description: String
    /// The project a package belongs to; nil for a package on its own and for a project.
    public var project: String?
    /// Why the file could not be read; the other fields are then the file's name only.
    public var error: SluiceError?
}

/// The file-system package store (SSIS's "File System" folder of the package store, which
/// dtutil and SSMS enumerate): the package files and projects in a folder.
///
/// A folder holding `project.sluice.json` is a project: it is listed with the packages it names
/// (and nothing else of it). Other `*.sluice.json` files are packages. Subfolders that are
/// projects are always listed; other subfolders only with `recursive`. Symbolic links to
/// folders are not followed, and each folder is visited once, so a listing always ends.
public enum PackageStore {
    /// - Throws: `SLUICE_E_PACKAGE_STORE_FOLDER_INVALID` when `folder` is not a readable folder.
    ///   A package or project that cannot be read is an entry with its error, not a failure.
    public static func list(_ folder: String, recursive: Bool = false) throws -> [PackageStoreEntry] {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw SluiceError(.packageStoreFolderInvalid, ["path": folder, "reason": String(cString: strerror(errno))])
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw SluiceError(.packageStoreFolderInvalid, ["path": folder, "reason": "it is not a folder"])
        }
        var entries: [PackageStoreEntry] = []
        var visited: Set<FolderIdentity> = [FolderIdentity(info)]
        var pending = [(path: folder, walk: true)]
        while let (current, walk) = pending.popLast() {
            if ProjectFile.isProjectFolder(current) {
                entries += projectEntries(current)
                continue
            }
            guard walk else { continue }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: current).sorted()
            } catch {
                if current == folder {
                    throw SluiceError(.packageStoreFolderInvalid, ["path": folder, "reason": error.localizedDescription])
                }
                continue  // a subfolder we may not read is left out, as `ls -R` would report and go on
            }
            var subfolders: [String] = []
            for name in names where !name.hasPrefix(".") {
                let path = current == "/" ? "/" + name : current + "/" + name
                var child = stat()
                guard lstat(path, &child) == 0 else { continue }
                switch child.st_mode & S_IFMT {
                case S_IFDIR:
                    if visited.insert(FolderIdentity(child)).inserted { subfolders.append(path) }
                case S_IFREG, S_IFLNK:
                    if name.hasSuffix(Project.packageSuffix) { entries.append(packageEntry(path, project: nil)) }
                default:
                    break
                }
            }
            // Reversed onto the stack, so folders come out in name order.
            pending += subfolders.reversed().map { ($0, recursive) }
        }
        return entries
    }

    private static func projectEntries(_ folder: String) -> [PackageStoreEntry] {
        let project: Project
        do {
            project = try ProjectFile.load(fromFolder: folder)
        } catch {
            return [unreadable(.project, folder, error)]
        }
        var entries = [
            PackageStoreEntry(
                kind: .project, path: folder, name: project.name, id: project.id, version: "", description: project.description)
        ]
        let scope = ProjectScope(project: project, folder: folder)
        for name in project.packageNames {
            do {
                entries.append(packageEntry(try scope.packagePath(named: name), project: project.name))
            } catch {
                entries.append(unreadable(.package, folder + "/" + name + Project.packageSuffix, error, project: project.name))
            }
        }
        return entries
    }

    private static func packageEntry(_ path: String, project: String?) -> PackageStoreEntry {
        do {
            let p = try PackageFile.load(from: path)
            let m = p.metadata
            return PackageStoreEntry(
                kind: .package, path: path, name: p.name, id: p.id, version: "\(m.versionMajor).\(m.versionMinor).\(m.versionBuild)",
                description: p.description, project: project)
        } catch {
            return unreadable(.package, path, error, project: project)
        }
    }

    private static func unreadable(_ kind: PackageStoreEntry.Kind, _ path: String, _ error: any Error, project: String? = nil) -> PackageStoreEntry {
        let coded = error as? SluiceError ?? SluiceError(.packageUnreadable, ["path": path, "reason": "\(error)"])
        let name = URL(fileURLWithPath: path).lastPathComponent
        return PackageStoreEntry(
            kind: kind, path: path, name: kind == .package ? Project.packageName(ofFile: name) : name, id: nil, version: "",
            description: "", project: project, error: coded)
    }
}

/// A folder's device and inode: the same folder under two paths is visited once.
private struct FolderIdentity: Hashable {
    let device: UInt64
    let inode: UInt64
    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

import Foundation
import SluiceCore

/// The files a Foreach file enumerator walks over: those in `folder` (and, when recursive, in
/// its subdirectories) whose name matches `pattern` (``FileNamePattern``), sorted by path.
///
/// The rules, chosen so a walk is predictable and always ends:
/// - `folder` itself may be a symbolic link; it is followed, and the paths reported start with
///   `folder` as written;
/// - regular files count, and symbolic links to regular files; directories, FIFOs, sockets,
///   devices and dangling links do not;
/// - a recursive walk does not follow symbolic links to directories (as `find` without `-L`):
///   what it lists stays inside the folder's own tree, and a link loop cannot make it endless.
///   Each directory is also entered once only, by device and inode (bind mounts);
/// - a folder that is missing, is not a directory, or cannot be read (itself or any
///   subdirectory) is `SLUICE_E_FOREACH_FOLDER_UNREADABLE`, never an empty list.
struct FolderWalk {
    let folder: String
    let pattern: FileNamePattern
    let recursive: Bool
    /// The Foreach Loop, for error messages.
    let executable: String

    func files() throws -> [String] {
        var info = stat()
        guard stat(folder, &info) == 0 else { throw unreadable(folder, String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw unreadable(folder, "it is not a directory") }
        var visited: Set<DirectoryID> = [DirectoryID(info)]
        var pending = [folder]
        var found: [String] = []
        // An explicit stack, not recursion: a deep tree cannot exhaust the thread's stack.
        while let directory = pending.popLast() {
            for name in try names(in: directory) {
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                var entry = stat()
                guard lstat(path, &entry) == 0 else { continue }  // removed while we walk
                switch entry.st_mode & S_IFMT {
                case S_IFDIR:
                    if recursive, visited.insert(DirectoryID(entry)).inserted {
                        pending.append(path)
                    }
                case S_IFREG:
                    if pattern.matches(name) { found.append(path) }
                case S_IFLNK:
                    var target = stat()
                    if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG, pattern.matches(name) { found.append(path) }
                default:
                    break
                }
            }
        }
        return found.sorted()
    }

    /// A directory by device and inode, however it was reached.
    private struct DirectoryID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    private func names(in directory: String) throws -> [String] {
        guard let stream = opendir(directory) else { throw unreadable(directory, String(cString: strerror(errno))) }
        defer { closedir(stream) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
            errno = 0
        }
        if errno != 0 { throw unreadable(directory, String(cString: strerror(errno))) }
        return names
    }

    private func unreadable(_ path: String, _ reason: String) -> SluiceError {
        let detail = path == folder ? reason : "\"\(path)\": \(reason)"
        return SluiceError(.foreachFolderUnreadable, ["executable": executable, "folder": folder, "reason": detail])
    }
}

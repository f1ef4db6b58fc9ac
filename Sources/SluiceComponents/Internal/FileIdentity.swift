#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, told apart by device and inode rather than by spelling: `a/../b`, a
/// symbolic link, a hard link and a bind mount of one directory all give the same identity.
/// Path text cannot be compared safely: `link/..` is the parent of the link's *target*, which
/// a lexical `..` gets wrong.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    /// The identity of what `path` names, following symbolic links; nil when nothing is there.
    static func of(_ path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The identities of the resolved directory `directory` and of every directory above it up
    /// to `/`: a path lies inside (or at) a directory exactly when that directory's identity is
    /// among those of the path's own directory chain.
    static func chain(from directory: String) -> Set<FileIdentity> {
        var found: Set<FileIdentity> = []
        var current = directory
        // A loop, not recursion: the depth is bounded by the length of the resolved path.
        while true {
            if let id = of(current) { found.insert(id) }
            if current == "/" { return found }
            current = RealPath.parent(of: current)
        }
    }
}

/// Paths as the kernel resolves them.
enum RealPath {
    /// `path` with every symbolic link, `.` and `..` resolved (realpath(3)); nil when it does
    /// not exist.
    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The parent of an absolute, resolved path (`/` for `/x` and for `/`).
    static func parent(of resolved: String) -> String {
        guard let slash = resolved.lastIndex(of: "/"), slash != resolved.startIndex else { return "/" }
        return String(resolved[..<slash])
    }

    /// The last component of `path` as written (`b` for `a/b/`), which may be `.` or `..`.
    static func lastComponent(of path: String) -> Substring {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return trimmed[trimmed.index(after: slash)...]
    }

    /// The directory part of `path` as written (`a` for `a/b`, `.` for `b`, `/` for `/b`).
    static func directoryPart(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// `path` with its directory resolved but its last component kept: a symbolic link stays
    /// the link (moving a link moves the link), while `x/..` or `.` become the real directory
    /// they name. Nil when the directory does not exist.
    static func locate(_ path: String) -> String? {
        let name = lastComponent(of: path)
        if name.isEmpty || name == "." || name == ".." || name == "/" { return resolve(path) }
        guard let directory = resolve(directoryPart(of: path)) else { return nil }
        return directory == "/" ? "/" + name : directory + "/" + name
    }
}

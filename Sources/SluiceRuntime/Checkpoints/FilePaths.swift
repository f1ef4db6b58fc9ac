import Glibc

/// Path helpers on the C library (Foundation's `URL` and `NSString` forms normalise paths in
/// ways that are not the kernel's).
enum FilePaths {
    /// The canonical path of an existing file or directory: every symbolic link and `.`/`..` resolved.
    static func real(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The directory part and the last component of `path` (`"a/b"` → `("a", "b")`, `"b"` → `(".", "b")`).
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// The real path `path` would have once created: its directory resolved, its name kept.
    static func realIfCreated(_ path: String) -> String? {
        let (directory, name) = split(path)
        guard let dir = real(directory) else { return nil }
        return dir == "/" ? "/" + name : dir + "/" + name
    }

    /// What a file of this mode is when it is not a regular file ("a directory", …), or nil.
    static func irregularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }
}

/// A failed system call's errno, with its text.
struct Errno: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { String(cString: strerror(code)) }
}

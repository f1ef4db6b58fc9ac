#if canImport(Glibc)
    import Glibc
#endif

/// The identity of a library file as discovery keys it: the resolved path, the size, the
/// modification time in nanoseconds and the inode. A change to any of them means "scan again".
public struct LibraryFileStamp: Sendable, Hashable {
    /// The path with every symbolic link resolved.
    public let path: String
    public let size: Int64
    public let modifiedNanoseconds: Int64
    public let inode: UInt64

    public init(path: String, size: Int64, modifiedNanoseconds: Int64, inode: UInt64) {
        self.path = path
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
    }

    /// The stamp of the file at `path` (already resolved), or nil when it cannot be stat'ed.
    public static func of(_ path: String) -> LibraryFileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        // Multiplication and addition with overflow reported: a forged mtime must not trap.
        let (seconds, overflow) = Int64(info.st_mtim.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        let nanoseconds = overflow ? Int64.max : seconds.addingReportingOverflow(Int64(info.st_mtim.tv_nsec)).partialValue
        return LibraryFileStamp(
            path: path, size: Int64(info.st_size), modifiedNanoseconds: nanoseconds, inode: UInt64(info.st_ino))
    }
}

import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh folder only this user can enter (mkdtemp(3): mode 0700, a name no one else chose),
/// for files a run must not share: an archive's extracted project, a child's values file.
///
/// Folders still in use are remembered, so that a process about to `_exit` (a second signal
/// stops at once and runs no `defer`) can remove them all with ``removeAll()``.
public enum PrivateFolder {
    private static let live = Mutex<Set<String>>([])

    /// Makes `parent/PREFIXnnnnnn` and remembers it until ``remove(_:)``.
    /// - Returns: the folder's path, or why it could not be made (strerror's text).
    public static func make(prefix: String, in parent: String) -> Result<String, PrivateFolderFailure> {
        // mkdtemp(3) requires the name to end in six X's, which it replaces in place.
        var template = Array(URL(fileURLWithPath: parent).appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkdtemp($0) != nil } ?? false }
        guard made else { return .failure(PrivateFolderFailure(reason: String(cString: strerror(errno)))) }
        let folder = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        _ = live.withLock { $0.insert(folder) }
        return .success(folder)
    }

    /// Deletes `folder` and everything in it, and forgets it.
    public static func remove(_ folder: String) {
        _ = live.withLock { $0.remove(folder) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Deletes every folder not yet removed: for a process about to `_exit`.
    public static func removeAll() {
        let folders = live.withLock { folders in defer { folders = [] }; return folders }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }
}

/// Why ``PrivateFolder/make(prefix:in:)`` failed; the caller wraps it in its own coded error.
public struct PrivateFolderFailure: Error {
    public let reason: String
}

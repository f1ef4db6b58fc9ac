import Foundation
import SluiceCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An archive's project in a private temporary folder, for as long as a run needs it. The
/// runtime then sees an ordinary project folder: Execute Package by project reference works
/// unchanged. ``remove()`` deletes the folder; so does ``removeAll()``, which a process that
/// must exit at once calls, and so does the object's end.
public final class ExtractedProject: Sendable {
    /// The private folder.
    public let folder: String
    /// The project, loaded from that folder.
    public let scope: ProjectScope
    private let removed = Mutex(false)

    /// Folders not yet removed, for ``removeAll()``.
    private static let live = Mutex<[String: Void]>([:])

    init(_ contents: ProjectArchiveContents, under parent: String) throws {
        var template = Array(URL(fileURLWithPath: parent).appendingPathComponent("sluice-project-XXXXXX").path.utf8CString)
        guard template.withUnsafeMutableBufferPointer({ $0.baseAddress.map { mkdtemp($0) != nil } ?? false }) else {
            throw SluiceError(.archiveUnwritable, ["path": parent, "reason": "no private folder: \(FileBytes.describe(errno))"])
        }
        // mkdtemp replaced the X's in place.
        let folder = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for (name, bytes) in contents.files.sorted(by: { $0.key < $1.key }) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            if let reason = FileBytes.create(path, bytes) {
                try? FileManager.default.removeItem(atPath: folder)
                throw SluiceError(.archiveUnwritable, ["path": path, "reason": reason])
            }
        }
        self.folder = folder
        self.scope = ProjectScope(project: contents.project, folder: folder)
        Self.live.withLock { $0[folder] = () }
    }

    deinit { remove() }

    /// Deletes the folder and everything in it (a run may have left files there). Idempotent.
    public func remove() {
        guard removed.withLock({ was in defer { was = true }; return !was }) else { return }
        _ = Self.live.withLock { $0.removeValue(forKey: folder) }
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Deletes every folder not yet removed: for a process about to `_exit`.
    public static func removeAll() {
        let folders = live.withLock { folders in defer { folders = [:] }; return Array(folders.keys) }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }
}

import Foundation
import SluiceCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An archive's project in a private temporary folder, for as long as a run needs it. The
/// runtime then sees an ordinary project folder: Execute Package by project reference works
/// unchanged. ``remove()`` deletes the folder; so does `PrivateFolder.removeAll()`, which a
/// process that must exit at once calls, and so does the object's end.
public final class ExtractedProject: Sendable {
    /// The private folder.
    public let folder: String
    /// The project, loaded from that folder.
    public let scope: ProjectScope
    private let removed = Mutex(false)

    init(_ contents: ProjectArchiveContents, under parent: String) throws {
        let folder: String
        switch PrivateFolder.make(prefix: "sluice-project-", in: parent) {
        case .success(let made): folder = made
        case .failure(let failure):
            throw SluiceError(.archiveUnwritable, ["path": parent, "reason": "no private folder: \(failure.reason)"])
        }
        for (name, bytes) in contents.files.sorted(by: { $0.key < $1.key }) {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            if let reason = FileBytes.create(path, bytes) {
                PrivateFolder.remove(folder)
                throw SluiceError(.archiveUnwritable, ["path": path, "reason": reason])
            }
        }
        self.folder = folder
        self.scope = ProjectScope(project: contents.project, folder: folder)
    }

    deinit { remove() }

    /// Deletes the folder and everything in it (a run may have left files there). Idempotent.
    public func remove() {
        guard removed.withLock({ was in defer { was = true }; return !was }) else { return }
        PrivateFolder.remove(folder)
    }
}

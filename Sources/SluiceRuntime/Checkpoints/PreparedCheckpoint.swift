import Glibc
import SluiceCore

/// A run's checkpoint before validation: the file resolved and checked, an existing one
/// identified, locked and (for a restart) read. Nothing is written until ``CheckpointStore``.
struct PreparedCheckpoint: Sendable {
    let settings: CheckpointSettings
    let target: CheckpointTarget
    /// The existing checkpoint file, open and (for a run) locked; nil when there is none.
    let existing: OpenCheckpoint?
    /// What the existing file holds, when the run restarts from it.
    let contents: CheckpointContents?

    /// Checks the checkpoint file of `package` and, for a run that may restart, reads it.
    ///
    /// Refused, before anything runs: a path that is not a regular file; a file the run uses
    /// (the package file, a log file, …); an existing file that is not a Sluice checkpoint, or
    /// is one of another package or format version (never overwritten, never removed). With
    /// usage Never, an existing checkpoint of this package (or of an older format) is replaced.
    /// - Parameter run: false for validation: nothing is locked or read past the header, and a
    ///   missing file is not an error.
    init(_ settings: CheckpointSettings, package: Package, options: RunOptions, run: Bool = true) throws {
        self.settings = settings
        let target = try CheckpointTarget(settings.fileName)
        self.target = target
        try target.refuseFilesInUse(FilesInUse(package: package, options: options))
        let directory = FilePaths.split(target.resolved).directory
        if settings.save, access(directory, W_OK) != 0 {
            throw SluiceError(.checkpointUnwritable, ["path": target.path, "reason": "cannot write in \"\(directory)\": \(Errno(errno))"])
        }
        guard target.identity != nil else {
            if run, settings.usage == .always { throw SluiceError(.checkpointMissing, ["path": settings.fileName]) }
            existing = nil
            contents = nil
            return
        }
        let file = try OpenCheckpoint(target, lock: run)
        existing = file
        let identity: CheckpointReader.Identity
        do { identity = try CheckpointReader.identify(fd: file.fd) } catch {
            throw SluiceError(.checkpointInvalid, ["path": target.path, "reason": "it could not be read: \(error)"])
        }
        switch identity {
        case .foreign(let reason):
            throw SluiceError(.checkpointForeignFile, ["path": target.path, "reason": reason])
        case .otherVersion(let found):
            guard settings.usage == .never else { throw CheckpointReader.versionError(target.path, found) }
        case .current(let id):
            // SSIS refuses too, even with usage Never, rather than overwrite another package's progress.
            guard id == package.id.uuidString else {
                throw SluiceError(.checkpointInvalid, ["path": target.path, "reason": "it belongs to another package (id \(id))"])
            }
        }
        contents = run && settings.usage != .never ? try CheckpointReader.read(fd: file.fd, path: target.path) : nil
    }
}

import Glibc
import SluiceCore

/// The checkpoint file of a run, resolved before anything is read or written.
///
/// The path is resolved once, every symbolic link followed, and every later open, rename and
/// removal acts on that real path. It is refused when it names anything but a regular file
/// (or nothing yet), or a file the run itself uses (``FilesInUse``): a checkpoint is
/// overwritten as the run goes and deleted when it succeeds.
struct CheckpointTarget: Sendable {
    /// The path as given, for messages.
    let path: String
    /// The real path: symbolic links and `..` resolved.
    let resolved: String
    /// The identity of the existing file; nil when there is no file yet.
    let identity: FileIdentity?

    /// - Throws: `SLUICE_E_CHECKPOINT_NOT_REGULAR_FILE`, `SLUICE_E_CHECKPOINT_UNWRITABLE` (no such directory, …).
    init(_ path: String) throws {
        self.path = path
        let notRegular = { (kind: String) in SluiceError(.checkpointNotRegularFile, ["path": path, "kind": kind]) }
        let unwritable = { (reason: String) in SluiceError(.checkpointUnwritable, ["path": path, "reason": reason]) }
        guard !path.isEmpty else { throw unwritable("the file name is empty") }
        guard !path.hasSuffix("/") else { throw notRegular("a directory name (it ends with /)") }
        guard !path.utf8.contains(0) else { throw unwritable("the file name contains a NUL character") }
        var st = stat()
        if lstat(path, &st) == 0 {
            guard let real = FilePaths.real(path) else {
                throw notRegular("a symbolic link to a file that does not exist")
            }
            var target = stat()
            guard stat(real, &target) == 0 else { throw unwritable(Errno(errno).description) }
            if let kind = FilePaths.irregularKind(target.st_mode) { throw notRegular(kind) }
            resolved = real
            identity = FileIdentity(target)
        } else if errno == ENOENT {
            let directory = FilePaths.split(path).directory
            var dir = stat()
            guard stat(directory, &dir) == 0, dir.st_mode & S_IFMT == S_IFDIR, let real = FilePaths.realIfCreated(path) else {
                throw unwritable("its directory \"\(directory)\" does not exist")
            }
            resolved = real
            identity = nil
        } else {
            throw unwritable(Errno(errno).description)
        }
    }

    /// Refuses the checkpoint when it is one of the files the run uses.
    /// - Throws: `SLUICE_E_CHECKPOINT_FILE_CONFLICT` naming the use.
    func refuseFilesInUse(_ uses: FilesInUse) throws {
        for use in uses.items where names(use.path) {
            throw SluiceError(.checkpointFileConflict, ["path": path, "use": use.what])
        }
    }

    /// Whether `candidate` names the checkpoint file: the same identity when the file exists;
    /// otherwise the same real path once created.
    func names(_ candidate: String) -> Bool {
        guard !candidate.isEmpty, candidate.utf8.count < Int(PATH_MAX), !candidate.utf8.contains(0) else { return false }
        if let identity { return FileIdentity(path: candidate) == identity }
        // Neither exists: only a path with the same last component can resolve to the same place.
        guard FilePaths.split(candidate).name == FilePaths.split(resolved).name else { return false }
        return FilePaths.realIfCreated(candidate) == resolved
    }
}

import Glibc
import SluiceCore

/// An existing checkpoint file, open for reading and, for a run, locked (`flock`) against other
/// runs for as long as this object lives. One owner of the descriptor, closed in `deinit`.
final class OpenCheckpoint: Sendable {
    let fd: Int32
    let identity: FileIdentity
    /// The permission bits, kept when the file is rewritten.
    let mode: mode_t

    /// - Parameter lock: take the lock (a run); validation only reads.
    /// - Throws: `SLUICE_E_CHECKPOINT_LOCKED`, `SLUICE_E_CHECKPOINT_NOT_REGULAR_FILE`,
    ///   `SLUICE_E_CHECKPOINT_INVALID` (cannot be opened).
    init(_ target: CheckpointTarget, lock: Bool) throws {
        // O_NONBLOCK: should a FIFO take the file's place after it was checked, opening it
        // must not wait for a writer.
        let fd = open(target.resolved, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            throw SluiceError(.checkpointInvalid, ["path": target.path, "reason": "it could not be opened: \(Errno(errno))"])
        }
        var st = stat()
        guard fstat(fd, &st) == 0, FilePaths.irregularKind(st.st_mode) == nil else {
            Glibc.close(fd)
            throw SluiceError(.checkpointNotRegularFile, ["path": target.path, "kind": FilePaths.irregularKind(st.st_mode) ?? "unreadable"])
        }
        self.fd = fd
        identity = FileIdentity(st)
        mode = st.st_mode & 0o7777
        guard lock else { return }
        // Another run holds it, or replaced it between our open and our lock: either way it is busy.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0, FileIdentity(path: target.resolved) == identity else {
            throw SluiceError(.checkpointLocked, ["path": target.path])
        }
    }

    deinit { Glibc.close(fd) }
}

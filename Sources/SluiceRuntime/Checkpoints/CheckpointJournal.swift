import Dispatch
import Glibc
import SluiceCore
import Synchronization

/// The checkpoint file of a run, open for appending: one record per completed executable.
///
/// What survives what:
/// - The file is made by writing a temporary file beside it, syncing it, renaming it into
///   place and syncing the directory: it never exists half-written, and an old checkpoint is
///   replaced whole or not at all.
/// - Each record is one `write(2)` to a descriptor opened with `O_APPEND`: a run killed at any
///   moment (SIGKILL) leaves every record it wrote, the last perhaps cut short, which the
///   reader recognises by its checksum and ignores.
/// - Records reach the disk by `fdatasync` at most ``flushDelay`` after they are written (a
///   background flush, so tasks never wait for the disk), and when a run that did not
///   succeed ends. A power loss costs the records of about the last second, which run again.
///
/// One owner of the descriptor: closed by ``close()`` / ``remove()`` or in `deinit`. The
/// descriptor holds the file's `flock` for the run.
final class CheckpointJournal: Sendable {
    static let flushDelay = 1.0

    private struct State {
        var fd: Int32
        var dirty = false
        var flushScheduled = false
        /// Set by the first failed write or sync; nothing is written after it.
        var failure: String?
        /// Whether the failure was reported already (an error event per failure, not per record).
        var failureReported = false
    }

    let target: CheckpointTarget
    private let identity: FileIdentity?
    private let state: Mutex<State>

    /// Writes the header and `records` to a new file and puts it in the target's place.
    /// - Parameter previous: the existing checkpoint, open and locked; it is replaced only
    ///   while the path still names it.
    /// - Throws: `SLUICE_E_CHECKPOINT_UNWRITABLE`, `SLUICE_E_CHECKPOINT_LOCKED`.
    init(target: CheckpointTarget, header: JSONValue, records: [JSONValue], replacing previous: OpenCheckpoint?) throws {
        self.target = target
        let unwritable = { (reason: String) in SluiceError(.checkpointUnwritable, ["path": target.path, "reason": reason]) }
        let (directory, name) = FilePaths.split(target.resolved)
        let temporary = "\(directory)/.\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC | O_NOFOLLOW, previous?.mode ?? 0o600)
        guard fd >= 0 else { throw unwritable("cannot create a file in \"\(directory)\": \(Errno(errno))") }
        var placed = false
        defer {
            if !placed {
                Glibc.close(fd)
                unlink(temporary)
            }
        }
        _ = flock(fd, LOCK_EX | LOCK_NB)  // a new file: nobody else can hold it yet
        if let previous { _ = fchmod(fd, previous.mode) }  // the umask may have narrowed it
        var bytes = CheckpointLine.encode(header)
        for r in records { bytes += CheckpointLine.encode(r) }
        if let e = Self.writeAll(fd, bytes) { throw unwritable(e.description) }
        guard fdatasync(fd) == 0 else { throw unwritable(Errno(errno).description) }
        if let previous {
            guard FileIdentity(path: target.resolved) == previous.identity else {
                throw SluiceError(.checkpointLocked, ["path": target.path])
            }
            guard rename(temporary, target.resolved) == 0 else { throw unwritable(Errno(errno).description) }
        } else if link(temporary, target.resolved) == 0 {
            unlink(temporary)  // link, not rename: it fails rather than replace a file that appeared meanwhile
        } else {
            // EEXIST, or a file system without hard links: rename, once sure that nothing is there.
            let appeared = unwritable("a file of that name appeared while the run was starting (another run?)")
            if errno == EEXIST { throw appeared }
            var st = stat()
            guard lstat(target.resolved, &st) != 0 else { throw appeared }
            guard rename(temporary, target.resolved) == 0 else { throw unwritable(Errno(errno).description) }
        }
        placed = true
        Self.syncDirectory(directory)
        identity = FileIdentity(fd: fd)
        state = Mutex(State(fd: fd))
    }

    deinit { closeWithoutSync() }

    /// Appends one record with one `write(2)`.
    /// - Throws: `SLUICE_E_CHECKPOINT_UNWRITABLE` when this write (or an earlier sync)
    ///   failed; from then on nothing more is written, so the file keeps the records before it.
    func append(_ record: JSONValue) throws {
        let line = CheckpointLine.encode(record)
        let scheduleFlush = try state.withLock { s throws -> Bool in
            guard s.fd >= 0, !s.failureReported else { return false }
            if let failure = s.failure {  // a background sync failed
                s.failureReported = true
                throw SluiceError(.checkpointUnwritable, ["path": target.path, "reason": failure])
            }
            if let e = Self.writeAll(s.fd, line) {
                s.failure = e.description
                s.failureReported = true
                throw SluiceError(.checkpointUnwritable, ["path": target.path, "reason": e.description])
            }
            s.dirty = true
            guard !s.flushScheduled else { return false }
            s.flushScheduled = true
            return true
        }
        if scheduleFlush {
            DispatchQueue.global().asyncAfter(deadline: .now() + Self.flushDelay) { [self] in _ = sync(closing: false) }
        }
    }

    /// Syncs what was written and closes the file (a run that did not succeed: the file stays).
    /// - Returns: the error when the data could not be made durable.
    func close() -> SluiceError? { sync(closing: true) }

    /// Closes without syncing (the file is gone, or the object is).
    private func closeWithoutSync() {
        state.withLock { s in
            if s.fd >= 0 { Glibc.close(s.fd) }
            s.fd = -1
        }
    }

    /// After a successful run: removes the file (while the path still names it), makes the
    /// removal durable and closes. Should the removal fail, a last record marks the run as
    /// finished, so that the file is not used for a restart.
    /// - Returns: a `SLUICE_W_CHECKPOINT_NOT_REMOVED` warning when the file stays.
    func remove() -> SluiceError? {
        var reason: String?
        if FileIdentity(path: target.resolved) != identity {
            reason = "the file was replaced during the run"
        } else if unlink(target.resolved) != 0 {
            reason = Errno(errno).description
        }
        guard let reason else {
            closeWithoutSync()
            Self.syncDirectory(FilePaths.split(target.resolved).directory)
            return nil
        }
        try? append(.object(JSONObject([("finished", .bool(true))])))
        _ = close()
        return SluiceError(.checkpointNotRemoved, ["path": target.path, "reason": reason])
    }

    private func sync(closing: Bool) -> SluiceError? {
        state.withLock { s in
            if !closing { s.flushScheduled = false }
            guard s.fd >= 0 else { return nil }
            if s.dirty, s.failure == nil {
                s.dirty = false
                if fdatasync(s.fd) != 0 { s.failure = Errno(errno).description }
            }
            guard closing else { return nil }  // a background flush: its failure is reported by the next append or the close
            Glibc.close(s.fd)
            s.fd = -1
            guard let failure = s.failure, !s.failureReported else { return nil }
            s.failureReported = true
            return SluiceError(.checkpointUnwritable, ["path": target.path, "reason": failure])
        }
    }

    /// Writes all of `bytes` (one `write` unless the kernel takes less); nil when done.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Errno? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in raw.baseAddress.map { write(fd, $0 + done, raw.count - done) } ?? -1 }
            if n < 0 {
                if errno == EINTR { continue }
                return Errno(errno)
            }
            if n == 0 { return Errno(EIO) }
            done += n
        }
        return nil
    }

    /// Makes a directory's entries durable (a created, renamed or removed file). Best effort:
    /// some file systems refuse to sync a directory, and the data themselves are synced.
    private static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        Glibc.close(fd)
    }
}

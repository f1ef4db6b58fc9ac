import Glibc
import SluiceCore
import Synchronization

/// Restart after failure (SSIS checkpoints): records the executables that complete and the
/// variables they change; a restarted run skips what completed and gets its variables back.
/// The file is removed when the package succeeds. The format and its guarantees are in
/// docs/checkpoints.md.
///
/// A run prepares the checkpoint before validation (``PreparedCheckpoint``: the file is
/// checked and read, nothing is written), and makes the store after it: variables restored,
/// the file rewritten with what it held (compacted), then one record appended per executable
/// that completes (``CheckpointJournal``).
///
/// Granularity is SSIS's: tasks and containers are recorded, except anything inside a loop
/// (a loop reruns as a whole) and event handlers. Variables are saved per declaring
/// container, outside loops and handlers; read-only, system, expression and object variables
/// are not saved (they cannot change, or cannot be written down).
final class CheckpointStore: Sendable {
    let target: CheckpointTarget
    private let restored: Set<String>
    private let journal: CheckpointJournal?
    /// Kept open (and locked) when the run reads the file but does not write it.
    private let readOnlyFile: OpenCheckpoint?
    /// The scopes whose variables are saved, by container path.
    private let scopes: [String: VariableScope]
    private let changes = ChangedVariables()
    /// Serializes records: changes are drained, read and written in one step, so that records
    /// land in the file in the order their values were read.
    private let recording = Mutex(())

    /// Restores what the prepared checkpoint holds into `run` and opens the file for the run.
    /// Raises the information and warnings about the file at the package.
    /// - Throws: `SLUICE_E_CHECKPOINT_INVALID` (a variable that cannot be restored),
    ///   `SLUICE_E_CHECKPOINT_UNWRITABLE`, `SLUICE_E_CHECKPOINT_LOCKED`.
    init(_ prepared: PreparedCheckpoint, run: Run) throws {
        target = prepared.target
        scopes = Self.savedScopes(run.root)
        var notes = prepared.contents.map { Self.notes(about: $0, path: prepared.target.path) } ?? []
        var completed: [String] = []
        if let contents = prepared.contents, !contents.finished {
            completed = contents.completed
            let restoredVariables = try Self.restore(contents.variables, into: scopes, path: target.path)
            notes.append((.information, SluiceError(.checkpointRestored, [
                "path": target.path, "executables": String(completed.count), "variables": String(restoredVariables),
            ])))
        }
        restored = Set(completed)
        if prepared.settings.save {
            // The file starts with everything a restart needs: what completed before, and every
            // saved variable as it stands now (restored, set with --set, or as declared).
            var state = CheckpointContents(packageID: run.package.id.uuidString)
            for p in completed { state.complete(p) }
            for (scopePath, scope) in scopes.sorted(by: { $0.key < $1.key }) {
                for (key, v) in scope.checkpointValues { state.save(SavedVariable(scope: scopePath, name: key, type: v.type, value: v.value)) }
            }
            journal = try CheckpointJournal(
                target: target, header: CheckpointReader.header(packageID: run.package.id.uuidString, packageName: run.package.name),
                records: [state.compactRecord], replacing: prepared.existing)
            readOnlyFile = nil
        } else {
            journal = nil
            readOnlyFile = prepared.contents == nil ? nil : prepared.existing
        }
        for (path, scope) in scopes {
            let changes = self.changes
            scope.observeWrites { key in changes.note(scope: path, key: key) }
        }
        for (kind, note) in notes {
            run.raise(RuntimeEvent(kind, source: run.root.source, code: note.code, message: note.description), at: run.root)
        }
    }

    /// Whether `path` completed in the run being restarted.
    func completedBefore(_ path: String) -> Bool { restored.contains(path) }

    /// Records a successful executable, with the variables changed since the last record.
    /// - Returns: the error when the file could not be written (reported once; the file keeps
    ///   the records before it).
    func record(_ node: ExecutableNode) -> SluiceError? {
        guard let journal, !node.isHandler, node.parent != nil, !Self.isInsideAtomicUnit(node) else { return nil }
        return recording.withLock { _ -> SluiceError? in
            var variables: [JSONValue] = []
            for (scopePath, key) in changes.drain() {
                guard let value = scopes[scopePath]?.checkpointValue(key) else { continue }
                variables.append(SavedVariable(scope: scopePath, name: key, type: value.type, value: value.value).json)
            }
            let record = JSONValue.object(JSONObject([("completed", .array([.string(node.path)])), ("variables", .array(variables))]))
            do {
                try journal.append(record)
                return nil
            } catch {
                return SluiceError.wrapping(error, as: .checkpointUnwritable, ["path": target.path])
            }
        }
    }

    /// After the run: a successful package needs no restart, so its checkpoint goes; otherwise
    /// the file is synced and closed, ready for a restart.
    /// - Returns: what went wrong with the file, as an event kind and error.
    func finish(_ result: ExecutionResult) -> (EventKind, SluiceError)? {
        guard let journal else {
            // Read, not written: after success it has served its purpose.
            if result == .success, readOnlyFile != nil, FileIdentity(path: target.resolved) == readOnlyFile?.identity,
                unlink(target.resolved) != 0
            {
                return (.warning, SluiceError(.checkpointNotRemoved, ["path": target.path, "reason": Errno(errno).description]))
            }
            return nil
        }
        if result == .success { return journal.remove().map { (.warning, $0) } }
        return journal.close().map { (.error, $0) }
    }

    /// What the run is told about the file it restarts from.
    private static func notes(about contents: CheckpointContents, path: String) -> [(EventKind, SluiceError)] {
        var notes: [(EventKind, SluiceError)] = []
        switch contents.damage {
        case .tornLastRecord: notes.append((.information, SluiceError(.checkpointTornRecord, ["path": path])))
        case .damaged(let line, let reason, let ignored):
            notes.append((.warning, SluiceError(.checkpointDamaged, ["path": path, "line": String(line), "reason": reason, "count": String(ignored)])))
        case nil: break
        }
        if contents.finished { notes.append((.information, SluiceError(.checkpointFinishedBefore, ["path": path]))) }
        return notes
    }

    /// Restores saved values; returns how many were restored (read-only and other unsaved
    /// variables are skipped: they keep their declared values).
    private static func restore(_ variables: [SavedVariable], into scopes: [String: VariableScope], path: String) throws -> Int {
        var restored = 0
        for v in variables {
            let fail = { (reason: String) in
                SluiceError(.checkpointInvalid, ["path": path, "reason": "variable \(v.name) of \(v.scope) cannot be restored: \(reason)"])
            }
            guard let scope = scopes[v.scope] else { throw fail("the package has no such container outside loops and event handlers") }
            do {
                if try scope.restore(v.name, v.value) { restored += 1 }
            } catch let e as SluiceError {
                throw fail(e.text)
            }
        }
        return restored
    }

    /// The scopes whose variables checkpoints save: containers and tasks with variables of
    /// their own, outside loops and event handlers.
    private static func savedScopes(_ root: ExecutableNode) -> [String: VariableScope] {
        var scopes: [String: VariableScope] = [:]
        var stack = [root]
        while let node = stack.popLast() {
            if case .forLoop = node.model.kind { continue }
            if case .foreachLoop = node.model.kind { continue }
            if node.ownsScope { scopes[node.path] = node.scope }
            stack.append(contentsOf: node.children)  // not the handlers
        }
        return scopes
    }

    /// Inside a loop or a transacted container: SSIS restarts either as a whole ("Restart
    /// Packages by Using Checkpoints": Foreach loops and transacted containers are atomic), so
    /// nothing inside them is recorded.
    private static func isInsideAtomicUnit(_ node: ExecutableNode) -> Bool {
        var n = node.parent
        while let current = n {
            if current.loop != nil || current.model.transactionOption == .required { return true }
            n = current.parent
        }
        return false
    }
}

/// The variables written since the last record, as (container path, key), each once. Noted
/// after the variable's own lock is released; its lock takes no other: it can never deadlock.
final class ChangedVariables: Sendable {
    private struct State {
        var order: [(String, String)] = []
        var seen: Set<String> = []
    }
    private let state = Mutex(State())

    func note(scope: String, key: String) {
        state.withLock { s in
            if s.seen.insert(scope + "\u{0}" + key).inserted { s.order.append((scope, key)) }
        }
    }

    func drain() -> [(String, String)] {
        state.withLock { s in
            defer { s = State() }
            return s.order
        }
    }
}

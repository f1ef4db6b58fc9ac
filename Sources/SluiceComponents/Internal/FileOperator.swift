import Foundation
import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries out one File System task operation on resolved paths, with SSIS's rules:
///
/// - copy and move into an existing directory put the item inside it; otherwise the destination
///   is the new path (its parent must exist);
/// - renameFile takes the destination as the new path, relative to the source's directory;
/// - an existing target fails with `SLUICE_E_FILE_DESTINATION_EXISTS` unless `overwrite`, and
///   even then a file never replaces a directory or the reverse;
/// - createDirectory creates missing parents; an existing directory is kept when `overwrite`
///   (SSIS's UseDirectoryIfExists) and is an error otherwise;
/// - a missing source fails with `SLUICE_E_FILE_SOURCE_MISSING`.
///
/// And with rules of its own, so that no operation can lose data (docs/file-operations.md):
///
/// - source and target are compared by device and inode, never by spelling
///   (``FileOverlap``): a target that is the source (through `..`, a symbolic or a hard link),
///   lies inside it, or contains it is refused with `SLUICE_E_FILE_PATHS_OVERLAP` before
///   anything is touched;
/// - a copy is made under a temporary name beside the target and renamed into place only once
///   complete; a replaced directory is set aside first and removed last (``StagingName``).
struct FileOperator {
    let operation: FileSystemOperation
    let overwrite: Bool

    /// What happened, for the information event, and the path the operation produced or removed.
    struct Report {
        var message: String
        var path: String
        /// Something the task should warn about though it succeeded (`SLUICE_W_FILE_LEFTOVER`).
        var warning: SluiceError?
    }

    func perform(source: String, destination: String?) throws -> Report {
        do {
            return try dispatch(source: source, destination: destination ?? "")
        } catch let error as SluiceError {
            throw error
        } catch {
            throw failed(source, Self.reason(error), cause: error)
        }
    }

    private func dispatch(source: String, destination: String) throws -> Report {
        let files = FileManager.default
        let kind = operation.sourceKind
        switch operation {
        case .copyFile, .copyDirectory:
            try requireSource(source)
            let target = try placement(of: source, at: destination)
            let paths = try prepare(source: source, target: target)
            let warning = try copy(paths.source, to: paths.target, replacing: paths.replacing)
            return Report(message: "Copied \(kind) \"\(source)\" to \"\(target)\".", path: target, warning: warning)
        case .moveFile, .moveDirectory, .renameFile:
            try requireSource(source)
            let target = operation == .renameFile
                ? renamed(source, to: destination) : try placement(of: source, at: destination)
            let paths = try prepare(source: source, target: target)
            let warning = try move(paths.source, to: paths.target, replacing: paths.replacing)
            let verb = operation == .renameFile ? "Renamed" : "Moved"
            return Report(message: "\(verb) \(kind) \"\(source)\" to \"\(target)\".", path: target, warning: warning)
        case .deleteFile, .deleteDirectory:
            try requireSource(source)
            try files.removeItem(atPath: source)
            return Report(message: "Deleted \(kind) \"\(source)\".", path: source)
        case .deleteDirectoryContent:
            try requireSource(source)
            let names = try files.contentsOfDirectory(atPath: source)
            for name in names { try files.removeItem(atPath: (source as NSString).appendingPathComponent(name)) }
            return Report(message: "Deleted \(names.count) item(s) in directory \"\(source)\".", path: source)
        case .createDirectory:
            return try createDirectory(source)
        }
    }

    private func createDirectory(_ path: String) throws -> Report {
        switch FileItem.at(path) {
        case .directory:
            guard overwrite else {
                throw SluiceError(.fileDestinationExists, ["operation": operation.rawValue, "destination": path])
            }
            return Report(message: "Directory \"\(path)\" already exists and was kept.", path: path)
        case .file:
            throw failed(path, "a file exists at that path")
        case .missing:
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return Report(message: "Created directory \"\(path)\".", path: path)
        }
    }

    /// Checks that the source exists and is of the kind the operation works on.
    private func requireSource(_ source: String) throws {
        switch FileItem.at(source) {
        case .missing:
            throw SluiceError(.fileSourceMissing, ["operation": operation.rawValue, "source": source])
        case let found where found != operation.sourceKind:
            throw failed(source, "it is a \(found), not a \(operation.sourceKind)")
        default:
            break
        }
    }

    /// Inside an existing directory destination, under the source's name; otherwise the
    /// destination itself. A source written `.`, `..` or `x/..` lends its real name.
    private func placement(of source: String, at destination: String) throws -> String {
        guard FileItem.at(destination) == .directory else { return destination }
        var name = RealPath.lastComponent(of: source)
        if name.isEmpty || name == "." || name == ".." || name == "/" {
            name = RealPath.lastComponent(of: RealPath.resolve(source) ?? "")
        }
        guard !name.isEmpty, name != "/" else { throw failed(source, "the root directory has no name to copy under") }
        return destination.hasSuffix("/") ? destination + name : destination + "/" + name
    }

    /// The new path of a renamed file: a relative destination is taken from the source's directory.
    private func renamed(_ source: String, to destination: String) -> String {
        if destination.hasPrefix("/") { return destination }
        return ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }

    /// The paths to work on, with their directories resolved (a copy reads what a link points
    /// at; a move moves the link itself), once no overlap and no existing target forbids it.
    private func prepare(source: String, target: String) throws -> (source: String, target: String, replacing: Bool) {
        let copying = operation == .copyFile || operation == .copyDirectory
        guard let sourcePath = copying ? RealPath.resolve(source) : RealPath.locate(source) else {
            throw SluiceError(.fileSourceMissing, ["operation": operation.rawValue, "source": source])
        }
        guard let targetPath = RealPath.locate(target) else {
            throw failed(source, "the destination's directory \"\(RealPath.directoryPart(of: target))\" does not exist")
        }
        let overlap = FileOverlap(source: sourcePath, target: targetPath, directories: operation.sourceKind == .directory)
        if let reason = overlap.problem {
            throw SluiceError(.filePathsOverlap, [
                "operation": operation.rawValue, "source": source, "destination": target, "reason": reason,
            ])
        }
        let existing = FileItem.at(targetPath)
        if existing == .missing { return (sourcePath, targetPath, false) }
        guard overwrite else {
            throw SluiceError(.fileDestinationExists, ["operation": operation.rawValue, "destination": target])
        }
        guard existing == operation.sourceKind else {
            let reason = "the destination \"\(target)\" is a \(existing) "
                + "and cannot be replaced by a \(operation.sourceKind)"
            throw failed(source, reason)
        }
        return (sourcePath, targetPath, true)
    }

    /// Copies under a temporary name beside the target, then puts the complete copy in place:
    /// a copy that fails (or a run killed) half-way never touches the old target.
    private func copy(_ source: String, to target: String, replacing: Bool) throws -> SluiceError? {
        let staging = StagingName.beside(target, .new)
        do {
            try TreeCopier(operation: operation.rawValue).copy(source, to: staging)
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        return try install(staging, at: target, replacing: replacing)
    }

    /// Renames the complete item `new` to `target`. rename(2) replaces a file atomically; a
    /// directory cannot be renamed over a non-empty one, so the old directory is set aside
    /// first, put back if the swap fails, and removed only once the new one is in place.
    private func install(_ new: String, at target: String, replacing: Bool) throws -> SluiceError? {
        if !replacing || operation.sourceKind == .file {
            guard rename(new, target) == 0 else {
                let failure = SystemCallFailed(call: "rename", path: target)
                try? FileManager.default.removeItem(atPath: new)
                throw failure
            }
            return nil
        }
        let old = try setAside(target)
        guard rename(new, target) == 0 else {
            let failure = SystemCallFailed(call: "rename", path: target)
            try restore(old, to: target)
            try? FileManager.default.removeItem(atPath: new)
            throw failure
        }
        return removeSetAside(old, replaced: target)
    }

    /// rename(2) on one file system: atomic, and it replaces a file or an empty directory
    /// atomically too. A non-empty directory (or a link) in the way is set aside first and
    /// removed last; across file systems the move is a copy, installed like any copy, after
    /// which the source is removed.
    private func move(_ source: String, to target: String, replacing: Bool) throws -> SluiceError? {
        if rename(source, target) == 0 { return nil }
        let failure = SystemCallFailed(call: "rename", path: source)
        if failure.code == EXDEV { return try moveAcrossFileSystems(source, to: target, replacing: replacing) }
        guard replacing, [ENOTEMPTY, EEXIST, ENOTDIR, EISDIR].contains(failure.code) else { throw failure }
        let old = try setAside(target)
        guard rename(source, target) == 0 else {
            let second = SystemCallFailed(call: "rename", path: source)
            try restore(old, to: target)
            throw second
        }
        return removeSetAside(old, replaced: target)
    }

    private func moveAcrossFileSystems(_ source: String, to target: String, replacing: Bool) throws -> SluiceError? {
        let warning = try copy(source, to: target, replacing: replacing)
        do {
            try FileManager.default.removeItem(atPath: source)
        } catch {
            throw failed(source, "it was copied to \"\(target)\", but could not be removed: \(Self.reason(error))")
        }
        return warning
    }

    private func setAside(_ target: String) throws -> String {
        let old = StagingName.beside(target, .old)
        guard rename(target, old) == 0 else { throw SystemCallFailed(call: "rename", path: target) }
        return old
    }

    private func restore(_ old: String, to target: String) throws {
        guard rename(old, target) == 0 else {
            throw failed(target, "the old destination could not be put back and is kept at \"\(old)\"")
        }
    }

    /// Removes the replaced directory; failing that, the operation still succeeded, with a warning.
    private func removeSetAside(_ old: String, replaced target: String) -> SluiceError? {
        do {
            try FileManager.default.removeItem(atPath: old)
            return nil
        } catch {
            return SluiceError(.fileLeftover, [
                "operation": operation.rawValue, "destination": target, "path": old, "reason": Self.reason(error),
            ])
        }
    }

    private func failed(_ source: String, _ reason: String, cause: (any Error)? = nil) -> SluiceError {
        SluiceError(
            .fileOperationFailed, ["operation": operation.rawValue, "source": source, "reason": reason], cause: cause)
    }

    /// The clearest text of a Foundation error: the POSIX reason when there is one.
    private static func reason(_ error: any Error) -> String {
        if let call = error as? SystemCallFailed { return call.description }
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = Int32(exactly: underlying.code)
        {
            return "\(error.localizedDescription) (\(String(cString: strerror(code))))"
        }
        return error.localizedDescription
    }
}

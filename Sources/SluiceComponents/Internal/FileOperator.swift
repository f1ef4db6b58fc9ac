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
struct FileOperator {
    let operation: FileSystemOperation
    let overwrite: Bool

    /// What happened, for the information event, and the path the operation produced or removed.
    struct Report {
        var message: String
        var path: String
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
            let target = placement(of: source, at: destination)
            try copy(source, to: target, replacing: try prepareTarget(target, for: source))
            return Report(message: "Copied \(kind) \"\(source)\" to \"\(target)\".", path: target)
        case .moveFile, .moveDirectory, .renameFile:
            try requireSource(source)
            let target = operation == .renameFile
                ? renamed(source, to: destination) : placement(of: source, at: destination)
            try move(source, to: target, replacing: try prepareTarget(target, for: source))
            let verb = operation == .renameFile ? "Renamed" : "Moved"
            return Report(message: "\(verb) \(kind) \"\(source)\" to \"\(target)\".", path: target)
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
    /// destination itself.
    private func placement(of source: String, at destination: String) -> String {
        guard FileItem.at(destination) == .directory else { return destination }
        return (destination as NSString).appendingPathComponent((source as NSString).lastPathComponent)
    }

    /// The new path of a renamed file: a relative destination is taken from the source's directory.
    private func renamed(_ source: String, to destination: String) -> String {
        if destination.hasPrefix("/") { return destination }
        return ((source as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
    }

    /// Refuses targets that would lose data, and says whether an existing target is to be replaced.
    private func prepareTarget(_ target: String, for source: String) throws -> Bool {
        let sourcePath = Self.canonical(source)
        let targetPath = Self.canonical(target)
        if sourcePath == targetPath { throw failed(source, "the source and the destination are the same") }
        if operation.sourceKind == .directory, targetPath.hasPrefix(sourcePath + "/") {
            throw failed(source, "the destination \"\(target)\" is inside the source directory")
        }
        let existing = FileItem.at(target)
        if existing == .missing { return false }
        guard overwrite else {
            throw SluiceError(.fileDestinationExists, ["operation": operation.rawValue, "destination": target])
        }
        guard existing == operation.sourceKind else {
            let reason = "the destination \"\(target)\" is a \(existing) "
                + "and cannot be replaced by a \(operation.sourceKind)"
            throw failed(source, reason)
        }
        return true
    }

    private func copy(_ source: String, to target: String, replacing: Bool) throws {
        let files = FileManager.default
        guard replacing else { return try files.copyItem(atPath: source, toPath: target) }
        // Copy beside the target, then swap it in: a copy that fails half-way leaves the old
        // target intact, and rename(2) replaces a file atomically.
        let parent = (target as NSString).deletingLastPathComponent
        let staging = (parent as NSString).appendingPathComponent(".sluice-\(UUID().uuidString)")
        do {
            try files.copyItem(atPath: source, toPath: staging)
            if FileItem.at(target) == .directory { try files.removeItem(atPath: target) }
            guard rename(staging, target) == 0 else { throw Self.posixError() }
        } catch {
            try? files.removeItem(atPath: staging)
            throw error
        }
    }

    private func move(_ source: String, to target: String, replacing: Bool) throws {
        if replacing {
            // On one file system rename(2) swaps a file in atomically; otherwise remove, then move.
            if FileItem.at(target) == .file, rename(source, target) == 0 { return }
            try FileManager.default.removeItem(atPath: target)
        }
        try FileManager.default.moveItem(atPath: source, toPath: target)
    }

    private func failed(_ source: String, _ reason: String, cause: (any Error)? = nil) -> SluiceError {
        SluiceError(
            .fileOperationFailed, ["operation": operation.rawValue, "source": source, "reason": reason], cause: cause)
    }

    /// Absolute, with `.`/`..` and symbolic links resolved, to tell whether two paths meet.
    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    private static func posixError() -> any Error {
        let code = errno
        return NSError(
            domain: NSPOSIXErrorDomain, code: Int(code),
            userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }

    /// The clearest text of a Foundation error: the POSIX reason when there is one.
    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = Int32(exactly: underlying.code)
        {
            return "\(error.localizedDescription) (\(String(cString: strerror(code))))"
        }
        return error.localizedDescription
    }
}

import Glibc
import SluiceCore

/// Reads checkpoint files (format version 2: a header line, then one line per record; see
/// ``CheckpointLine`` and docs/checkpoints.md).
///
/// A file is read only once its first line is a version-2 checkpoint header. Every later line
/// is applied only when its checksum matches; a last line cut short is ignored, and a damaged
/// line ends the reading (what it and the lines after it recorded runs again). A line whose
/// checksum matches but which is not a record this Sluice writes makes the whole file refused.
enum CheckpointReader {
    static let format = "sluice.checkpoint"
    static let formatVersion = 2

    /// What a file is, judged by its start.
    enum Identity: Equatable {
        /// A checkpoint this Sluice reads, of the package with this id.
        case current(packageID: String)
        /// A Sluice checkpoint of another format version (the version as found).
        case otherVersion(String)
        /// Anything else, with the reason it is not a checkpoint.
        case foreign(String)
    }

    static func header(packageID: String, packageName: String) -> JSONValue {
        .object(JSONObject([
            ("format", .string(format)), ("formatVersion", .int(Int64(formatVersion))),
            ("packageId", .string(packageID)), ("packageName", .string(packageName)),
        ]))
    }

    /// Identifies the file open at `fd` from its first line (read from offset 0).
    static func identify(fd: Int32) throws(Errno) -> Identity {
        var lines = LineReader(fd: fd)
        return try identify(&lines, fd: fd)
    }

    /// Reads the whole checkpoint open at `fd` (from offset 0).
    /// - Throws: `SLUICE_E_CHECKPOINT_FOREIGN_FILE`, `SLUICE_E_CHECKPOINT_FORMAT_VERSION`,
    ///   `SLUICE_E_CHECKPOINT_INVALID`, `SLUICE_E_CHECKPOINT_UNWRITABLE` (a read error).
    static func read(fd: Int32, path: String) throws -> CheckpointContents {
        var lines = LineReader(fd: fd)
        let readFailed = { (e: Errno) in SluiceError(.checkpointInvalid, ["path": path, "reason": "it could not be read: \(e)"]) }
        let identity: Identity
        do { identity = try identify(&lines, fd: fd) } catch { throw readFailed(error) }
        var contents: CheckpointContents
        switch identity {
        case .current(let id): contents = CheckpointContents(packageID: id)
        case .otherVersion(let found): throw versionError(path, found)
        case .foreign(let reason): throw SluiceError(.checkpointForeignFile, ["path": path, "reason": reason])
        }
        var lineNumber = 1
        var damaged: (line: Int, reason: String)?
        var ignored = 0
        do {
            while let line = try lines.nextLine() {
                lineNumber += 1
                if damaged != nil {
                    ignored += 1
                    continue
                }
                guard let record = CheckpointLine.decode(line) else {
                    damaged = (lineNumber, "its checksum does not match")
                    continue
                }
                do { try contents.apply(record) } catch {
                    throw SluiceError(.checkpointInvalid, ["path": path, "reason": "line \(lineNumber): \(error.reason)"])
                }
            }
        } catch let e as Errno {
            throw readFailed(e)
        }
        let tornTail = !lines.remainder.isEmpty
        if let damaged {
            let after = ignored + (tornTail ? 1 : 0)
            // A bad last line is what a run stopped mid-write (or a power loss) leaves: torn, not damaged.
            contents.damage = after == 0 ? .tornLastRecord : .damaged(line: damaged.line, reason: damaged.reason, ignoredLines: after)
        } else if tornTail {
            contents.damage = .tornLastRecord
        }
        return contents
    }

    static func versionError(_ path: String, _ found: String) -> SluiceError {
        SluiceError(.checkpointFormatVersion, ["path": path, "found": found, "supported": String(formatVersion)])
    }

    private static func identify(_ lines: inout LineReader, fd: Int32) throws(Errno) -> Identity {
        if let first = try lines.nextLine(maximumLength: 65_536), let header = CheckpointLine.decode(first)?.objectValue,
            header["format"]?.stringValue == format
        {
            guard let version = header["formatVersion"]?.intValue, version == formatVersion else {
                return .otherVersion(header["formatVersion"].map { JSONWriter.compact($0) } ?? "(none)")
            }
            guard let id = header["packageId"]?.stringValue else { return .foreign("its header names no package") }
            return .current(packageID: id)
        }
        return try olderFormat(fd: fd)
    }

    /// Sluice's first checkpoints (format version 1) were one indented JSON object: `{` on the
    /// first line, `"format": "sluice.checkpoint"` on the next. Anything else is not a checkpoint.
    private static func olderFormat(fd: Int32) throws(Errno) -> Identity {
        var head = [UInt8](repeating: 0, count: 4096)
        var n: Int
        repeat { n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) } } while n < 0 && errno == EINTR
        if n < 0 { throw Errno(errno) }
        if n == 0 { return .foreign("it is empty") }
        let text = String(decoding: head[0..<n], as: UTF8.self)
        guard text.hasPrefix("{"), text.contains("\"format\": \"sluice.checkpoint\"") else {
            return .foreign("it does not begin with a checkpoint header")
        }
        let marker = "\"formatVersion\": "
        guard let r = text.range(of: marker) else { return .otherVersion("(none)") }
        return .otherVersion(String(text[r.upperBound...].prefix { $0.isNumber }))
    }
}

import Foundation
import SluiceCore

#if canImport(Glibc)
    import Glibc
#endif

/// What earlier scans learned, so start-up does not scan (or open) a library it has seen.
///
/// One JSON file, by default `$XDG_CACHE_HOME/sluice/plugins-cache.json` (or
/// `~/.cache/sluice/plugins-cache.json`), `SLUICE_PLUGIN_CACHE` overriding it (`none`: no cache).
/// An entry is used only when the library's resolved path, size, modification time (ns) and
/// inode all match, and only when the file was written by the same host (ABI version and sluice
/// build): another host's cache is ignored whole, as GStreamer learnt to. Rejections are kept too,
/// with their reason, so a crashing library is not spawned again at every start.
///
/// Never trusted blindly: a cache that cannot be read, parsed or decoded is ignored (and
/// rewritten); it is written to a temporary file renamed over the old one, under an advisory
/// lock that lets concurrent sluice processes merge their entries instead of losing them.
/// A cache that cannot be written is skipped silently: discovery then scans again next time.
public struct PluginCache: Sendable {
    public static let environmentVariable = "SLUICE_PLUGIN_CACHE"
    static let format = "sluice-plugin-cache"
    static let version: Int64 = 1
    /// A larger file is not a cache this host wrote.
    static let sizeLimit = 64 << 20

    public let path: String
    /// The host that may use the entries (see ``hostIdentity(version:executable:)``).
    public let host: String

    public init(path: String, host: String) {
        self.path = path
        self.host = host
    }

    /// The cache file's path: `SLUICE_PLUGIN_CACHE`, else the user's cache directory; nil for
    /// `none`, an empty value, or no home directory.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let explicit = environment[environmentVariable] {
            return explicit.isEmpty || explicit == "none" ? nil : explicit
        }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/sluice/plugins-cache.json" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/sluice/plugins-cache.json" }
        return nil
    }

    /// Who wrote a cache: the sluice version, the ABI version, and the executable's own file
    /// stamp, so a rebuilt or upgraded host scans every library again.
    public static func hostIdentity(version: String, executable: String?) -> String {
        let exe = executable.flatMap(LibraryFileStamp.of).map { "\($0.path) \($0.size) \($0.modifiedNanoseconds) \($0.inode)" } ?? "unknown"
        return "sluice \(version); ABI \(HostABI.versionString); \(exe)"
    }

    struct Entry {
        let stamp: LibraryFileStamp
        let outcome: ScanOutcome
    }

    /// The usable entries by path, and whether the file should be rewritten (unreadable,
    /// foreign, or holding entries that could not be decoded).
    func load() -> (entries: [String: Entry], damaged: Bool) {
        guard let bytes = Self.read(path) else { return ([:], FileManager.default.fileExists(atPath: path)) }
        guard let value = try? JSONParser.parse(bytes), let o = value.objectValue,
            o["format"]?.stringValue == Self.format, o["version"]?.intValue == Self.version,
            let libraries = o["libraries"]?.arrayValue
        else { return ([:], true) }
        guard o["host"]?.stringValue == host else { return ([:], true) }
        var entries: [String: Entry] = [:]
        var damaged = false
        for item in libraries {
            guard let entry = try? Self.decode(item) else { damaged = true; continue }
            entries[entry.stamp.path] = entry
        }
        return (entries, damaged)
    }

    /// Merges `updates` into the file as it is now (another process may have written it since
    /// this one read it), drops entries whose file is gone, and replaces the file atomically.
    func save(_ updates: [Entry]) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { return }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 { guard errno == EINTR else { return } }
        var merged = load().entries
        for u in updates { merged[u.stamp.path] = u }
        let kept = merged.values.filter { LibraryFileStamp.of($0.stamp.path) != nil }.sorted { $0.stamp.path < $1.stamp.path }
        let document = JSONObject([
            ("format", .string(Self.format)), ("version", .int(Self.version)), ("host", .string(host)),
            ("libraries", .array(kept.map { .object(Self.encode($0)) })),
        ])
        let temporary = "\(path).\(getpid()).tmp"
        guard (try? Data((JSONWriter.write(.object(document)) + "\n").utf8).write(to: URL(fileURLWithPath: temporary))) != nil else {
            unlink(temporary)
            return
        }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func encode(_ e: Entry) -> JSONObject {
        var o = JSONObject([
            ("path", .string(e.stamp.path)), ("size", .int(e.stamp.size)), ("mtimeNs", .int(e.stamp.modifiedNanoseconds)),
            ("inode", .int(Int64(bitPattern: e.stamp.inode))),
        ])
        for (key, value) in ScanDocument.fields(of: e.outcome).entries { o[key] = value }
        return o
    }

    private static func decode(_ value: JSONValue) throws -> Entry {
        let o = try ScanDocument.object(value, "library entry")
        let path = try ScanDocument.string(o["path"], "path")
        guard path.hasPrefix("/") else { throw ScanDocument.Invalid(reason: "path is not absolute") }
        let stamp = LibraryFileStamp(
            path: path, size: try ScanDocument.int64(o["size"], "size"), modifiedNanoseconds: try ScanDocument.int64(o["mtimeNs"], "mtimeNs"),
            inode: UInt64(bitPattern: try ScanDocument.int64(o["inode"], "inode")))
        return Entry(stamp: stamp, outcome: try ScanDocument.decodeFields(o, path: path))
    }

    /// The file's bytes when it is a regular file within ``sizeLimit``.
    private static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= sizeLimit else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while bytes.count <= sizeLimit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n == 0 ? bytes : nil }
            bytes += chunk[0..<n]
        }
        return nil
    }
}

import Crypto
import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import SluiceCore

/// The catalog's key: 32 random bytes in a file of mode 0600, beside the database by default
/// (`catalog.db.key`). Sensitive values are sealed with it (``CatalogSecretBox``); whoever
/// reads the database file without the key learns nothing of them.
///
/// ```swift
/// let key = try CatalogKeyFile.load("/var/lib/sluice/catalog.db.key")   // created on first use
/// ```
///
/// Written whole to a private temporary file beside it, then linked into place with `link`,
/// which fails when the name exists: two servers starting at once never both make one, and
/// neither reads a key half written. Mode 0600 (`fchmod`, whatever the umask). An existing file
/// is refused when group or others may read or write it, or when it is not exactly 32 bytes: a
/// key that leaked, or a file that is not a key, must not be used silently.
public enum CatalogKeyFile {
    public static let keyBytes = 32

    /// The key in `path`, made on first use.
    /// - Throws: `SLUICE_E_CATALOG_KEY_FILE_INVALID`.
    public static func load(_ path: String) throws -> SymmetricKey {
        if access(path, F_OK) == 0 || errno != ENOENT { return try read(path) }
        let temporary = path + ".new-" + UUID().uuidString
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw invalid(path, String(cString: strerror(errno))) }
        defer { unlink(temporary) }
        let key: SymmetricKey
        do {
            defer { Glibc.close(fd) }
            key = try create(fd, path)
        }
        if link(temporary, path) == 0 { return key }
        // Another server made it first: its key is the one.
        guard errno == EEXIST else { throw invalid(path, String(cString: strerror(errno))) }
        return try read(path)
    }

    private static func create(_ fd: Int32, _ path: String) throws -> SymmetricKey {
        guard fchmod(fd, 0o600) == 0 else { throw invalid(path, String(cString: strerror(errno))) }
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw invalid(path, "it could not be written: \(String(cString: strerror(errno)))") }
            written += count
        }
        guard fsync(fd) == 0 else { throw invalid(path, String(cString: strerror(errno))) }
        return key
    }

    private static func read(_ path: String) throws -> SymmetricKey {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw invalid(path, String(cString: strerror(errno))) }
        defer { Glibc.close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw invalid(path, String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw invalid(path, "it is not a regular file") }
        guard status.st_mode & 0o077 == 0 else {
            throw invalid(path, "group or others may access it (mode \(String(status.st_mode & 0o777, radix: 8))); it must be 0600")
        }
        guard status.st_size == keyBytes else { throw invalid(path, "it holds \(status.st_size) bytes, not \(keyBytes)") }
        var bytes = [UInt8](repeating: 0, count: keyBytes + 1)
        var total = 0
        while total < bytes.count {
            let count = bytes[total...].withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw invalid(path, String(cString: strerror(errno))) }
            if count == 0 { break }
            total += count
        }
        guard total == keyBytes else { throw invalid(path, "it holds \(total) bytes, not \(keyBytes)") }
        return SymmetricKey(data: bytes[0..<keyBytes])
    }

    private static func invalid(_ path: String, _ reason: String) -> SluiceError {
        SluiceError(.catalogKeyFileInvalid, ["file": path, "reason": reason])
    }
}

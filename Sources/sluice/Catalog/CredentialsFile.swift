#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import SluiceCore

/// `sluice login`'s stored `{url, token}`: `$XDG_CONFIG_HOME/sluice/credentials.json` (default
/// `~/.config/sluice/`), mode 0600 in a 0700 folder.
///
/// Written as a temp file in the same folder (O_CREAT|O_EXCL, 0600), fsynced and renamed over
/// the old one, so there is never a moment the token is readable by others or half written.
/// A file readable by group or others, or not owned by the caller, is refused on reading.
struct CredentialsFile {
    struct Contents: Codable, Equatable {
        var url: String
        var token: String
        var caFile: String?
        var insecure: Bool?
    }

    let path: String

    /// The path from the environment: XDG_CONFIG_HOME when absolute, else HOME/.config.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CredentialsFile {
        let base: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            base = xdg
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = home + "/.config"
        } else {
            throw SluiceError(.catalogCredentialsUnwritable, ["path": "~/.config/sluice/credentials.json", "reason": "neither XDG_CONFIG_HOME nor HOME is an absolute path"])
        }
        return CredentialsFile(path: base + "/sluice/credentials.json")
    }

    var folder: String { (path as NSString).deletingLastPathComponent }

    /// The stored credentials, nil when there is no file.
    func read() throws -> Contents? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw SluiceError(.catalogCredentialsUnreadable, ["path": path, "reason": String(cString: strerror(errno))])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw SluiceError(.catalogCredentialsUnreadable, ["path": path, "reason": String(cString: strerror(errno))])
        }
        guard (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFREG) else { throw unsafe("it is not a regular file") }
        guard info.st_uid == geteuid() else { throw unsafe("it belongs to another user (uid \(info.st_uid))") }
        guard info.st_mode & 0o077 == 0 else {
            throw unsafe("its mode \(String(info.st_mode & 0o777, radix: 8)) lets group or others read or change it")
        }
        let limit = 64 * 1024
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress.map { $0 + count }, $0.count - count) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw SluiceError(.catalogCredentialsUnreadable, ["path": path, "reason": String(cString: strerror(errno))]) }
            if n == 0 { break }
            count += n
        }
        guard count <= limit else { throw SluiceError(.catalogCredentialsUnreadable, ["path": path, "reason": "it is larger than 64 KiB"]) }
        do {
            return try JSONDecoder().decode(Contents.self, from: Data(bytes[..<count]))
        } catch {
            throw SluiceError(.catalogCredentialsUnreadable, ["path": path, "reason": "it is not a credentials document (\(error))"])
        }
    }

    /// Replaces the stored credentials atomically.
    func write(_ contents: Contents) throws {
        try makePrivateFolder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(contents)) ?? Data()
        var temp = ""
        var fd: Int32 = -1
        for _ in 0..<16 where fd < 0 {
            temp = folder + "/.credentials.\(UInt64.random(in: 0...UInt64.max)).tmp"
            fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd < 0, errno != EEXIST { break }
        }
        guard fd >= 0 else { throw unwritable(String(cString: strerror(errno))) }
        var failure: String?
        var rest = Array(data)[...]
        while failure == nil, !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { failure = String(cString: strerror(errno)) } else { rest = rest.dropFirst(n) }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw unwritable(failure)
        }
        let dir = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dir >= 0 {
            fsync(dir)  // the rename itself survives a crash
            close(dir)
        }
    }

    /// Removes the stored credentials; false when there were none.
    func remove() throws -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw unwritable(String(cString: strerror(errno)))
    }

    /// The `sluice` folder with mode 0700 (its parent created 0700 when missing too); an existing
    /// folder of ours with looser rights is tightened, one of another user is refused.
    private func makePrivateFolder() throws {
        let parent = (folder as NSString).deletingLastPathComponent
        if mkdir(parent, 0o700) != 0, errno != EEXIST { throw unwritable("cannot create \(parent): \(String(cString: strerror(errno)))") }
        if mkdir(folder, 0o700) != 0, errno != EEXIST { throw unwritable("cannot create \(folder): \(String(cString: strerror(errno)))") }
        var info = stat()
        guard lstat(folder, &info) == 0, (info.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR) else { throw unwritable("\(folder) is not a folder") }
        guard info.st_uid == geteuid() else { throw unwritable("\(folder) belongs to another user") }
        if info.st_mode & 0o077 != 0, chmod(folder, 0o700) != 0 { throw unwritable("cannot make \(folder) private: \(String(cString: strerror(errno)))") }
    }

    private func unsafe(_ reason: String) -> SluiceError { SluiceError(.catalogCredentialsUnsafe, ["path": path, "reason": reason]) }
    private func unwritable(_ reason: String) -> SluiceError { SluiceError(.catalogCredentialsUnwritable, ["path": path, "reason": reason]) }
}

import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Copies a file, a symbolic link or a whole directory tree to a path that does not exist yet.
///
/// Written out rather than left to `FileManager.copyItem` so that what a copy does is known
/// exactly: regular files are copied with their permission bits and modification time,
/// symbolic links are copied as links (never followed, so a link loop cannot make the copy
/// endless), directories are walked with an explicit stack (no recursion, however deep), and a
/// FIFO, socket or device is refused with `SLUICE_E_FILE_KIND_UNSUPPORTED` instead of being
/// opened (opening a FIFO would block forever). The first failure stops the copy and is
/// thrown; the caller removes the partial copy.
struct TreeCopier {
    /// The operation's name, for error messages.
    let operation: String

    func copy(_ source: String, to destination: String) throws {
        // Directories get their own permissions and times only once filled: a read-only source
        // directory must still take its copied contents.
        var finishing: [(path: String, info: stat)] = []
        var pending: [(source: String, destination: String)] = [(source, destination)]
        while let (from, to) = pending.popLast() {
            let info = try status(from)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                guard mkdir(to, 0o700) == 0 else { throw SystemCallFailed(call: "mkdir", path: to, code: errno) }
                finishing.append((to, info))
                for name in try entries(of: from).reversed() {
                    pending.append((from + "/" + name, to + "/" + name))
                }
            case S_IFREG:
                try copyFile(from, to: to)
            case S_IFLNK:
                try copyLink(from, to: to)
            default:
                throw SluiceError(.fileKindUnsupported, ["operation": operation, "path": from, "kind": Self.kindName(info)])
            }
        }
        for (path, info) in finishing.reversed() {
            chmod(path, info.st_mode & 0o7777)
            var times = [info.st_atim, info.st_mtim]
            utimensat(AT_FDCWD, path, &times, 0)
        }
    }

    private func status(_ path: String) throws -> stat {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw SystemCallFailed(call: "lstat", path: path, code: errno) }
        return info
    }

    /// The names in a directory, sorted (a stable order makes a failure reproducible).
    private func entries(of directory: String) throws -> [String] {
        guard let stream = opendir(directory) else { throw SystemCallFailed(call: "opendir", path: directory, code: errno) }
        defer { closedir(stream) }
        var names: [String] = []
        errno = 0
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
            errno = 0
        }
        if errno != 0 { throw SystemCallFailed(call: "readdir", path: directory, code: errno) }
        return names.sorted()
    }

    private func copyFile(_ source: String, to destination: String) throws {
        // O_NONBLOCK: should the path turn into a FIFO after lstat, opening it must not hang.
        let input = open(source, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard input >= 0 else { throw SystemCallFailed(call: "open", path: source, code: errno) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { throw SystemCallFailed(call: "fstat", path: source, code: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SluiceError(.fileKindUnsupported, ["operation": operation, "path": source, "kind": Self.kindName(info)])
        }
        let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw SystemCallFailed(call: "open", path: destination, code: errno) }
        var closed = false
        defer { if !closed { close(output) } }
        try pump(from: input, source, to: output, destination)
        fchmod(output, info.st_mode & 0o7777)
        var times = [info.st_atim, info.st_mtim]
        futimens(output, &times)
        closed = true
        // close(2) can report a delayed write error (NFS); a copy that lost data must fail.
        guard close(output) == 0 else { throw SystemCallFailed(call: "close", path: destination, code: errno) }
    }

    private func pump(from input: Int32, _ source: String, to output: Int32, _ destination: String) throws {
        let size = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = read(input, buffer, size)
            if count == 0 { return }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemCallFailed(call: "read", path: source, code: errno)
            }
            var written = 0
            while written < count {
                let n = write(output, buffer + written, count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw SystemCallFailed(call: "write", path: destination, code: errno)
                }
                written += n
            }
        }
    }

    private func copyLink(_ source: String, to destination: String) throws {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(source, &buffer, buffer.count - 1)
        guard length >= 0 else { throw SystemCallFailed(call: "readlink", path: source, code: errno) }
        buffer[length] = 0
        guard symlink(buffer, destination) == 0 else { throw SystemCallFailed(call: "symlink", path: destination, code: errno) }
    }

    static func kindName(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        default: "special file"
        }
    }
}

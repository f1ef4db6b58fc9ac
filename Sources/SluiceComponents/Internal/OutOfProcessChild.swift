import Foundation
import SluiceCore

/// A child package run in its own `sluice run` process (SSIS's ExecuteOutOfProcess).
///
/// The child prints its events with `--events-json`; each line is decoded and raised again as
/// an event of the Execute Package task, as an in-process child's are. Parameter and variable
/// values never go on the command line (anyone can read argv in /proc): they go in a values
/// file, created 0600 in a fresh 0700 directory, which the child removes once read (and the
/// parent, whatever happened). Parent cancel: the child's process group gets SIGTERM (on which
/// `sluice run` cancels and exits 3), then SIGKILL after a grace (``ChildProcess``).
struct OutOfProcessChild {
    /// What to run: a package file, or a package of a project folder.
    enum Target {
        case file(String)
        case project(folder: String, package: String)
    }

    let sluice: String
    let target: Target
    /// `--param` values, `Name` or `$Project::Name` → text.
    let parameters: [(String, String)]
    /// `--set` values, property path → text.
    let sets: [(String, String)]
    /// The parent's sensitive texts: the child masks them in its own events, logs and
    /// checkpoint file (a tainted parent variable bound to a plain child variable, say).
    var secrets: [String] = []

    /// The command line, without any value.
    func arguments(valuesFile: String) -> [String] {
        var args = ["run"]
        switch target {
        // Absolute: a path starting with '-' would read as an option.
        case .file(let path): args.append(Self.absolute(path))
        case .project(let folder, let package): args += [Self.absolute(folder), "--package", package]
        }
        return args + ["--events-json", "--values-file", valuesFile]
    }

    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The values file's text: `{"param": {...}, "set": {...}}`.
    var valuesText: String {
        let object = JSONObject([
            ("param", .object(JSONObject(parameters.map { ($0.0, JSONValue.string($0.1)) }))),
            ("set", .object(JSONObject(sets.map { ($0.0, JSONValue.string($0.1)) }))),
            ("secrets", .array(secrets.map { JSONValue.string($0) })),
        ])
        return JSONWriter.compact(.object(object))
    }

    /// Runs the child to its end; its events go to `context`. Returns the exit code, or nil
    /// when the parent was canceled.
    func run(in context: any TaskContext) throws -> Int32? {
        let directory = try PrivateDirectory()
        // Removed at the end, or by a second signal's stop at once (PrivateFolder.removeAll).
        defer { directory.remove() }
        let valuesFile = try directory.write("values.json", valuesText)
        let process = ChildProcess(executable: sluice, arguments: arguments(valuesFile: valuesFile), workingDirectory: nil)
        var lines = EventLines(context: context)
        var errorTail = TailBuffer(capacity: 4096)
        let ending = try process.run(isCanceled: { context.isCanceled }) { stream, bytes in
            switch stream {
            case .standardOutput: lines.take(bytes)
            case .standardError: errorTail.append(bytes)
            }
        }
        lines.finish()
        switch ending {
        case .canceled: return nil
        case .timedOut: return -1
        case .exited(let code):
            let text = String(decoding: errorTail.bytes, as: UTF8.self)
            if code != 0, !text.isEmpty {
                context.raise(.information(code: 0, message: "child sluice standard error: \(text)"))
            }
            return code
        }
    }
}

/// Splits the child's standard output into lines and raises each decoded event.
private struct EventLines {
    let context: any TaskContext
    private var pending: [UInt8] = []
    /// A line longer than this is not an event record: it is dropped, not buffered forever.
    private static let longestLine = 1 << 20

    init(context: any TaskContext) { self.context = context }

    mutating func take(_ bytes: UnsafeRawBufferPointer) {
        for b in bytes {
            if b == UInt8(ascii: "\n") {
                emit()
            } else if pending.count < Self.longestLine {
                pending.append(b)
            }
        }
    }

    mutating func finish() { if !pending.isEmpty { emit() } }

    private mutating func emit() {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let record = try? EventRecord(jsonLine: String(decoding: pending, as: UTF8.self)) else { return }
        // As the in-process child's events: one origin, the child's executable path.
        let where_ = record.message.hasPrefix("[\\") ? "" : "[\(record.source?.path ?? "\\Package")] "
        let code = record.pluginCode ?? record.code ?? 0
        switch record.event {
        case .error: context.raise(.error(code: code, message: where_ + record.message))
        case .warning: context.raise(.warning(code: code, message: where_ + record.message))
        case .information: context.raise(.information(code: code, message: where_ + record.message))
        case .progress: context.raise(.progress(percent: record.percent ?? 0, message: where_ + record.message))
        case .custom: context.raise(.custom(name: record.customEvent ?? "", text: where_ + record.message))
        default: break
        }
    }
}

/// A directory only this user can enter, for the values file.
struct PrivateDirectory {
    /// The prefix of its name: `sluice run --values-file` removes a file only in such a folder.
    static let prefix = "sluice-child-"
    let path: String

    init() throws {
        switch PrivateFolder.make(prefix: Self.prefix, in: NSTemporaryDirectory()) {
        case .success(let folder): path = folder
        case .failure(let failure): throw SluiceError(.childProcessStartFailed, ["reason": "no temporary directory: \(failure.reason)"])
        }
    }

    /// Writes `name` with mode 0600 and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SluiceError(.childProcessStartFailed, ["reason": "values file: \(String(cString: strerror(errno)))"]) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            throw SluiceError(.childProcessStartFailed, ["reason": "values file: \(error)"])
        }
        return file
    }

    func remove() { PrivateFolder.remove(path) }
}

import Foundation

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let path: String

    /// - Parameter parent: where to create it (another file system, such as `/dev/shm`, for
    ///   moves across file systems).
    init(under parent: String = NSTemporaryDirectory()) throws {
        path = (parent as NSString).appendingPathComponent("sluice-components-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `text` to `name` (creating parent directories) and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: false, encoding: .utf8)
        return target
    }

    /// The text of `name`, or nil when there is no such file.
    func read(_ name: String) -> String? { try? String(contentsOfFile: file(name), encoding: .utf8) }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    func isDirectory(_ name: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: file(name), isDirectory: &directory) && directory.boolValue
    }
}

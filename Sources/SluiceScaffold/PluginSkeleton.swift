import Foundation
import SluiceCore

/// The language of a plugin skeleton.
public enum PluginLanguage: String, Sendable, CaseIterable {
    case c, swift
}

/// A buildable plugin project that `sluice plugins new` writes: one task with one property, the
/// SDK files it needs (copied, so it builds with nothing but a compiler and no source tree of
/// Sluice), a sample package and `test.sh`, which builds the plugin and runs the package with
/// `sluice run`.
public struct PluginSkeleton: Sendable {
    /// One file of the skeleton, by path relative to its directory.
    public struct File: Sendable, Hashable {
        public let path: String
        public let contents: String
        public let executable: Bool
    }

    public let name: PluginSkeletonName
    public let language: PluginLanguage
    public let files: [File]

    public init(name: PluginSkeletonName, language: PluginLanguage) {
        self.name = name
        self.language = language
        switch language {
        case .c: files = CSkeleton.files(name)
        case .swift: files = SwiftSkeleton.files(name)
        }
    }

    /// Writes every file under `directory`, which must not exist or be empty; no file is ever
    /// overwritten (each is created exclusively).
    ///
    /// - Throws: `SLUICE_E_PLUGIN_OUTPUT_EXISTS` for a non-empty directory or a file at that
    ///   path (nothing is written), `SLUICE_E_PLUGIN_SKELETON_WRITE_FAILED` when writing fails.
    public func write(to directory: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw SluiceError(.pluginOutputExists, ["path": directory.path, "reason": "it is a file"])
            }
            let entries = (try? fm.contentsOfDirectory(atPath: directory.path)) ?? ["?"]
            guard entries.isEmpty else {
                throw SluiceError(.pluginOutputExists, ["path": directory.path, "reason": "it is not empty"])
            }
        }
        for file in files {
            let url = directory.appendingPathComponent(file.path)
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: url, options: .withoutOverwriting)
                if file.executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
            } catch {
                throw SluiceError(.pluginSkeletonWriteFailed, ["path": url.path, "reason": "\(error.localizedDescription)"])
            }
        }
    }

    /// The SDK files embedded in this binary, under `prefix`.
    static func sdkFiles(_ select: (String) -> Bool, under prefix: String, rename: (String) -> String = { $0 }) -> [File] {
        EmbeddedSDK.files.filter { select($0.path) }.map {
            File(path: prefix + rename($0.path), contents: $0.contents + "\n", executable: false)
        }
    }
}

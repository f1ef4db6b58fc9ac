import Foundation
import SluiceCore

/// `--values-file FILE`: `--param` and `--set` values kept off the command line, which any
/// user can read in /proc. An Execute Package task running its child out of process writes
/// one (mode 0600, in a private folder) and the child removes it as soon as it is read;
/// `secrets` lists the parent's sensitive texts, which the child masks too.
///
/// ```json
/// {"param": {"Token": "…", "$Project::Region": "emea"}, "set": {"\\Package.Variables[User::X].Value": "7"}}
/// ```
enum ValuesFile {
    /// Reads `path` and adds its values to `options` (after theirs: the file's win). The file
    /// is removed only when it sits in a folder an Execute Package task made for it
    /// (`sluice-child-…`): a values file a user wrote by hand is never deleted.
    static func apply(_ path: String, to options: inout PackageOptions) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw SluiceError(.valuesFileInvalid, ["path": path, "reason": "it cannot be read"])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        if folder.hasPrefix("sluice-child-") { unlink(path) }
        // The text may hold sensitive values: a parse error names the place, never the text.
        guard let root = (try? JSONParser.parse(Array(data)))?.objectValue else {
            throw SluiceError(.valuesFileInvalid, ["path": path, "reason": "it is not a JSON object"])
        }
        options.parameters += try pairs(root["param"], "param", path)
        options.sets += try pairs(root["set"], "set", path)
        if let secrets = root["secrets"] {
            guard let list = secrets.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else {
                throw SluiceError(.valuesFileInvalid, ["path": path, "reason": "\"secrets\" is not a list of texts"])
            }
            options.secrets += list.compactMap(\.stringValue)
        }
    }

    private static func pairs(_ value: JSONValue?, _ key: String, _ path: String) throws -> [String] {
        guard let value else { return [] }
        guard let object = value.objectValue else {
            throw SluiceError(.valuesFileInvalid, ["path": path, "reason": "\"\(key)\" is not an object"])
        }
        return try object.entries.map { entry in
            guard let text = entry.value.stringValue, !entry.key.isEmpty, !entry.key.contains("=") else {
                throw SluiceError(.valuesFileInvalid, ["path": path, "reason": "\"\(key)\" entry \"\(entry.key)\" is not NAME: text"])
            }
            return entry.key + "=" + text
        }
    }
}

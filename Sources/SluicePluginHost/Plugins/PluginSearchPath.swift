import Foundation

/// Where plugin libraries are looked for, in order: the `--plugin-dir` options, then the
/// colon-separated `SLUICE_PLUGIN_PATH`, then `plugins/` beside the running binary (which
/// `SLUICE_DEFAULT_PLUGIN_DIR` replaces; set it to `none` to search no default directory).
public enum PluginSearchPath {
    public static let environmentVariable = "SLUICE_PLUGIN_PATH"
    public static let defaultDirectoryVariable = "SLUICE_DEFAULT_PLUGIN_DIR"

    public static func resolve(
        pluginDirectories: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        includeDefault: Bool = true
    ) -> [String] {
        var dirs = pluginDirectories
        if let env = environment[environmentVariable] {
            dirs += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if includeDefault {
            if let override = environment[defaultDirectoryVariable] {
                if !override.isEmpty && override != "none" { dirs.append(override) }
            } else if let d = defaultDirectory {
                dirs.append(d)
            }
        }
        var seen = Set<String>()
        return dirs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.filter { seen.insert($0).inserted }
    }

    /// `plugins/` in the directory of the running executable (found through /proc/self/exe,
    /// which stays right when the binary is started by a relative path).
    public static var defaultDirectory: String? {
        guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return nil }
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("plugins").path
    }

    /// The shared libraries (`*.so`) in `directory`, sorted by name so that loading order (and
    /// which of two duplicate ids wins) never depends on the file system.
    static func libraries(in directory: String) -> [String]? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.filter { $0.hasSuffix(".so") }.sorted().map { directory + "/" + $0 }
    }
}

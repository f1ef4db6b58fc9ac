import Foundation
import SluiceCore

/// Finds the file to run for the Execute Process task's `executable`, the way a shell would.
enum ExecutableLocator {
    /// Resolves `name`: a name with a slash is a path (a relative one is taken from
    /// `workingDirectory`, as a shell started there would); a bare name is searched on `PATH`.
    /// - Throws: `SLUICE_E_PROCESS_START_FAILED` when nothing runnable is found.
    static func locate(
        _ name: String, workingDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> URL {
        let files = FileManager.default
        if name.contains("/") {
            var path = name
            if !name.hasPrefix("/"), let workingDirectory {
                path = (workingDirectory as NSString).appendingPathComponent(name)
            }
            guard files.isExecutableFile(atPath: path), !isDirectory(path) else {
                let reason = files.fileExists(atPath: path) ? "the file is not executable" : "no such file"
                throw SluiceError(.processStartFailed, ["executable": name, "reason": reason])
            }
            return URL(fileURLWithPath: path)
        }
        // An empty PATH entry means the current directory, as POSIX shells read it.
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: false) {
            let path = ((directory.isEmpty ? "." : String(directory)) as NSString).appendingPathComponent(name)
            if files.isExecutableFile(atPath: path), !isDirectory(path) { return URL(fileURLWithPath: path) }
        }
        throw SluiceError(
            .processStartFailed, ["executable": name, "reason": "not found in any directory of PATH (\(searchPath))"])
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

import Foundation
import SluiceCore

/// Finds the `sluice` program an out-of-process child package runs in: `SLUICE_EXECUTABLE`
/// when set, else this very process when it is `sluice`, else a `sluice` beside it (the test
/// runner of a SwiftPM build sits beside the built `sluice`).
enum SluiceExecutable {
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment, executable: String? = nil) throws -> String {
        if let explicit = environment["SLUICE_EXECUTABLE"], !explicit.isEmpty {
            guard isRunnable(explicit) else {
                throw SluiceError(.sluiceExecutableNotFound, ["reason": "SLUICE_EXECUTABLE \"\(explicit)\" is not an executable file"])
            }
            return explicit
        }
        let own = executable ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        guard !own.isEmpty else {
            throw SluiceError(.sluiceExecutableNotFound, ["reason": "/proc/self/exe cannot be read; set SLUICE_EXECUTABLE"])
        }
        if (own as NSString).lastPathComponent == "sluice" { return own }
        let beside = ((own as NSString).deletingLastPathComponent as NSString).appendingPathComponent("sluice")
        guard isRunnable(beside) else {
            throw SluiceError(.sluiceExecutableNotFound, ["reason": "no sluice beside \(own); set SLUICE_EXECUTABLE"])
        }
        return beside
    }

    /// A regular file with an execute bit: what root may run too (root's access(2) check
    /// passes for any file with one such bit, and Foundation's for directories).
    private static func isRunnable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && (info.st_mode & 0o111) != 0
    }
}

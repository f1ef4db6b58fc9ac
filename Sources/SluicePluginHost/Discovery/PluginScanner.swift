import Foundation
import SluiceCore

#if canImport(Glibc)
    import Glibc
#endif

/// How discovery learns what a plugin library holds.
///
/// ```swift
/// // The CLI: every new or changed library is first loaded by `sluice plugins scan-one PATH`.
/// let scanner = PluginScanner.childProcess(ChildProcessScanner(executable: "/usr/bin/sluice"))
/// // SluiceKit embedded where there is no scanner executable (GStreamer's GST_REGISTRY_FORK=no):
/// let inProcess = PluginScanner.inProcess
/// ```
/// A library that crashes, hangs or fails in the child is rejected with the signal, the timeout
/// or the exit status, and never opened in the host. In process, a crashing library takes the
/// process with it; use it only where no scanner executable exists.
public enum PluginScanner: Sendable {
    case inProcess
    case childProcess(ChildProcessScanner)
}

/// A scanner that runs an executable (normally `sluice` itself) once per library.
public struct ChildProcessScanner: Sendable {
    /// The default limit a library has to load in the child.
    public static let defaultTimeout: Double = 10
    /// Seconds (decimal) the CLI gives each scan, instead of ``defaultTimeout``.
    public static let timeoutVariable = "SLUICE_PLUGIN_SCAN_TIMEOUT"
    /// A file the CLI appends one line to per scanner it starts (`scan PATH`): for tests and debugging.
    public static let logVariable = "SLUICE_PLUGIN_SCAN_LOG"

    public var executable: String
    /// The arguments before the library's path.
    public var arguments: [String]
    public var timeout: Double
    public var logFile: String?

    public init(
        executable: String, arguments: [String] = ["plugins", "scan-one"], timeout: Double = Self.defaultTimeout,
        logFile: String? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
        self.logFile = logFile
    }

    /// Scans `path` in a child process.
    /// - Returns: the verdict, and whether it may be cached (a scanner that could not even start
    ///   says nothing about the library).
    public func scan(_ path: String) -> (outcome: ScanOutcome, cacheable: Bool) {
        appendToLog("scan \(path)\n")
        let result = ScannerProcess.run(executable, arguments + [path], timeout: timeout)
        switch result {
        case .startFailed(let errno):
            return (.rejected(SluiceError(.pluginScanStartFailed, ["scanner": executable, "path": path, "reason": String(cString: strerror(errno))])), false)
        case .timedOut:
            return (.rejected(SluiceError(.pluginScanTimedOut, ["path": path, "seconds": Self.seconds(timeout)])), true)
        case .signaled(let signal):
            return (.rejected(SluiceError(.pluginScanCrashed, ["path": path, "signal": SignalName.of(signal), "number": String(signal)])), true)
        case .exited(let status, let output, let errors):
            guard status == 0 else {
                let excerpt = Self.excerpt(errors)
                return (.rejected(SluiceError(.pluginScanExited, ["path": path, "status": String(status), "output": excerpt.isEmpty ? "" : " (\(excerpt))"])), true)
            }
            do {
                return (try ScanDocument.decode(try JSONParser.parse(output), path: path), true)
            } catch let invalid as ScanDocument.Invalid {
                return (.rejected(SluiceError(.pluginScanOutputInvalid, ["path": path, "reason": invalid.reason])), true)
            } catch {
                return (.rejected(SluiceError(.pluginScanOutputInvalid, ["path": path, "reason": "\(error)"])), true)
            }
        }
    }

    private func appendToLog(_ line: String) {
        guard let logFile, !logFile.isEmpty else { return }
        let fd = Glibc.open(logFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }  // one append: lines never interleave
    }

    /// The last line of the child's standard error, at most 300 characters.
    private static func excerpt(_ errors: [UInt8]) -> String {
        let text = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let last = text.split(separator: "\n").last.map(String.init) ?? ""
        return last.count > 300 ? String(last.prefix(300)) + "…" : last
    }

    static func seconds(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e9 ? String(Int(value)) : String(value)
    }
}

/// The names of the signals a crashing library is likely to die of.
enum SignalName {
    static func of(_ signal: Int32) -> String {
        switch signal {
        case SIGSEGV: "SIGSEGV"
        case SIGABRT: "SIGABRT"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGFPE: "SIGFPE"
        case SIGTRAP: "SIGTRAP"
        case SIGKILL: "SIGKILL"
        case SIGTERM: "SIGTERM"
        case SIGPIPE: "SIGPIPE"
        case SIGSYS: "SIGSYS"
        case SIGXCPU: "SIGXCPU"
        case SIGXFSZ: "SIGXFSZ"
        default: "#\(signal)"
        }
    }
}

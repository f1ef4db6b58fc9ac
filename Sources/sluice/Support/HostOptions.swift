#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import SluiceCommandLine
import SluiceComponents
import SluiceCore
import SluicePluginHost
import SluiceRegistry

/// Options every command that needs components shares.
struct HostOptions {
    static let options: [OptionSpec] = [
        .repeated(
            "plugin-dir", valueName: "dir",
            help: "A directory of plugin libraries (repeatable); searched before SLUICE_PLUGIN_PATH and plugins/ beside the binary."),
    ]

    var pluginDirectories: [String]

    init(_ parsed: ParsedCommand) {
        pluginDirectories = parsed.values("plugin-dir")
    }

    /// The registry with the built-in components and the plugins found on the search path.
    /// The CLI always scans new or changed libraries in a child (`sluice plugins scan-one`) and
    /// keeps what it learnt in the user's plugin cache.
    /// - Throws: `SLUICE_E_COMMAND_LINE_INVALID` for a `SLUICE_PLUGIN_SCAN_TIMEOUT` that is not a
    ///   positive number of seconds.
    func makeRegistry() throws -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        let environment = Self.environment()
        let directories = PluginSearchPath.resolve(pluginDirectories: pluginDirectories, environment: environment)
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var timeout = ChildProcessScanner.defaultTimeout
        if let text = environment[ChildProcessScanner.timeoutVariable] {
            guard let seconds = Double(text), seconds.isFinite, seconds > 0, seconds <= 86_400 else {
                throw SluiceError(.commandLineInvalid, [
                    "reason": "\(ChildProcessScanner.timeoutVariable) must be a number of seconds above 0 (at most 86400); got \"\(text)\"",
                ])
            }
            timeout = seconds
        }
        let scanner = ChildProcessScanner(
            executable: executable, timeout: timeout, logFile: environment[ChildProcessScanner.logVariable])
        let cache = PluginCache.defaultPath(environment: environment).map {
            PluginCache(path: $0, host: PluginCache.hostIdentity(version: SluiceCommand.spec.version ?? "", executable: executable))
        }
        return BuiltInComponents.makeRegistry(pluginDirectories: directories, scanner: .childProcess(scanner), cache: cache)
    }

    /// The variables discovery reads, through getenv: cheaper at start-up than
    /// `ProcessInfo.environment`, which copies the whole environment into a dictionary.
    private static func environment() -> [String: String] {
        var environment: [String: String] = [:]
        let names = [
            PluginSearchPath.environmentVariable, PluginSearchPath.defaultDirectoryVariable, PluginCache.environmentVariable,
            ChildProcessScanner.timeoutVariable, ChildProcessScanner.logVariable, "XDG_CACHE_HOME", "HOME",
        ]
        for name in names {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }
}

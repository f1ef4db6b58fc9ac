#if canImport(Glibc)
    import Glibc
#endif
import SluiceCommandLine
import SluiceComponents
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
    func makeRegistry() -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        let directories = PluginSearchPath.resolve(pluginDirectories: pluginDirectories, environment: Self.searchPathEnvironment())
        return BuiltInComponents.makeRegistry(pluginDirectories: directories)
    }

    /// The two variables the search path reads, through getenv: cheaper at start-up than
    /// `ProcessInfo.environment`, which copies the whole environment into a dictionary.
    private static func searchPathEnvironment() -> [String: String] {
        var environment: [String: String] = [:]
        for name in [PluginSearchPath.environmentVariable, PluginSearchPath.defaultDirectoryVariable] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return environment
    }
}

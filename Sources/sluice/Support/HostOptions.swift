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
        BuiltInComponents.makeRegistry(pluginDirectories: PluginSearchPath.resolve(pluginDirectories: pluginDirectories))
    }
}

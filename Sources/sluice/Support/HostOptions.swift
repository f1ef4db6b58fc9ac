import ArgumentParser
import SluiceComponents
import SluiceRegistry

/// Options every command that needs components shares.
struct HostOptions: ParsableArguments {
    @Option(name: .customLong("plugin-dir"), help: ArgumentHelp("A directory of plugin libraries (repeatable); searched before SLUICE_PLUGIN_PATH and plugins/ beside the binary.", valueName: "dir"))
    var pluginDirectories: [String] = []

    /// The registry with the built-in components and the plugins found on the search path.
    func makeRegistry() -> (ComponentRegistry, ComponentRegistry.LoadReport) {
        BuiltInComponents.makeRegistry(pluginDirectories: PluginSearchPath.resolve(pluginDirectories: pluginDirectories))
    }
}

import SluiceCore
import SluiceRegistry

extension ComponentRegistry {
    /// The plugin libraries whose components were registered (opened or not yet).
    public var loadedLibraries: [PluginLibrary] { componentLibraries.compactMap { $0 as? PluginLibrary } }

    /// The plugin component registered as `id`, for the host's own tools (the conformance kit,
    /// tests) that drive its C definition directly; nil for a built-in or unknown id. A walk
    /// over the loaded libraries: not for a run's hot path, which goes through the factories.
    package func pluginComponent(_ id: String) -> PluginComponent? {
        for library in loadedLibraries {
            if let index = library.components.firstIndex(where: { $0.id == id }) {
                return PluginComponent(library: library, index: index)
            }
        }
        return nil
    }
}

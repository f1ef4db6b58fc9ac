import CSluiceABI

/// A plugin library written in Swift: its name, version, vendor and components, as the static
/// `sluice_plugin_descriptor` the host reads through `sluice_plugin_entry`.
///
/// Make exactly one, in a global `let`, and return ``descriptorPointer`` from the entry symbol.
/// The descriptor and everything it points to (C strings, component and property definitions, the
/// function tables) is allocated when the definition is made and never freed, as the ABI
/// requires. Swift initializes a global `let` lazily and thread-safely on first use, so with the
/// pattern below the descriptor is built during the **first** call of `sluice_plugin_entry`; every
/// later call only returns the same pointer.
///
/// ```swift
/// import SluiceSDK
///
/// private let plugin = PluginDefinition(
///     name: "acme.greetings", version: "1.0.0", vendor: "Acme", description: "Greeting tasks.",
///     components: [HelloTask.self, CountdownEnumerator.self, LinesLog.self])
///
/// @_cdecl("sluice_plugin_entry")
/// public func sluicePluginEntry() -> UnsafeRawPointer? { plugin.descriptorPointer }
/// ```
///
/// The entry function must be `public`, or the symbol is not exported. The ids, names and
/// property declarations are checked by the host when it loads the library, not here.
public final class PluginDefinition: @unchecked Sendable {
    // @unchecked: the only stored state is the pointer to a descriptor that is never written
    // again after `init`, so sharing it between threads is safe.

    /// The `const sluice_plugin_descriptor *` to return from `sluice_plugin_entry`; valid forever.
    public let descriptorPointer: UnsafeRawPointer

    /// Builds the descriptor for a library of components of any kind.
    ///
    /// - Parameters:
    ///   - name: The library's name, namespaced like component ids (`acme.greetings`).
    ///   - version: The library's version (`1.0.0`).
    ///   - vendor: Who made it.
    ///   - description: One sentence about the library.
    ///   - components: The component types it provides, each conforming to one kind protocol
    ///     (``PluginTask``, ``PluginForeachEnumerator``, ``PluginLogProvider``,
    ///     ``PluginConnectionManager``); each becomes one component definition of that kind.
    public init(
        name: String, version: String, vendor: String, description: String, components: [any PluginComponent.Type]
    ) {
        let descriptor = DescriptorBuilder.build(
            name: name, version: version, vendor: vendor, description: description, types: components)
        descriptorPointer = UnsafeRawPointer(descriptor)
    }

    /// Builds the descriptor for a library of tasks only (``init(name:version:vendor:description:components:)``).
    public convenience init(name: String, version: String, vendor: String, description: String, tasks: [any PluginTask.Type]) {
        self.init(name: name, version: version, vendor: vendor, description: description, components: tasks)
    }
}

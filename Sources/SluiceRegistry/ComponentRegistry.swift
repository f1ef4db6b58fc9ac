import Foundation
import SluiceCore

/// The components a run can use, built-in and from plugins, by registered id.
///
/// ```swift
/// let registry = ComponentRegistry()
/// registry.register(MyTask.descriptor) { props in try MyTask(props) }
/// let report = registry.loadPlugins(from: PluginSearchPath.resolve(pluginDirectories: []))  // SluicePluginHost
/// ```
/// Built-in components register through the same door as plugin components, so the same
/// checks (unique ids, declared properties) apply to both. The registry itself is pure Swift:
/// the plugin host (SluicePluginHost) registers plugin components with factories that wrap its
/// C adapters. The registry is safe to share between threads; it is filled at start-up and
/// only read afterwards.
public final class ComponentRegistry: Sendable {
    private let state = Locked(State())

    private struct State {
        var entries: [String: ComponentEntry] = [:]
        var order: [String] = []
        var rejected: [RejectedLibrary] = []
        var libraries: [any ComponentLibrary] = []
        var loadedPaths: Set<String> = []
    }

    public init() {}

    /// Registers a task component with a factory that makes one instance per run.
    /// - Throws: `SLUICE_E_COMPONENT_DUPLICATE_ID` when the id is taken.
    public func register(
        _ descriptor: ComponentDescriptor, makeTask: @escaping @Sendable (ResolvedProperties) throws -> any TaskComponent
    ) throws {
        try register([ComponentEntry(descriptor: descriptor, factory: .task(makeTask))])
    }

    /// Registers a component with no run-time behaviour of its own yet (for example a
    /// connection manager kind whose connections the tasks open themselves).
    public func registerDeclaration(_ descriptor: ComponentDescriptor) throws {
        try register([ComponentEntry(descriptor: descriptor, factory: .declaration)])
    }

    /// Registers entries all at once: either all of them are added, or none.
    package func register(_ entries: [ComponentEntry], library: String? = nil) throws {
        try state.withLock { s in
            var seen = Set<String>()
            for e in entries {
                if let other = s.entries[e.descriptor.id] {
                    throw SluiceError(.componentDuplicateID, [
                        "id": e.descriptor.id, "path": library ?? "the built-in components",
                        "other": other.descriptor.library.map { "\"\($0)\"" } ?? "a built-in component",
                    ])
                }
                if !seen.insert(e.descriptor.id).inserted {
                    throw SluiceError(.componentDuplicateID, [
                        "id": e.descriptor.id, "path": library ?? "the built-in components", "other": "the same library",
                    ])
                }
            }
            for e in entries {
                s.entries[e.descriptor.id] = e
                s.order.append(e.descriptor.id)
            }
        }
    }

    /// The component registered under `id`.
    public func entry(for id: String) -> ComponentEntry? { state.withLock { $0.entries[id] } }

    /// All registered components, in registration order.
    public var components: [ComponentDescriptor] {
        state.withLock { s in s.order.compactMap { s.entries[$0]?.descriptor } }
    }

    /// Libraries that were refused, with the reason and error code of each.
    public var rejectedLibraries: [RejectedLibrary] { state.withLock { $0.rejected } }

    /// Libraries whose components were registered, in registration order (the plugin host's
    /// `loadedLibraries` gives them as its own type).
    public var componentLibraries: [any ComponentLibrary] { state.withLock { $0.libraries } }

    package func recordRejected(_ r: RejectedLibrary) { state.withLock { $0.rejected.append(r) } }
    package func recordLoaded(_ l: any ComponentLibrary) { state.withLock { $0.libraries.append(l) } }

    /// Marks a path as seen; false if it was already loaded or rejected in this registry.
    package func claim(path: String) -> Bool { state.withLock { $0.loadedPaths.insert(path).inserted } }
}

/// A registered component: what it is and how to make it.
public struct ComponentEntry: Sendable {
    public let descriptor: ComponentDescriptor
    public let factory: ComponentFactory

    public init(descriptor: ComponentDescriptor, factory: ComponentFactory) {
        self.descriptor = descriptor
        self.factory = factory
    }
}

/// A library whose components a registry holds: a plugin library, recorded by the plugin host.
public protocol ComponentLibrary: AnyObject, Sendable {
    /// The library's resolved path.
    var path: String { get }
    /// The components it declares, in its order.
    var components: [ComponentDescriptor] { get }
}

/// A library the registry refused, and why.
public struct RejectedLibrary: Error, Sendable, Hashable {
    public let path: String
    public let error: SluiceError
    /// Why, with the plugin's own code when it gave one (`sluice_error.code` from `init`).
    public var reason: String { error.text + (error.pluginCode.map { " [plugin code \($0)]" } ?? "") }
    public var pluginCode: Int32? { error.pluginCode }

    package init(path: String, error: SluiceError) {
        self.path = path
        self.error = error
    }
    public var code: Int32 { error.code }
    public var name: String { error.name }

    public static func == (a: RejectedLibrary, b: RejectedLibrary) -> Bool { a.path == b.path && a.code == b.code }
    public func hash(into h: inout Hasher) {
        h.combine(path)
        h.combine(code)
    }
}

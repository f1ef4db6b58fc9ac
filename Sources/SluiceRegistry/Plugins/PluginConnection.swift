import CSluiceABI
import Foundation
import SluiceCore

/// A connection manager implemented by a plugin (`sluice_connection_vtable`): made from a
/// package connection manager, validated, then acquired and released by the run (see
/// docs/connections.md). Destroyed with this object.
public final class PluginConnection: @unchecked Sendable {
    /// The package's name for the connection manager, and its kind (the component id).
    public let name: String
    public let kind: String
    /// The connection string the instance was given as `ConnectionString`.
    public let connectionString: String
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_connection_vtable>

    /// Makes an instance for the package connection manager `manager`: its properties, plus its
    /// connection string as `ConnectionString` (the property the header names).
    /// - Throws: `SLUICE_E_CONNECTION_KIND_UNKNOWN` for a kind that is not a plugin connection
    ///   manager; `SLUICE_E_CONNECTION_STRING_TWICE`; property errors, as for a task;
    ///   the failure of `create` or `set_property`.
    public init(_ manager: ConnectionManager, registry: ComponentRegistry) throws {
        guard let entry = registry.entry(for: manager.kind), entry.descriptor.kind == .connectionManager,
            case .plugin(let component) = entry.factory
        else {
            throw SluiceError(.connectionKindUnknown, ["name": manager.name, "kind": manager.kind])
        }
        let resolved = try PropertyResolver.resolve(Self.properties(of: manager, entry.descriptor), for: entry.descriptor, owner: manager.name)
        name = manager.name
        kind = manager.kind
        connectionString = manager.connectionString
        instance = try PluginInstance(component: component, descriptor: entry.descriptor, properties: resolved)
        vtable = instance.vtable(as: sluice_connection_vtable.self)
    }

    /// The package's properties with the connection string added as `ConnectionString`. A
    /// component that does not declare it gets it only when it is not empty, which then fails
    /// as any unknown property does.
    static func properties(of manager: ConnectionManager, _ descriptor: ComponentDescriptor) throws -> JSONObject {
        guard manager.properties["ConnectionString"] == nil else {
            throw SluiceError(.connectionStringTwice, ["name": manager.name])
        }
        var properties = manager.properties
        if descriptor.property(named: "ConnectionString") != nil || !manager.connectionString.isEmpty {
            properties["ConnectionString"] = .string(manager.connectionString)
        }
        return properties
    }

    /// The path of the library whose handles this connection makes.
    public var library: String { instance.component.library.path }

    /// Calls the plugin's validate.
    /// - Throws: `SLUICE_E_CONNECTION_INVALID` with the plugin's message and code.
    public func validate(in context: any TaskContext) throws {
        try instance.validate(in: context, failure: .connectionInvalid, details: ["name": name, "kind": kind])
    }

    /// Calls the plugin's acquire; the handle is the plugin's until ``release(_:)``.
    /// - Throws: `SLUICE_E_CONNECTION_ACQUIRE_FAILED` with the plugin's message and code.
    public func acquire(in context: any TaskContext) throws -> UnsafeMutableRawPointer? {
        var handle: UnsafeMutableRawPointer?
        let raw = instance.raw
        try instance.call(context, "acquire", failure: .connectionAcquireFailed, details: ["name": name, "kind": kind]) {
            vtable.pointee.acquire(raw, $0, &handle, $1)
        }
        return handle
    }

    /// Gives back a handle `acquire` returned.
    public func release(_ handle: UnsafeMutableRawPointer?) {
        vtable.pointee.release(instance.raw, handle)
    }
}

import CSluiceABI
import Foundation
import SluiceCore
import SluiceRegistry

/// A connection manager implemented by a plugin (`sluice_connection_vtable`): made from a
/// package connection manager (``ComponentRegistry/makeConnection(for:)``), validated, then
/// acquired and released by the run (see docs/connections.md). Destroyed with this object.
public final class PluginConnection: ConnectionManagerComponent, @unchecked Sendable {
    /// The package's name for the connection manager, and its kind (the component id).
    public let name: String
    public let kind: String
    /// The connection string the instance was given as `ConnectionString`.
    public let connectionString: String
    private let instance: PluginInstance
    private let vtable: UnsafePointer<sluice_connection_vtable>

    /// Creates an instance of the connection manager `component` for the package's connection
    /// manager `settings` (its properties checked already, `ConnectionString` among them).
    /// - Throws: the failure of `create` or `set_property`.
    init(component: PluginComponent, descriptor: ComponentDescriptor, settings: ConnectionManagerSettings) throws {
        name = settings.name
        kind = settings.kind
        connectionString = settings.connectionString
        instance = try PluginInstance(component: component, descriptor: descriptor, properties: settings.properties)
        vtable = instance.vtable(as: sluice_connection_vtable.self)
    }

    /// The path of the library whose handles this connection makes.
    public var library: String? { instance.component.library.path }

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

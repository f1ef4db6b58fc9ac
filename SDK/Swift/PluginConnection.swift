/// A package connection as the host hands it to a component through `connection_acquire`
/// (``PluginContext/acquireConnection(_:)``): the connection string, and for a connection
/// manager of this same plugin library the opaque handle its `acquire` returned.
///
/// ```swift
/// let connection = try context.acquireConnection("Orders")
/// guard let store = connection.object(as: MemoryStore.self) else {
///     throw PluginError(.typeMismatch, "Orders is not a memory connection")
/// }
/// ```
///
/// Borrowed for the call that asked for it: never release the handle, and ask again in the
/// next call instead of keeping it (it is the same handle while the connection is acquired).
public struct PluginConnection {
    /// The handle the connection manager's `acquire` returned; nil for the built-in kinds
    /// (`sluice.file`, `sluice.sqlite`), which have none.
    public let handle: UnsafeMutableRawPointer?
    /// The connection string the connection was acquired with (`--conn` and expressions applied).
    public let connectionString: String

    /// The object a Swift connection manager of this library returned from
    /// ``PluginConnectionManager/acquire(_:)``, when the handle is such a connection still open
    /// and the object is a `T`; nil otherwise (a built-in kind, a C connection manager, another type).
    public func object<T: AnyObject>(as type: T.Type = T.self) -> T? {
        guard let handle else { return nil }
        return OpenConnections.object(at: handle) as? T
    }
}

/// A connection handle belongs to the call that received it.
@available(*, unavailable)
extension PluginConnection: Sendable {}

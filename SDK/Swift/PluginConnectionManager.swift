/// A connection manager written in Swift: the Swift face of `SLUICE_COMPONENT_CONNECTION_MANAGER`.
///
/// The package's connection string arrives as the property `ConnectionString` (declare it).
/// ``acquire(_:)`` opens a connection and returns any object; the host keeps it as an opaque
/// handle, hands it to components of the same plugin that ask for the connection, and gives it
/// back through ``release(_:)`` exactly once. The SDK keeps the object alive in between; a
/// component reads it with ``PluginContext/acquireConnection(_:)`` and
/// ``PluginConnection/object(as:)``.
///
/// ```swift
/// final class MemoryConnections: PluginConnectionManager {
///     static let id = "acme.memory", displayName = "Memory", summary = "An in-memory store.", version = "1.0.0"
///     static let properties = [PluginProperty(name: "ConnectionString", type: .string, required: true)]
///     private var name = ""
///     init() {}
///     func setProperty(_ property: String, _ value: PluginValue) throws { name = value.stringValue ?? "" }
///     func acquire(_ context: PluginContext) throws -> AnyObject { Store(named: name) }
///     func release(_ connection: AnyObject) { (connection as? Store)?.close() }
/// }
/// ```
public protocol PluginConnectionManager: PluginComponent {
    /// The stock connection kind whose connection strings this manager's follow
    /// (`sluice.file`: a path; `sluice.sqlite`: a database file), so stock tasks that take that
    /// kind may use the connection: they acquire it, then open what its string names. Defaults
    /// to nil: the connection is for this library's own components only.
    static var connectionKind: String? { get }

    /// Opens a connection. Several may be open at once, and `acquire` and ``release(_:)`` may be
    /// called from different threads: keep shared state thread-safe.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    /// - Returns: The connection; the SDK retains it until ``release(_:)``.
    func acquire(_ context: PluginContext) throws -> AnyObject

    /// Closes a connection ``acquire(_:)`` returned. Defaults to doing nothing (the object is
    /// dropped, so its `deinit` runs).
    func release(_ connection: AnyObject)
}

extension PluginConnectionManager {
    /// No stock kind.
    public static var connectionKind: String? { nil }

    /// Nothing to close beyond dropping the object.
    public func release(_ connection: AnyObject) {}
}

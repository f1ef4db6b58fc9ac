/// A connection manager with a life of its own during a run (a plugin's): made and validated at
/// validation, acquired before the first task that uses it, released after the last.
///
/// ```swift
/// final class Memory: ConnectionManagerComponent {
///     let library: String? = nil
///     func validate(in context: any TaskContext) throws {}
///     func acquire(in context: any TaskContext) throws -> UnsafeMutableRawPointer? { nil }
///     func release(_ handle: UnsafeMutableRawPointer?) {}
/// }
/// ```
/// The run acquires it at most once at a time and releases what `acquire` returned; one
/// instance serves one package connection manager in one run and is destroyed with the object.
public protocol ConnectionManagerComponent: AnyObject, Sendable {
    /// The path of the plugin library whose code may use the handles (a handle means nothing to
    /// another library); nil when any code may.
    var library: String? { get }
    /// Checks the configuration (at validation).
    func validate(in context: any TaskContext) throws
    /// The connection's handle, the component's until ``release(_:)``.
    func acquire(in context: any TaskContext) throws -> UnsafeMutableRawPointer?
    func release(_ handle: UnsafeMutableRawPointer?)
}

/// What a connection manager instance is made from: the package's connection manager, its
/// properties checked against the component's declarations (the connection string among them as
/// `ConnectionString` when the component declares it).
public struct ConnectionManagerSettings: Sendable {
    /// The connection manager's name in the package, and its kind (the component id).
    public var name: String
    public var kind: String
    /// The connection string after `--conn` and its property expression.
    public var connectionString: String
    public var properties: ResolvedProperties

    public init(name: String, kind: String, connectionString: String, properties: ResolvedProperties) {
        self.name = name
        self.kind = kind
        self.connectionString = connectionString
        self.properties = properties
    }
}

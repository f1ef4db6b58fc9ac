/// A connection as a task receives it from ``TaskContext/acquireConnection(named:)``: the
/// connection string, and for a plugin connection manager the opaque handle its `acquire`
/// returned, with the library that made it (a handle means nothing to another library).
public struct AcquiredConnection: @unchecked Sendable {
    public var connectionString: String
    /// The plugin connection's handle; nil for the built-in kinds, which have none.
    public var handle: UnsafeMutableRawPointer?
    /// The path of the plugin library whose connection manager made `handle`; nil for built-ins.
    public var library: String?

    public init(connectionString: String, handle: UnsafeMutableRawPointer? = nil, library: String? = nil) {
        self.connectionString = connectionString
        self.handle = handle
        self.library = library
    }
}

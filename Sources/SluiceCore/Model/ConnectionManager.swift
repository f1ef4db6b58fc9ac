import Foundation

/// A connection manager: a named, typed connection that tasks use by name.
///
/// `kind` is a registered component id (`sluice.file`, `sluice.sqlite`, or a plugin's), and the
/// connection string is what `--conn NAME=VALUE` replaces.
public struct ConnectionManager: Sendable, Hashable {
    public var name: String
    public var id: UUID
    public var kind: String
    public var connectionString: String
    public var description: String
    public var properties: JSONObject
    /// Property name (`ConnectionString`) → SSIS expression evaluated each time the connection is used.
    public var propertyExpressions: [String: String] = [:]

    public init(
        _ name: String, kind: String, connectionString: String, id: UUID = UUID.random(), description: String = "",
        properties: JSONObject = JSONObject()
    ) {
        self.name = name
        self.kind = kind
        self.connectionString = connectionString
        self.id = id
        self.description = description
        self.properties = properties
    }
}

/// What a component is: its registered id, kind, names, version and declared properties.
///
/// Built-in and plugin components are described the same way; `library` tells them apart.
public struct ComponentDescriptor: Sendable, Hashable {
    public var id: String
    public var kind: ComponentKind
    public var displayName: String
    public var description: String
    public var version: String
    public var properties: [PropertySpec]
    /// The shared library that provides the component, or nil for a built-in.
    public var library: String?
    /// For a plugin connection manager: the stock connection kind whose connection strings it
    /// follows (`sluice.file`, `sluice.sqlite`), so stock tasks taking that kind may use it.
    /// Nil otherwise (ABI 1.1 `connection_kind`).
    public var connectionKind: String?

    public init(
        id: String, kind: ComponentKind, displayName: String, description: String, version: String,
        properties: [PropertySpec] = [], library: String? = nil, connectionKind: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.displayName = displayName
        self.description = description
        self.version = version
        self.properties = properties
        self.library = library
        self.connectionKind = connectionKind
    }

    public func property(named name: String) -> PropertySpec? { properties.first { $0.name == name } }
}

/// The kinds of component, as the C ABI numbers them.
public enum ComponentKind: String, Sendable, CaseIterable, Hashable {
    case task, source, transform, destination
    case connectionManager = "connection-manager"
    case logProvider = "log-provider"
    case foreachEnumerator = "foreach-enumerator"

    /// The `SLUICE_COMPONENT_*` value of the kind.
    public var abiValue: Int32 {
        switch self {
        case .task: 1
        case .source: 2
        case .transform: 3
        case .destination: 4
        case .connectionManager: 5
        case .logProvider: 6
        case .foreachEnumerator: 7
        }
    }

    public init?(abiValue: Int32) {
        guard let k = ComponentKind.allCases.first(where: { $0.abiValue == abiValue }) else { return nil }
        self = k
    }
}

/// A declared property of a component.
public struct PropertySpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case string, integer, real, boolean
        /// A list of strings (Swift components only; the C ABI has no list type in 1.0).
        case stringList = "string list"
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    public var defaultValue: JSONValue?
    public var description: String

    public init(_ name: String, _ kind: Kind, required: Bool = false, default defaultValue: JSONValue? = nil, _ description: String = "") {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
    }
}

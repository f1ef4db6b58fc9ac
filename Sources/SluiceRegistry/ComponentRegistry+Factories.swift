import SluiceCore

/// Instances of the kinds the runtime makes besides tasks and log providers, through the
/// factories their components registered: the runtime never builds an adapter itself.
extension ComponentRegistry {
    /// Makes an instance of the Foreach enumerator component `id` for the loop `owner`.
    /// - Throws: `SLUICE_E_COMPONENT_UNKNOWN`, `SLUICE_E_COMPONENT_KIND_MISMATCH`, property
    ///   errors, and the factory's own (a plugin's failing `create` or `set_property`).
    public func makeEnumerator(_ id: String, properties: JSONObject, owner: String) throws -> any ForeachEnumeratorComponent {
        guard let entry = entry(for: id) else { throw SluiceError(.componentUnknown, ["executable": owner, "id": id]) }
        guard entry.descriptor.kind == .foreachEnumerator, case .enumerator(let make) = entry.factory else {
            throw SluiceError(.componentKindMismatch, [
                "executable": owner, "id": id, "expected": "foreach-enumerator", "actual": entry.descriptor.kind.rawValue,
            ])
        }
        return try make(try PropertyResolver.resolve(properties, for: entry.descriptor, owner: owner))
    }

    /// Whether connection managers of `kind` are made and live during a run (acquired and
    /// released), rather than declared only, as the built-in kinds are.
    public func makesConnections(ofKind kind: String) -> Bool {
        guard let entry = entry(for: kind), entry.descriptor.kind == .connectionManager else { return false }
        if case .connectionManager = entry.factory { return true }
        return false
    }

    /// Makes the instance of the package connection manager `manager` (as the run sees it: its
    /// `--conn` and property expression applied): its properties, plus its connection string as
    /// `ConnectionString` (the property the header names). A component that does not declare
    /// `ConnectionString` gets it only when it is not empty, which then fails as any unknown
    /// property does.
    /// - Throws: `SLUICE_E_CONNECTION_KIND_UNKNOWN` for a kind that does not make connection
    ///   managers; `SLUICE_E_CONNECTION_STRING_TWICE`; property errors, as for a task; the
    ///   factory's own (a plugin's failing `create` or `set_property`).
    public func makeConnection(for manager: ConnectionManager) throws -> any ConnectionManagerComponent {
        guard let entry = entry(for: manager.kind), entry.descriptor.kind == .connectionManager,
            case .connectionManager(let make) = entry.factory
        else {
            throw SluiceError(.connectionKindUnknown, ["name": manager.name, "kind": manager.kind])
        }
        guard manager.properties["ConnectionString"] == nil else {
            throw SluiceError(.connectionStringTwice, ["name": manager.name])
        }
        var properties = manager.properties
        if entry.descriptor.property(named: "ConnectionString") != nil || !manager.connectionString.isEmpty {
            properties["ConnectionString"] = .string(manager.connectionString)
        }
        let resolved = try PropertyResolver.resolve(properties, for: entry.descriptor, owner: manager.name)
        return try make(ConnectionManagerSettings(
            name: manager.name, kind: manager.kind, connectionString: manager.connectionString, properties: resolved))
    }
}

extension ComponentRegistry {
    /// Registers a Foreach enumerator kind with a factory that makes one instance per loop
    /// execution (and one at validation).
    /// - Throws: `SLUICE_E_COMPONENT_DUPLICATE_ID` when the id is taken.
    public func register(
        _ descriptor: ComponentDescriptor,
        makeEnumerator: @escaping @Sendable (ResolvedProperties) throws -> any ForeachEnumeratorComponent
    ) throws {
        try register([ComponentEntry(descriptor: descriptor, factory: .enumerator(makeEnumerator))])
    }

    /// Registers a connection manager kind whose instances live in a run: made and validated
    /// at validation, acquired before the first task that uses one and released after the last.
    /// - Throws: `SLUICE_E_COMPONENT_DUPLICATE_ID` when the id is taken.
    public func register(
        _ descriptor: ComponentDescriptor,
        makeConnection: @escaping @Sendable (ConnectionManagerSettings) throws -> any ConnectionManagerComponent
    ) throws {
        try register([ComponentEntry(descriptor: descriptor, factory: .connectionManager(makeConnection))])
    }
}

import CSluiceABI

/// What a component's `def->user_data` points to: the Swift type to instantiate, its kind and
/// its declared properties. One per component type, retained once and never released (the
/// descriptor that points to it lives for the life of the process).
final class ComponentFactory {
    let type: any PluginComponent.Type
    let kind: ComponentKind?
    let id: String
    let properties: [PluginProperty]
    /// A connection manager's stock kind (`connection_kind`); nil for every other kind.
    let connectionKind: String?

    init(_ type: any PluginComponent.Type) {
        self.type = type
        self.kind = ComponentKind(of: type)
        self.id = type.id
        self.properties = type.properties
        self.connectionKind = (type as? any PluginConnectionManager.Type)?.connectionKind
    }

    /// The declared property named `name`, if any.
    func property(named name: String) -> PluginProperty? {
        properties.first { $0.name == name }
    }
}

/// The ABI kind of a Swift component type, decided by the kind protocol it conforms to.
enum ComponentKind {
    case task, foreachEnumerator, logProvider, connectionManager, source, transform, destination

    /// `nil` for a type that conforms to no kind protocol: its definition gets kind 0, which the
    /// host refuses with a descriptor error, naming the id.
    init?(of type: any PluginComponent.Type) {
        switch type {
        case is any PluginTask.Type: self = .task
        case is any PluginForeachEnumerator.Type: self = .foreachEnumerator
        case is any PluginLogProvider.Type: self = .logProvider
        case is any PluginConnectionManager.Type: self = .connectionManager
        case is any PluginFlowSource.Type: self = .source
        case is any PluginFlowDestination.Type: self = .destination
        case is any PluginSynchronousTransform.Type, is any PluginAsynchronousTransform.Type: self = .transform
        default: return nil
        }
    }

    /// The `SLUICE_COMPONENT_*` constant.
    var cKind: Int32 {
        switch self {
        case .task: return SLUICE_COMPONENT_TASK
        case .foreachEnumerator: return SLUICE_COMPONENT_FOREACH_ENUMERATOR
        case .logProvider: return SLUICE_COMPONENT_LOG_PROVIDER
        case .connectionManager: return SLUICE_COMPONENT_CONNECTION_MANAGER
        case .source: return SLUICE_COMPONENT_SOURCE
        case .transform: return SLUICE_COMPONENT_TRANSFORM
        case .destination: return SLUICE_COMPONENT_DESTINATION
        }
    }

    /// The one shared function table of the kind.
    var vtable: UnsafeRawPointer {
        switch self {
        case .task: return TaskVTable.shared
        case .foreachEnumerator: return EnumeratorVTable.shared
        case .logProvider: return LogProviderVTable.shared
        case .connectionManager: return ConnectionVTable.shared
        case .source, .transform, .destination: return DataFlowVTable.shared
        }
    }
}

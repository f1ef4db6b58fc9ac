/// What a task component's `def->user_data` points to: the Swift type to instantiate and its
/// declared properties. One per task type, retained once and never released (the descriptor that
/// points to it lives for the life of the process).
final class TaskFactory {
    let type: any PluginTask.Type
    let id: String
    let properties: [PluginProperty]

    init(_ type: any PluginTask.Type) {
        self.type = type
        self.id = type.id
        self.properties = type.properties
    }

    /// The declared property named `name`, if any.
    func property(named name: String) -> PluginProperty? {
        properties.first { $0.name == name }
    }
}

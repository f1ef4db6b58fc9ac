/// One declared property of a component: its name, type, whether it is required, its default.
///
/// The host reads these from the descriptor, checks a package's values against them, and calls
/// ``PluginTask/setProperty(_:_:)`` once for each property that has a value, in declared order.
///
/// ```swift
/// static let properties = [
///     PluginProperty(name: "name", type: .string, defaultValue: "world", description: "Who to greet."),
///     PluginProperty(name: "variable", type: .string, required: true, description: "Where to put the greeting."),
/// ]
/// ```
public struct PluginProperty: Hashable, Sendable {
    /// Unique within the component: letters, digits and `_`, starting with a letter.
    public var name: String
    /// The type of the value; it decides the ``PluginValue`` kind `setProperty` receives.
    public var type: PluginPropertyType
    /// A required property without a value fails validation before the component is created.
    public var required: Bool
    /// The default written as text (`"42"`, `"true"`, `"hello"`), or `nil` for none.
    public var defaultValue: String?
    /// One sentence for designers and `sluice` listings.
    public var description: String

    /// Declares a property.
    ///
    /// - Parameters:
    ///   - name: The property name, unique within the component.
    ///   - type: The value type.
    ///   - required: Whether a package must give a value. Defaults to `false`.
    ///   - defaultValue: The default as text, or `nil`.
    ///   - description: What the property does.
    public init(
        name: String, type: PluginPropertyType, required: Bool = false, defaultValue: String? = nil,
        description: String = ""
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.defaultValue = defaultValue
        self.description = description
    }
}

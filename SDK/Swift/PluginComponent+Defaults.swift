/// Defaults that keep small components small: no properties, nothing to validate.
///
/// ```swift
/// final class PingTask: PluginTask {
///     static let id = "acme.ping", displayName = "Ping", summary = "Does nothing.", version = "1.0.0"
///     init() {}
///     func execute(_ context: PluginContext) throws -> PluginValue? { nil }
/// }
/// ```
extension PluginComponent {
    /// No declared properties.
    public static var properties: [PluginProperty] { [] }

    /// Refuses every property: the host only sets declared ones, so this runs only for a
    /// component that declares properties without handling them.
    public func setProperty(_ name: String, _ value: PluginValue) throws {
        throw PluginError(.notFound, "component '\(Self.id)' does not handle property '\(name)'")
    }

    /// Accepts any configuration.
    public func validate(_ context: PluginContext) throws {}
}

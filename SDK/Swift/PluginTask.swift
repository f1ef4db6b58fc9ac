/// A control flow task written in Swift: the Swift face of `SLUICE_COMPONENT_TASK`.
///
/// The host creates one instance per task in a package (``PluginComponent/init()``), sets its
/// properties, validates it, then runs it (``execute(_:)``) once per execution: inside a loop the
/// same instance executes every iteration, unless the task has property expressions, which make a
/// new instance before each execution. One instance is used by one thread at a time, so a task
/// keeps its configuration in plain stored properties; different instances may run at once on
/// different threads.
///
/// ```swift
/// final class EchoTask: PluginTask {
///     static let id = "acme.echo"
///     static let displayName = "Echo"
///     static let summary = "Raises its text as an information event."
///     static let version = "1.0.0"
///     static let properties = [PluginProperty(name: "text", type: .string, required: true)]
///
///     private var text = ""
///     init() {}
///
///     func setProperty(_ name: String, _ value: PluginValue) throws {
///         if name == "text" { text = value.stringValue ?? "" }
///     }
///     func execute(_ context: PluginContext) throws -> PluginValue? {
///         context.fireInformation(text)
///         return nil
///     }
/// }
/// ```
public protocol PluginTask: PluginComponent {
    /// Does the work and optionally returns an execution value (rows affected, files moved, …).
    ///
    /// Poll ``PluginContext/isCanceled`` during long work and throw
    /// `PluginError(.canceled, …)` when it turns `true`.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    /// - Returns: The execution value, or `nil` for none.
    func execute(_ context: PluginContext) throws -> PluginValue?
}

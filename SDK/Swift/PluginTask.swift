/// A control flow task written in Swift: the Swift face of `SLUICE_COMPONENT_TASK`.
///
/// The host creates one instance per task in a package (``init()``), sets each property that has a
/// value in declared order (``setProperty(_:_:)``), validates it (``validate(_:)``), runs it
/// (``execute(_:)``) and then drops it. One instance is used by one thread at a time, so a task
/// keeps its configuration in plain stored properties.
///
/// Errors thrown from the methods become the status returned to the host (see ``PluginError``);
/// they never cross into C. A trap (a failed `precondition`, a force-unwrapped `nil`, an integer
/// overflow) cannot be caught and ends the process that runs the task, so avoid them.
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
public protocol PluginTask: AnyObject {
    /// Makes an unconfigured instance; properties arrive afterwards through ``setProperty(_:_:)``.
    init()

    /// The component id, unique across all plugins: dotted lower-case segments (`acme.hello`).
    static var id: String { get }
    /// The name designers and listings show (`Hello`).
    static var displayName: String { get }
    /// One sentence saying what the task does (the component's `description`).
    static var summary: String { get }
    /// The task's own version (`1.2.0`).
    static var version: String { get }
    /// The declared properties, in the order the host sets them. Defaults to none.
    static var properties: [PluginProperty] { get }

    /// Receives the value of one declared property; the value already has the declared type.
    ///
    /// - Throws: ``PluginError``, usually ``PluginError/Status/invalidArgument`` for a bad value.
    func setProperty(_ name: String, _ value: PluginValue) throws

    /// Checks the configuration before anything runs: cheap, no long I/O. Defaults to accepting it.
    ///
    /// A thrown error is also raised as OnError on `context`, as the ABI asks of `validate`.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    func validate(_ context: PluginContext) throws

    /// Does the work and optionally returns an execution value (rows affected, files moved, …).
    ///
    /// Poll ``PluginContext/isCanceled`` during long work and throw
    /// `PluginError(.canceled, …)` when it turns `true`.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    /// - Returns: The execution value, or `nil` for none.
    func execute(_ context: PluginContext) throws -> PluginValue?
}

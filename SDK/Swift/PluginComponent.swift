/// What every component written in Swift has, whatever its kind: an id and description, declared
/// properties, and the common lifecycle of the ABI (`create` → `set_property` → `validate` →
/// the kind's own calls → `destroy`).
///
/// Do not conform to this protocol directly: conform to the protocol of a kind, ``PluginTask``,
/// ``PluginForeachEnumerator``, ``PluginLogProvider`` or ``PluginConnectionManager``, and list the
/// type in ``PluginDefinition``.
///
/// The host makes an instance with ``init()``, sets each property that has a value in declared
/// order (``setProperty(_:_:)``), then validates it (``validate(_:)``). Errors thrown from any
/// method become the status returned to the host (see ``PluginError``); they never cross into C.
/// A trap (a failed `precondition`, a force-unwrapped `nil`, an integer overflow) cannot be
/// caught: it ends the process that runs the plugin, so avoid them.
public protocol PluginComponent: AnyObject {
    /// Makes an unconfigured instance; properties arrive afterwards through ``setProperty(_:_:)``.
    init()

    /// The component id, unique across all plugins: dotted lower-case segments (`acme.hello`).
    static var id: String { get }
    /// The name designers and listings show (`Hello`).
    static var displayName: String { get }
    /// One sentence saying what the component does (the component's `description`).
    static var summary: String { get }
    /// The component's own version (`1.2.0`).
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
}

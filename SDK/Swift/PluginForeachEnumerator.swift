/// A Foreach Loop enumerator written in Swift: the Swift face of `SLUICE_COMPONENT_FOREACH_ENUMERATOR`.
///
/// Each time its loop runs, the host makes a new instance, sets its properties, validates it,
/// calls ``begin(_:)``, then ``next(_:)`` until it returns `nil`, then ``end()``, and drops the
/// instance (an outer loop's next iteration gets a fresh one). All calls come from the thread
/// that runs the loop. Validation makes its own short-lived instance that is only validated.
///
/// ```swift
/// final class CountdownEnumerator: PluginForeachEnumerator {
///     static let id = "acme.countdown", displayName = "Countdown"
///     static let summary = "Yields from, from - 1, …, 1.", version = "1.0.0"
///     static let properties = [PluginProperty(name: "from", type: .int64, defaultValue: "3")]
///
///     private var current: Int64 = 3
///     init() {}
///
///     func setProperty(_ name: String, _ value: PluginValue) throws {
///         if case .int64(let number) = value { current = number }
///     }
///     func next(_ context: PluginContext) throws -> [PluginValue]? {
///         guard current > 0 else { return nil }
///         defer { current -= 1 }
///         return [.int64(current), .string("item \(current)")]
///     }
/// }
/// ```
public protocol PluginForeachEnumerator: PluginComponent {
    /// Starts a walk over the items (opens a file, runs a query). Defaults to doing nothing.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    func begin(_ context: PluginContext) throws

    /// The values of the next item, one per column, or `nil` when there are no more items.
    ///
    /// The loop maps values to variables by index; values past the loop's last mapping are not
    /// handed over. Throwing fails the loop (`nil` is the only normal end).
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    func next(_ context: PluginContext) throws -> [PluginValue]?

    /// Ends the walk after the last ``next(_:)`` or an error; called only after a successful
    /// ``begin(_:)``. Defaults to doing nothing.
    func end()
}

extension PluginForeachEnumerator {
    /// Nothing to start.
    public func begin(_ context: PluginContext) throws {}

    /// Nothing to end.
    public func end() {}
}

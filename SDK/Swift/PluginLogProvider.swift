/// A log provider written in Swift: the Swift face of `SLUICE_COMPONENT_LOG_PROVIDER`.
///
/// Its settings are its declared properties, taken from the `properties` of the package's log
/// provider entry; a provider that declares a property named `path` also gets the entry's `path`
/// there when `properties` does not set it.
///
/// The host makes one instance per run of a package that declares the provider (at validation),
/// calls ``open(_:)`` once before the first entry, ``write(_:)`` for every event the package's
/// logging options select, ``close()`` once at the end (never after an `open` that threw), and
/// drops it. `write` is called from whichever thread raised the event, one call at a time.
///
/// ```swift
/// final class LinesLog: PluginLogProvider {
///     static let id = "acme.lines", displayName = "Lines", summary = "One line per event.", version = "1.0.0"
///     static let properties = [PluginProperty(name: "path", type: .string, required: true)]
///     …
///     func write(_ entry: PluginLogEntry) throws {
///         try append("\(entry.event)|\(entry.sourceName)|\(entry.message)\n")
///     }
/// }
/// ```
public protocol PluginLogProvider: PluginComponent {
    /// Opens the destination (a file, a socket). Defaults to doing nothing.
    /// - Parameter context: Valid only during this call (see ``PluginContext``).
    func open(_ context: PluginContext) throws

    /// Writes one entry. A thrown error is reported once as a warning and the provider gets no
    /// more entries in that run; the run goes on.
    func write(_ entry: PluginLogEntry) throws

    /// Flushes and closes the destination. Defaults to doing nothing.
    func close() throws
}

extension PluginLogProvider {
    /// Nothing to open.
    public func open(_ context: PluginContext) throws {}

    /// Nothing to close.
    public func close() throws {}
}

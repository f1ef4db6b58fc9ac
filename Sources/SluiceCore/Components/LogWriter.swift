/// A log provider at run time: opened when the run starts (appending, so a provider opened
/// again in the same run or by a child package keeps what it had), written to per logged
/// event, closed at the end. The registry makes one per package log provider and run, built-in
/// (`sluice.log.text`, `sluice.log.jsonl`) or from a plugin alike.
///
/// ```swift
/// final class Lines: LogWriter {
///     func open(in context: any TaskContext) throws {}
///     func write(_ record: EventRecord) throws { print(record.jsonLine) }
///     func close() {}
/// }
/// ```
/// `write` may be called from several threads at once (tasks run in parallel); `close` is
/// called once, and only after an `open` that succeeded.
public protocol LogWriter: AnyObject, Sendable {
    /// - Parameter context: the package's, for what a provider reads at start (variables,
    ///   connections) and the events it raises.
    func open(in context: any TaskContext) throws
    /// Checks the provider's configuration when the package is validated (before `open`).
    func validate(in context: any TaskContext) throws
    func write(_ record: EventRecord) throws
    func close()
}

/// What a log provider instance is made from: the package's log provider, its properties
/// checked against the component's declarations.
public struct LogProviderSettings: Sendable {
    /// The provider's name in the package.
    public var name: String
    /// The file the provider writes (the package's `path`).
    public var path: String
    public var properties: ResolvedProperties

    public init(name: String, path: String, properties: ResolvedProperties) {
        self.name = name
        self.path = path
        self.properties = properties
    }
}

extension LogWriter {
    /// Writers with nothing to check beyond their properties.
    public func validate(in context: any TaskContext) throws {}
}

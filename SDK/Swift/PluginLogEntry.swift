/// One logged event as a ``PluginLogProvider`` receives it (`sluice_log_entry`), copied from the
/// host's borrowed strings.
public struct PluginLogEntry: Hashable, Sendable {
    /// `OnError`, `OnPreExecute`, … or a custom event's name (`PluginLog` for `write_log` lines).
    public var event: String
    /// A Sluice message code, a plugin's own code (100000-199999), or 0.
    public var code: Int32
    /// The name of the executable that raised the event.
    public var sourceName: String
    /// That executable's id (a UUID string).
    public var sourceID: String
    /// The run's `System::ExecutionInstanceGUID`.
    public var executionID: String
    /// The event's message.
    public var message: String
    /// When the event was raised: microseconds since the Unix epoch, UTC.
    public var timeMicroseconds: Int64

    /// Makes an entry (the SDK makes them from the host's; tests may make their own).
    public init(
        event: String, code: Int32, sourceName: String, sourceID: String, executionID: String, message: String,
        timeMicroseconds: Int64
    ) {
        self.event = event
        self.code = code
        self.sourceName = sourceName
        self.sourceID = sourceID
        self.executionID = executionID
        self.message = message
        self.timeMicroseconds = timeMicroseconds
    }
}

import Foundation

/// One event as it travels: the line `sluice run --events-json` prints, the line the
/// `sluice.log.jsonl` log provider writes, and what a server worker sends. One format for all
/// of them, documented field by field in `docs/events.md`.
///
/// ```swift
/// let line = record.jsonLine                      // {"version":1,"event":"OnPostExecute",…}
/// let back = try EventRecord(jsonLine: line)      // == record
/// ```
/// Readers ignore fields they do not know (fields are added without a new version) and refuse
/// a newer `version`, which changes the meaning of a field already there.
public struct EventRecord: Sendable, Hashable {
    /// The version this Sluice writes, and the newest it reads.
    public static let formatVersion = 1

    public var version: Int
    public var event: EventKind
    /// When the event was raised, in whole microseconds since 1970 (UTC): what the wire holds.
    public var timeMicroseconds: Int64
    /// The run (`System::ExecutionInstanceGUID`); nil for a failure before any run began.
    public var executionID: UUID?
    /// The executable that raised it; nil for a failure before the package was read.
    public var source: EventSource?
    /// A Sluice message code (`docs/errors.md`), and its symbolic name.
    public var code: Int32?
    public var name: String?
    /// The code a plugin gave its own failure (100000-199999, see ``PluginCodes``).
    public var pluginCode: Int32?
    public var message: String
    /// For OnPostExecute and OnPostValidate.
    public var result: ExecutionResult?
    /// How long the executable ran, for OnPostExecute.
    public var durationMicroseconds: Int64?
    /// For OnProgress.
    public var percent: Int?
    /// The custom event's own name, for OnCustomEvent.
    public var customEvent: String?
    /// The executable's new status, for OnExecStatusChanged.
    public var status: ExecutionStatus?
    /// True for events raised inside an event handler.
    public var inHandler: Bool

    public init(
        _ event: EventKind, time: Date, executionID: UUID? = nil, source: EventSource? = nil, code: Int32? = nil,
        pluginCode: Int32? = nil, message: String = "", result: ExecutionResult? = nil,
        durationMicroseconds: Int64? = nil, percent: Int? = nil, customEvent: String? = nil, status: ExecutionStatus? = nil,
        inHandler: Bool = false
    ) {
        version = Self.formatVersion
        self.event = event
        timeMicroseconds = EventTime.microseconds(of: time)
        self.executionID = executionID
        self.source = source
        self.code = code
        name = code.flatMap { c in MessageCatalog.all.first { $0.code == c }?.name }
        self.pluginCode = pluginCode
        self.message = message
        self.result = result
        self.durationMicroseconds = durationMicroseconds
        self.percent = percent
        self.customEvent = customEvent
        self.status = status
        self.inHandler = inHandler
    }

    /// The time as a `Date` (to the microsecond).
    public var time: Date { EventTime.date(timeMicroseconds) }

    /// The event's name as SSIS's log providers write it: a custom event's own name, else the
    /// kind (`OnPostExecute`).
    public var eventName: String { event == .custom ? customEvent ?? event.rawValue : event.rawValue }
}

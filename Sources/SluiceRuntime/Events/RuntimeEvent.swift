import Foundation
import SluiceCore

/// An event of a run: pre/post validate and execute, error, warning, information, progress,
/// task failed, custom, query cancel, variable value changed.
public struct RuntimeEvent: Sendable {
    public var kind: EventKind
    /// The executable that raised it.
    public var source: EventSource
    public var time: Date
    /// The event's code, as SSIS's ErrorCode: a Sluice message code, or the plugin's own code
    /// (``PluginCodes``) when the event reports a plugin failure that gave one; 0 when none.
    public var code: Int32
    /// The Sluice message behind the event when `code` is a plugin's own (its name also opens
    /// `message`); nil otherwise.
    public var messageCode: Int32?
    public var message: String
    /// Progress percentage, for ``EventKind/progress``.
    public var percent: Int?
    /// The event's own name, for ``EventKind/custom``.
    public var customName: String?
    /// The executable's result, for ``EventKind/postExecute`` and ``EventKind/postValidate``.
    public var result: ExecutionResult?
    /// How long the executable ran, for ``EventKind/postExecute``.
    public var duration: Duration?
    /// True for events raised inside an event handler.
    public var inHandler: Bool
    /// The variable that changed (`User::X`), for ``EventKind/variableValueChanged``.
    public var variable: String?
    /// The executable's new status, for ``EventKind/execStatusChanged``.
    public var status: ExecutionStatus?
    /// The run that raised it (`System::ExecutionInstanceGUID`); set when the run delivers it.
    public var executionID: UUID?

    public init(
        _ kind: EventKind, source: EventSource, code: Int32 = 0, message: String = "", percent: Int? = nil,
        customName: String? = nil, result: ExecutionResult? = nil, inHandler: Bool = false, time: Date = Date()
    ) {
        self.kind = kind
        self.source = source
        self.code = code
        self.message = message
        self.percent = percent
        self.customName = customName
        self.result = result
        self.inHandler = inHandler
        self.time = time
    }

    /// The event of a failure: the error's event code, and its message code when a plugin's
    /// own code takes the event's place.
    public init(_ kind: EventKind, source: EventSource, error: SluiceError, inHandler: Bool = false) {
        self.init(kind, source: source, code: error.eventCode, message: error.description, inHandler: inHandler)
        if error.pluginCode != nil { messageCode = error.code }
    }

    /// The symbolic name of `code`, when it is a Sluice message.
    public var codeName: String? { code == 0 ? nil : MessageCatalog.all.first { $0.code == code }?.name }
}

/// Receives the events of a run. Called from the threads that run executables, so it must be
/// thread-safe; keep it fast (it is on the control flow's path).
public protocol EventSink: Sendable {
    func receive(_ event: RuntimeEvent)
}

/// An event sink made from a closure.
public struct ClosureEventSink: EventSink {
    private let body: @Sendable (RuntimeEvent) -> Void
    public init(_ body: @escaping @Sendable (RuntimeEvent) -> Void) { self.body = body }
    public func receive(_ event: RuntimeEvent) { body(event) }
}

/// Keeps every event, for tests and for callers that inspect a run afterwards.
public final class RecordingEventSink: EventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [RuntimeEvent] = []

    public init() {}

    public func receive(_ event: RuntimeEvent) {
        lock.lock()
        stored.append(event)
        lock.unlock()
    }

    public var events: [RuntimeEvent] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    public func events(_ kind: EventKind) -> [RuntimeEvent] { events.filter { $0.kind == kind } }
}

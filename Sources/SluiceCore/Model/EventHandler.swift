/// A container that runs when `event` is raised by its owner or by anything inside it.
///
/// Handlers of every enclosing container run, innermost first, unless a handler sets
/// `System::Propagate` to false.
public struct EventHandler: Sendable, Hashable {
    public var event: EventKind
    /// The handler's body: its variables, executables and constraints.
    public var container: Executable

    public init(_ event: EventKind, container: Executable? = nil) {
        self.event = event
        self.container = container ?? Executable(event.rawValue, kind: .sequence)
    }
}

/// The events of the runtime, with SSIS's handler names.
public enum EventKind: String, Sendable, CaseIterable, Hashable {
    case preValidate = "OnPreValidate"
    case postValidate = "OnPostValidate"
    case preExecute = "OnPreExecute"
    case postExecute = "OnPostExecute"
    case error = "OnError"
    case warning = "OnWarning"
    case information = "OnInformation"
    case progress = "OnProgress"
    case taskFailed = "OnTaskFailed"
    case custom = "OnCustomEvent"
    case queryCancel = "OnQueryCancel"
    case variableValueChanged = "OnVariableValueChanged"
    /// An executable's ``ExecutionStatus`` changed: raised as it starts executing and as it
    /// completes (SSIS's OnExecutionStatusChanged, whose handler is named OnExecStatusChanged).
    case execStatusChanged = "OnExecStatusChanged"
}

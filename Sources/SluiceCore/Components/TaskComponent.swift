/// A task of the control flow: validated, then executed, by the runtime.
///
/// ```swift
/// final class Hello: TaskComponent {
///     func validate(in context: any TaskContext) throws {}
///     func execute(in context: any TaskContext) throws -> TaskOutcome {
///         try context.setVariable("User::Greeting", to: .string("hello"))
///         return .success()
///     }
/// }
/// ```
/// An error thrown from `validate` or `execute` is raised as an OnError event with its code and
/// makes the task fail. Errors raised through the context count towards `maximumErrorCount`.
///
/// One instance serves one executable in one run and is used by one thread at a time.
public protocol TaskComponent: AnyObject, Sendable {
    /// Checks the configuration; cheap, no long I/O. Throw (or raise errors) to fail validation.
    func validate(in context: any TaskContext) throws
    /// Does the work.
    func execute(in context: any TaskContext) throws -> TaskOutcome
}

/// What a task's execution gave: its result and, optionally, its execution value.
public struct TaskOutcome: Sendable, Equatable {
    public var result: ExecutionResult
    /// Stored into the executable's `executionValueVariable`, if it has one.
    public var executionValue: Value?
    /// The execution value is computed from a sensitive one: the variable it is stored in
    /// becomes sensitive.
    public var executionValueIsSensitive = false

    public init(_ result: ExecutionResult, executionValue: Value? = nil) {
        self.result = result
        self.executionValue = executionValue
    }

    public static func success(_ value: Value? = nil) -> TaskOutcome { TaskOutcome(.success, executionValue: value) }

    /// Success with an execution value that may be sensitive.
    public static func success(_ value: TypedValue) -> TaskOutcome {
        var outcome = TaskOutcome(.success, executionValue: value.value)
        outcome.executionValueIsSensitive = value.sensitive
        return outcome
    }
    public static let failure = TaskOutcome(.failure)
    public static let canceled = TaskOutcome(.canceled)
}

/// Thrown by a component whose failure was already reported through error events (a plugin
/// that called `fire_error` and returned a failure status): the runtime counts the failure
/// without raising the same problem a second time.
public struct FailureAlreadyReported: Error, Sendable {
    public init() {}
}

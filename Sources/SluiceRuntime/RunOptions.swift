import SluiceCore

/// How to run a package: event sink, overrides, concurrency and cancellation.
public struct RunOptions: Sendable {
    /// Receives every event of the run.
    public var eventSink: (any EventSink)?
    /// Parameter values by name (`Name`, `$Package::Name` or `$Project::Name`), as text parsed
    /// into the parameter's type.
    public var parameterValues: [String: String]
    /// Connection strings by connection manager name.
    public var connectionStrings: [String: String]
    /// Overrides the package's `maxConcurrentExecutables` when set.
    public var maxConcurrentExecutables: Int?
    public var cancellation: RunCancellation
    /// How many Execute Package tasks deep this run is (set by the task for its child).
    public var packageDepth = 0
    /// Child packages already validated in this run tree (passed down by Execute Package).
    public var childPackageValidations = ChildPackageValidations()
    /// The file the package was loaded from, if any: its checkpoint file may not be this file.
    public var packageFile: String?
    /// Who reads the rows of the package's DataReader destinations (docs/package-output.md).
    public var dataReaders: DataReaderOutputs?
    /// The project the package belongs to, when it is run from one: its parameters
    /// (`$Project::Name`, which `parameterValues` may set) and connection managers join the run.
    public var project: ProjectScope?
    /// For a child package run by Execute Package: the parent's variables visible from the
    /// task, which the child reads and writes where it declares no variable of the same name.
    public var parentScope: ParentScope?
    /// The redactor of the run's sensitive values (docs/sensitive-values.md). Give one to see
    /// what the run adds to it (the CLI masks what it prints itself with it, Execute Package
    /// shares its own with the child); nil: the run makes its own.
    public var sensitiveTexts: SensitiveTexts?

    public init(
        eventSink: (any EventSink)? = nil, parameterValues: [String: String] = [:],
        connectionStrings: [String: String] = [:], maxConcurrentExecutables: Int? = nil,
        cancellation: RunCancellation = RunCancellation(), packageDepth: Int = 0, packageFile: String? = nil
    ) {
        self.packageDepth = packageDepth
        self.packageFile = packageFile
        self.eventSink = eventSink
        self.parameterValues = parameterValues
        self.connectionStrings = connectionStrings
        self.maxConcurrentExecutables = maxConcurrentExecutables
        self.cancellation = cancellation
    }
}

/// The outcome of a run or a validation.
public struct RunResult: Sendable {
    public var result: ExecutionResult
    /// The error events of the run, in order.
    public var errors: [RuntimeEvent]
    /// The results of the executables that ran, by path (`\Package\Load`).
    public var executableResults: [String: ExecutionResult]
    /// The values of the package-scope variables at the end of the run, each marked
    /// ``TypedValue/sensitive`` when it holds a sensitive value.
    public var variables: [String: TypedValue]
    public var duration: Double
}

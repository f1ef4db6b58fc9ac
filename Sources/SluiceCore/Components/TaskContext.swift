/// What a task sees of the package while it is validated or executed: its variables, the
/// connections, the event sink and the cancellation flag. The runtime provides it.
public protocol TaskContext: AnyObject, Sendable {
    /// The name of the executable being run.
    var executableName: String { get }
    /// True once the run has been asked to stop; long work polls it and returns `.canceled`.
    var isCanceled: Bool { get }

    /// Reads a variable (`User::X` or `X`), innermost scope first.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`.
    func variable(_ name: String) throws -> TypedValue
    /// Writes a variable, converting to its declared type.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`, `SLUICE_E_VARIABLE_READ_ONLY`, `SLUICE_E_TYPE_MISMATCH`.
    func setVariable(_ name: String, to value: Value) throws
    /// Writes a variable with a value computed from a sensitive one (`sensitive`): the variable
    /// then stays sensitive for the rest of the run (masked in events, `--show-variables`, and
    /// never written to a checkpoint file). See docs/sensitive-values.md.
    func setVariable(_ name: String, to value: Value, sensitive: Bool) throws
    /// The run's sensitive texts: what a task passes on to the runs it starts (Execute Package),
    /// so that one redactor covers the whole tree. nil for contexts outside a run.
    var sensitiveTexts: SensitiveTexts? { get }
    /// Reads a package parameter (`Name`, `$Package::Name`) or a project parameter
    /// (`$Project::Name`); the value is marked ``TypedValue/sensitive`` when the parameter is.
    func parameter(_ name: String) throws -> TypedValue
    /// The package's connection manager `name`, with `--conn` overrides applied.
    /// - Throws: `SLUICE_E_CONNECTION_NOT_FOUND`.
    func connection(named name: String) throws -> ConnectionManager
    /// The connection manager `name`, acquired for the executable, on behalf of code from the
    /// plugin `library` (nil: the host's own, such as a stock task, which uses the string and
    /// never the handle): a plugin connection is acquired now if it is not yet, and held as its
    /// plan says when the executable names it in a connection property, else until the run ends.
    /// - Throws: `SLUICE_E_CONNECTION_NOT_FOUND`; `SLUICE_E_CONNECTION_FOREIGN` (nothing acquired)
    ///   when the connection is another library's; the failure of the plugin's `acquire`.
    func acquireConnection(named name: String, for library: String?) throws -> AcquiredConnection
    /// The registered component that the kind of connection manager `name` names: a stock task
    /// reads its ``ComponentDescriptor/connectionKind`` to tell whether a plugin connection
    /// follows the stock kind it needs. nil when the context knows no registry.
    /// - Throws: `SLUICE_E_CONNECTION_NOT_FOUND`.
    func connectionComponent(named name: String) throws -> ComponentDescriptor?
    /// Raises an event on the executable: it reaches the event sink and bubbles to handlers.
    func raise(_ event: TaskEvent)

    /// Evaluates an SSIS expression, or performs an assignment `@[User::X] = expression`, in
    /// the executable's scope; returns the value (for an assignment, the value assigned).
    /// - Throws: coded expression errors with their position.
    func evaluate(expression: String) throws -> TypedValue
    /// Compiles an expression or assignment without evaluating it (for validation).
    func check(expression: String) throws
    /// How many Execute Package tasks deep this run is (0 for a package run directly).
    var packageDepth: Int { get }
    /// The package's `LocaleID`, for the expressions a task compiles itself (the data flow's).
    var locale: PackageLocale { get }
    /// Child package validations shared by this run and the child runs below it (nil for
    /// contexts outside a run).
    var childPackageValidations: ChildPackageValidations? { get }
    /// The pipeline of the Data Flow task being run (nil for every other task): the runtime
    /// hands the model over, the `sluice.dataFlow` component binds it to an engine.
    var dataFlow: DataFlow? { get }
    /// The consumers of the run's DataReader destinations, by output name (nil: none registered).
    var dataReaders: DataReaderOutputs? { get }
    /// The project of the run, its parameters holding this run's values (nil: not run from a project).
    var project: ProjectScope? { get }
    /// The transaction the executable works in (its own, or the one it joined), or nil: a task
    /// that opens connections enlists them here rather than opening its own (docs/transactions.md).
    var transaction: Transaction? { get }
}

extension TaskContext {
    public var packageDepth: Int { 0 }
    public var locale: PackageLocale { .englishUnitedStates }
    public var childPackageValidations: ChildPackageValidations? { nil }
    public var dataFlow: DataFlow? { nil }
    public var dataReaders: DataReaderOutputs? { nil }
    public var project: ProjectScope? { nil }
    public var transaction: Transaction? { nil }

    public var sensitiveTexts: SensitiveTexts? { nil }

    /// Contexts that track no sensitivity (test doubles) write the value plainly.
    public func setVariable(_ name: String, to value: Value, sensitive: Bool) throws {
        try setVariable(name, to: value)
    }

    /// Contexts without plugin connections (test doubles): the connection string, no handle.
    public func acquireConnection(named name: String, for library: String?) throws -> AcquiredConnection {
        AcquiredConnection(connectionString: try connection(named: name).connectionString)
    }

    /// Contexts without a registry (test doubles) know only the connection manager itself.
    public func connectionComponent(named name: String) throws -> ComponentDescriptor? {
        _ = try connection(named: name)
        return nil
    }

    /// Contexts without an expression engine (test doubles) refuse expressions plainly.
    public func evaluate(expression: String) throws -> TypedValue {
        throw SluiceError(.validationFailed, ["executable": executableName, "reason": "this context evaluates no expressions"])
    }

    public func check(expression: String) throws {
        throw SluiceError(.validationFailed, ["executable": executableName, "reason": "this context evaluates no expressions"])
    }
}

/// A value with its declared type.
public struct TypedValue: Sendable, Hashable {
    public var type: DataType
    public var value: Value
    /// The value is, or was computed from, a sensitive parameter: whoever shows it shows
    /// ``SensitiveTexts/mask`` instead. A mark on how the value may be shown, not part of the
    /// value: two typed values are equal whatever their marks.
    public var sensitive: Bool

    public init(_ type: DataType, _ value: Value, sensitive: Bool = false) {
        self.type = type
        self.value = value
        self.sensitive = sensitive
    }

    public static func == (a: TypedValue, b: TypedValue) -> Bool { a.type == b.type && a.value == b.value }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        hasher.combine(value)
    }

    /// The value as text, or the mask when it is sensitive.
    public var shown: String { sensitive ? SensitiveTexts.mask : value.description }
}

/// Events a task raises through its context.
public enum TaskEvent: Sendable {
    case error(code: Int32, message: String)
    case warning(code: Int32, message: String)
    case information(code: Int32, message: String)
    case progress(percent: Int, message: String)
    case custom(name: String, text: String)

    public static func error(_ e: SluiceError) -> TaskEvent { .error(code: e.code, message: e.description) }
}

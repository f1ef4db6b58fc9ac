import SluiceCore

/// What an expression can refer to. The compiler resolves every reference once, so evaluation
/// never looks a name up again.
public protocol ExpressionEnvironment {
    /// A variable by the name written in the expression (`User::X` or `X`).
    func variable(_ name: String) -> ExpressionBinding?
    /// A parameter by its name without `$` (`Package::P`, `Project::P`, or `P`).
    func parameter(_ name: String) -> ExpressionBinding?
    /// A column of the current row (data flow only).
    func column(_ name: String) -> ExpressionBinding?
    /// The package's `LocaleID`: how text converts to dates and numbers.
    var locale: PackageLocale { get }
}

extension ExpressionEnvironment {
    public func parameter(_ name: String) -> ExpressionBinding? { nil }
    public func column(_ name: String) -> ExpressionBinding? { nil }
    public var locale: PackageLocale { .englishUnitedStates }
}

/// A resolved reference: its type and how to read its current value.
public struct ExpressionBinding: Sendable {
    public var name: String
    public var type: ExpressionType
    public var readOnly: Bool
    public var read: @Sendable () throws -> Value
    /// Whether the value is sensitive now (a sensitive parameter: always; a variable: once a
    /// sensitive value was assigned to it); nil: never. An expression that reads a sensitive
    /// reference gives a sensitive result (``CompiledExpression/isSensitive``).
    public var sensitive: (@Sendable () -> Bool)?

    /// The sensitivity of a sensitive parameter: always.
    public static let alwaysSensitive: @Sendable () -> Bool = { true }

    public init(
        name: String, type: ExpressionType, readOnly: Bool = true, sensitive: (@Sendable () -> Bool)? = nil,
        read: @escaping @Sendable () throws -> Value
    ) {
        self.name = name
        self.type = type
        self.readOnly = readOnly
        self.sensitive = sensitive
        self.read = read
    }
}

/// An environment made of fixed values (for `sluice eval`, tests, and constant folding).
public struct FixedEnvironment: ExpressionEnvironment, Sendable {
    public var variables: [String: TypedValue]
    public var parameters: [String: TypedValue]
    public var locale: PackageLocale

    public init(
        variables: [String: TypedValue] = [:], parameters: [String: TypedValue] = [:], locale: PackageLocale = .englishUnitedStates
    ) {
        self.variables = variables
        self.parameters = parameters
        self.locale = locale
    }

    public func variable(_ name: String) -> ExpressionBinding? {
        let q = QualifiedName(parsing: name)
        guard let (key, v) = variables.first(where: { QualifiedName(parsing: $0.key).name == q.name
            && (q.namespace == nil || QualifiedName(parsing: $0.key).namespace ?? "User" == q.namespace) })
        else { return nil }
        let value = v.value
        return ExpressionBinding(name: key, type: ExpressionType(v.type)) { value }
    }

    public func parameter(_ name: String) -> ExpressionBinding? {
        let bare = name.split(separator: ":").last.map(String.init) ?? name
        guard let v = parameters[name] ?? parameters[bare] else { return nil }
        let value = v.value
        return ExpressionBinding(name: name, type: ExpressionType(v.type), sensitive: v.sensitive ? ExpressionBinding.alwaysSensitive : nil) { value }
    }
}

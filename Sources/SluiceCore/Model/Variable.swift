/// A typed variable scoped to the container that declares it.
///
/// ```swift
/// var v = Variable("User::Limit", type: .i4, value: .int(10))
/// v.readOnly = true
/// ```
/// Variables in the `System` namespace are created by the runtime and are always read-only.
public struct Variable: Sendable, Hashable {
    public static let systemNamespace = "System"
    public static let userNamespace = "User"

    public var namespace: String
    public var name: String
    public var type: DataType
    public var value: Value
    public var readOnly: Bool
    public var raiseChangedEvent: Bool
    /// When set, the variable evaluates this SSIS expression each time it is read.
    public var expression: String?
    public var description: String

    /// - Parameters:
    ///   - qualifiedName: `Namespace::Name`, or a bare name in the `User` namespace.
    public init(
        _ qualifiedName: String, type: DataType, value: Value = .null, readOnly: Bool = false,
        description: String = "", expression: String? = nil, raiseChangedEvent: Bool = false
    ) {
        let q = QualifiedName(parsing: qualifiedName)
        self.namespace = q.namespace ?? Variable.userNamespace
        self.name = q.name
        self.type = type
        self.value = value
        self.readOnly = readOnly
        self.description = description
        self.expression = expression
        self.raiseChangedEvent = raiseChangedEvent
    }

    public var qualifiedName: QualifiedName { QualifiedName(namespace: namespace, name: name) }
}

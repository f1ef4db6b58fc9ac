import Foundation

/// A task or container of the control flow, with the common executable properties of SSIS.
///
/// ```swift
/// var seq = Executable("Load", kind: .sequence)
/// seq.executables.append(.task("Greet", component: "sluice.setVariable",
///                              properties: ["variable": "User::Greeting", "value": "hi"]))
/// ```
public struct Executable: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A task: an instance of a registered task component.
        case task(component: String)
        /// A Sequence container: runs its executables by their precedence constraints.
        case sequence
        /// A For Loop container.
        case forLoop(ForLoopSpecification)
        /// A Foreach Loop container.
        case foreachLoop(ForeachLoopSpecification)
        /// A Data Flow task: a pipeline of components. The runtime runs it as a task of the
        /// component ``DataFlow/taskComponentID``.
        case dataFlow(DataFlow)
    }

    public var name: String
    public var id: UUID
    public var kind: Kind
    public var description: String

    public var disabled = false
    public var delayValidation = false
    public var failPackageOnFailure = false
    public var failParentOnFailure = false
    /// Errors tolerated before the executable fails (SSIS `MaximumErrorCount`, default 1; 0 = no limit).
    public var maximumErrorCount = 1
    public var forceExecutionResult = ForcedExecutionResult.none
    /// A variable that receives the task's execution value (rows affected, exit code, …).
    public var executionValueVariable: String?
    /// Whether the executable starts, joins or stays out of a transaction (SSIS `TransactionOption`).
    public var transactionOption = TransactionOption.supported

    /// The task's own properties, as declared by its component.
    public var properties = JSONObject()
    /// Property name → SSIS expression evaluated at run time.
    public var propertyExpressions: [String: String] = [:]
    /// Which log providers get this container's events (nil: as the parent).
    public var logging: LoggingOptions?

    // Container contents.
    public var variables: [Variable] = []
    public var executables: [Executable] = []
    public var constraints: [PrecedenceConstraint] = []
    public var eventHandlers: [EventHandler] = []

    public init(_ name: String, kind: Kind, id: UUID = UUID.random(), description: String = "") {
        self.name = name
        self.kind = kind
        self.id = id
        self.description = description
    }

    /// A task of `component` with its properties.
    public static func task(_ name: String, component: String, properties: [(String, JSONValue)] = []) -> Executable {
        var e = Executable(name, kind: .task(component: component))
        e.properties = JSONObject(properties)
        return e
    }

    /// A Data Flow task.
    ///
    /// ```swift
    /// var b = DataFlowBuilder()
    /// let read = b.add("Read", component: "sluice.flatFileSource")
    /// let rows = b.addOutput(to: read, columns: [.init("id", .i4)])
    /// let write = b.add("Write", component: "sluice.flatFileDestination")
    /// try b.connect(rows, to: write, columns: ["id"])
    /// let task = Executable.dataFlow("Load", b.dataFlow)
    /// ```
    public static func dataFlow(_ name: String, _ flow: DataFlow) -> Executable {
        Executable(name, kind: .dataFlow(flow))
    }

    /// The component that runs the executable: a task's own, or the data flow engine's.
    public var componentID: String? {
        switch kind {
        case .task(let c): c
        case .dataFlow: DataFlow.taskComponentID
        case .sequence, .forLoop, .foreachLoop: nil
        }
    }

    /// The pipeline of a Data Flow task; nil for every other executable.
    public var dataFlow: DataFlow? { if case .dataFlow(let flow) = kind { flow } else { nil } }
    public var isContainer: Bool { componentID == nil }

    /// Finds a direct child by name.
    public func child(named name: String) -> Executable? { executables.first { $0.name == name } }

    /// Adds a precedence constraint `from` → `to` between two children.
    public mutating func connect(
        _ from: String, to: String, on value: PrecedenceConstraint.Outcome = .success, logicalAnd: Bool = true
    ) {
        constraints.append(PrecedenceConstraint(from: from, to: to, value: value, logicalAnd: logicalAnd))
    }

    /// Sets a task property.
    public mutating func set(_ property: String, _ value: JSONValue) { properties[property] = value }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

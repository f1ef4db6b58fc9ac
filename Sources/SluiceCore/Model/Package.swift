import Foundation

/// A package: the root container of a control flow, with its parameters and connections.
///
/// ```swift
/// var package = Package(name: "Nightly")
/// package.variables.append(Variable("User::Count", type: .i4, value: .int(0)))
/// package.executables.append(.task("Count", component: "sluice.setVariable",
///                                  properties: [("variable", "User::Count"), ("value", "42")]))
/// try PackageFile.save(package, to: "nightly.sluice.json")
/// ```
public struct Package: Sendable, Hashable {
    /// The package as a container: name, id, variables, executables, constraints, handlers.
    public var root: Executable
    public var parameters: [Parameter] = []
    public var connections: [ConnectionManager] = []
    /// Tasks that may run at once (SSIS `MaxConcurrentExecutables`; -1 = processors + 2).
    public var maxConcurrentExecutables = -1
    public var logProviders: [LogProvider] = []
    public var checkpoint: CheckpointSettings?
    /// SSIS `LocaleID`: how expressions read dates and numbers from text (1033, en-US, by default).
    public var locale: PackageLocale = .englishUnitedStates
    /// Creation and version properties (System::CreationDate, System::VersionMajor, …).
    public var metadata = PackageMetadata()

    public init(name: String, id: UUID = UUID.random(), description: String = "") {
        root = Executable(name, kind: .sequence, id: id, description: description)
    }

    public var name: String {
        get { root.name }
        set { root.name = newValue }
    }
    public var id: UUID {
        get { root.id }
        set { root.id = newValue }
    }
    public var description: String {
        get { root.description }
        set { root.description = newValue }
    }
    public var variables: [Variable] {
        get { root.variables }
        set { root.variables = newValue }
    }
    public var executables: [Executable] {
        get { root.executables }
        set { root.executables = newValue }
    }
    public var constraints: [PrecedenceConstraint] {
        get { root.constraints }
        set { root.constraints = newValue }
    }
    public var eventHandlers: [EventHandler] {
        get { root.eventHandlers }
        set { root.eventHandlers = newValue }
    }

    /// Adds a precedence constraint between two top-level executables.
    public mutating func connect(
        _ from: String, to: String, on value: PrecedenceConstraint.Outcome = .success, logicalAnd: Bool = true
    ) {
        root.connect(from, to: to, on: value, logicalAnd: logicalAnd)
    }

    public func connection(named name: String) -> ConnectionManager? { connections.first { $0.name == name } }
    public func parameter(named name: String) -> Parameter? { parameters.first { $0.name == name } }

    /// The number of executables in the package, containers and handlers included.
    public var executableCount: Int {
        func count(_ e: Executable) -> Int {
            e.executables.reduce(0) { $0 + 1 + count($1) } + e.eventHandlers.reduce(0) { $0 + count($1.container) }
        }
        return count(root)
    }
}

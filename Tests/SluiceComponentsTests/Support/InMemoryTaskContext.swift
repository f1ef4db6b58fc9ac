import Foundation
import SluiceCore

/// A real, thread-safe ``TaskContext`` over in-memory variables, parameters and connections,
/// recording the events raised — enough to run a stock task without the runtime.
///
/// Writes follow the runtime's rules: the value is converted to the variable's declared type
/// with ``Value/converted(to:)``, read-only variables refuse writes, unknown names throw.
final class InMemoryTaskContext: TaskContext, @unchecked Sendable {
    // Why unchecked: all mutable state is behind `lock`; the rest is immutable.
    private let lock = NSLock()
    private var variables: [Variable]
    private var recorded: [TaskEvent] = []
    private var canceled = false

    let executableName: String
    private let parameters: [Parameter]
    private let connections: [ConnectionManager]

    init(
        executableName: String = "Test Task", variables: [Variable] = [], parameters: [Parameter] = [],
        connections: [ConnectionManager] = []
    ) {
        self.executableName = executableName
        self.variables = variables
        self.parameters = parameters
        self.connections = connections
    }

    var isCanceled: Bool { lock.withLock { canceled } }

    /// Asks the running task to stop, as the runtime does on Ctrl-C; callable from any thread.
    func cancel() { lock.withLock { canceled = true } }

    /// Every event raised so far, in order.
    var events: [TaskEvent] { lock.withLock { recorded } }

    var informationMessages: [String] {
        events.compactMap { if case .information(_, let message) = $0 { message } else { nil } }
    }

    var warningMessages: [String] {
        events.compactMap { if case .warning(_, let message) = $0 { message } else { nil } }
    }

    func variable(_ name: String) throws -> TypedValue {
        try lock.withLock {
            let found = variables[try index(of: name)]
            return TypedValue(found.type, found.value)
        }
    }

    func setVariable(_ name: String, to value: Value) throws {
        try lock.withLock {
            let i = try index(of: name)
            guard !variables[i].readOnly else {
                throw SluiceError(.variableReadOnly, ["name": variables[i].qualifiedName.description])
            }
            variables[i].value = try value.converted(to: variables[i].type)
        }
    }

    /// Accepts `Name` and `$Package::Name`.
    func parameter(_ name: String) throws -> TypedValue {
        let bare = name.hasPrefix("$Package::") ? String(name.dropFirst("$Package::".count)) : name
        guard let found = parameters.first(where: { $0.name == bare }) else {
            throw SluiceError(.parameterNotFound, ["name": name])
        }
        return TypedValue(found.type, found.value)
    }

    func connection(named name: String) throws -> ConnectionManager {
        guard let found = connections.first(where: { $0.name == name }) else {
            throw SluiceError(.connectionNotFound, ["name": name])
        }
        return found
    }

    func raise(_ event: TaskEvent) { lock.withLock { recorded.append(event) } }

    /// Call with `lock` held.
    private func index(of name: String) throws -> Int {
        let wanted = QualifiedName(parsing: name)
        guard let i = variables.firstIndex(where: { wanted.matches(namespace: $0.namespace, name: $0.name) }) else {
            throw SluiceError(.variableNotFound, ["name": name, "container": executableName])
        }
        return i
    }
}

import Foundation
import SluiceCore
import SluiceExpressions

/// The ``TaskContext`` a task receives: its scope's variables, the run's parameters and
/// connections, its events, and the cancellation state.
final class ExecutionContext: TaskContext, @unchecked Sendable {
    let run: Run
    let node: ExecutableNode

    init(run: Run, node: ExecutableNode) {
        self.run = run
        self.node = node
    }

    var executableName: String { node.model.name }
    var isCanceled: Bool { run.shouldStop }
    var packageDepth: Int { run.packageDepth }
    var locale: PackageLocale { run.package.locale }
    var childPackageValidations: ChildPackageValidations? { run.childPackageValidations }
    var dataFlow: DataFlow? { node.model.dataFlow }
    var dataReaders: DataReaderOutputs? { run.dataReaders }
    var project: ProjectScope? { run.project?.scope }
    var transaction: Transaction? { node.joinedTransaction }
    var sensitiveTexts: SensitiveTexts? { run.secrets }

    func variable(_ name: String) throws -> TypedValue {
        if node.scope.slot(name) == nil, let own = node.ownSystemVariable(name) {
            // Variables that depend on the executable asking, as SSIS's System::TaskName.
            return TypedValue(own.type, own.read())
        }
        return try node.scope.read(name)
    }

    func setVariable(_ name: String, to value: Value) throws { try setVariable(name, to: value, sensitive: false) }

    func setVariable(_ name: String, to value: Value, sensitive: Bool) throws {
        if let changed = try node.scope.write(name, value, sensitive: sensitive) {
            raiseChanged(changed, sensitive: node.scope.slot(name)?.isSensitive ?? true)
        }
    }

    /// OnVariableValueChanged; a sensitive variable's new value is masked.
    private func raiseChanged(_ variable: Variable, sensitive: Bool) {
        let shown = sensitive ? SensitiveTexts.mask : variable.value.description
        var event = RuntimeEvent(
            .variableValueChanged, source: node.source, message: "\(variable.qualifiedName) = \(shown)", inHandler: node.isHandler)
        event.variable = variable.qualifiedName.description
        run.raise(event, at: node)
    }

    func parameter(_ name: String) throws -> TypedValue {
        if let projectName = ProjectBinding.bareName(name) {
            guard let p = run.project?.parameters[projectName] else { throw SluiceError(.parameterNotFound, ["name": name]) }
            return p
        }
        let bare = name.hasPrefix("$Package::") ? String(name.dropFirst(10)) : name
        guard let p = run.parameters[bare] else { throw SluiceError(.parameterNotFound, ["name": name]) }
        return p
    }

    func connection(named name: String) throws -> ConnectionManager {
        guard var c = run.connections[name] else { throw SluiceError(.connectionNotFound, ["name": name]) }
        if let expression = run.connectionExpressions[name] {
            let value = try expression.evaluate()
            // A connection string built from a secret (an encoded password in a URL) is masked
            // wherever it is quoted, as a property computed from one is.
            if expression.isSensitive { run.secrets.add(value) }
            c.connectionString = value.description
        }
        return c
    }

    func acquireConnection(named name: String, for library: String?) throws -> AcquiredConnection {
        if let acquired = try run.pluginConnections?.acquire(name, for: library, context: self) { return acquired }
        let manager = try connection(named: name)
        if run.registry.makesConnections(ofKind: manager.kind) {
            // Log providers open before connection managers are made; a connection manager
            // that failed validation is never made.
            throw SluiceError(.connectionAcquireFailed, [
                "name": name, "kind": manager.kind, "executable": executableName,
                "reason": "the connection manager has not been made and validated (log providers open before connection managers)",
            ])
        }
        return AcquiredConnection(connectionString: manager.connectionString)
    }

    func connectionComponent(named name: String) throws -> ComponentDescriptor? {
        run.registry.entry(for: try connection(named: name).kind)?.descriptor
    }

    func raise(_ event: TaskEvent) { raise(event, as: nil) }

    /// Compiled once per node and text (at validation, by `check`), then reused.
    func evaluate(expression text: String) throws -> TypedValue {
        switch try prepared(text) {
        case .assignment(let assignment):
            let (value, _, changed) = try assignment.perform()
            // Sensitive when this value is, or when the variable already was.
            let sensitive = assignment.target.isSensitive
            if let changed { raiseChanged(changed, sensitive: sensitive) }
            return TypedValue(assignment.target.type, value, sensitive: sensitive)
        case .value(let expression):
            let value = try expression.evaluate()
            let sensitive = expression.isSensitive
            if sensitive { run.secrets.add(value) }
            return TypedValue(expression.type.dataType, value, sensitive: sensitive)
        }
    }

    func check(expression text: String) throws { _ = try prepared(text) }

    private func prepared(_ text: String) throws -> TaskExpression {
        try node.taskExpressions.expression(text) { ScopeEnvironment(run: run, node: node) }
    }

    private func raise(_ event: TaskEvent, as kindOverride: EventKind?) {
        let source = node.source
        let e: RuntimeEvent
        switch event {
        case .error(let code, let message): e = RuntimeEvent(.error, source: source, code: code, message: message)
        case .warning(let code, let message): e = RuntimeEvent(.warning, source: source, code: code, message: message)
        case .information(let code, let message):
            e = RuntimeEvent(kindOverride ?? .information, source: source, code: code, message: message)
        case .progress(let percent, let message):
            e = RuntimeEvent(.progress, source: source, message: message, percent: percent)
        case .custom(let name, let text): e = RuntimeEvent(.custom, source: source, message: text, customName: name)
        }
        var event = e
        event.inHandler = node.isHandler
        run.raise(event, at: node)
    }

    /// Raises an error event for a thrown error, with its Sluice code when it has one.
    func raise(error: any Error) {
        if error is FailureAlreadyReported { return }
        let e = error as? SluiceError ?? SluiceError(.taskFailed, ["task": node.model.name, "reason": String(describing: error)])
        run.raise(RuntimeEvent(.error, source: node.source, error: e, inHandler: node.isHandler), at: node)
    }
}

import Foundation
import SluiceCore
import SluiceExpressions
import SluiceRegistry

/// The state of one package run: the prepared tree, overrides, concurrency slots, results and
/// error counts. Created by ``PackageRunner``; lives for one validate-and-execute.
final class Run: @unchecked Sendable {
    let package: Package
    let registry: ComponentRegistry
    /// The caller's sink behind the run's redactor: what reaches it is masked
    /// (``raise(_:at:)`` masks before it, for the log providers and handlers too).
    let sink: (any EventSink)?
    /// The texts of the run's sensitive values (docs/sensitive-values.md).
    let secrets: SensitiveTexts
    let cancellation: RunCancellation
    let maxConcurrent: Int
    let slots: DispatchSemaphore
    let root: ExecutableNode
    let parameters: [String: TypedValue]
    /// The project the package runs in, if any (`$Project::` parameters, project connections).
    let project: ProjectBinding?
    let connections: [String: ConnectionManager]
    let executionID = UUID.random()
    let packageDepth: Int
    let dataReaders: DataReaderOutputs?
    let childPackageValidations: ChildPackageValidations
    /// The parameters whose values are sensitive, `$Package::Name` and `$Project::Name`.
    var sensitiveParameters: Set<String> {
        var names = Set(package.parameters.filter(\.sensitive).map { "$Package::\($0.name)" })
        for p in project?.scope.project.parameters ?? [] where p.sensitive { names.insert("$Project::\(p.name)") }
        return names
    }
    let startTime = Date()

    /// Guards results, errors, error counts and the stop flag.
    let lock = NSLock()
    private(set) var results: [String: ExecutionResult] = [:]
    private(set) var errors: [RuntimeEvent] = []
    private var stopReason: String?
    private var cancelAnnounced = false
    /// When false, events reach the sink only (validation).
    var handlersEnabled = false
    /// Restart state, when the package uses checkpoints (made before execution).
    var checkpoint: CheckpointStore?
    /// The log providers of the run, made and opened at validation.
    var logRouter: LogRouter?
    /// Connection string expressions by connection manager name, compiled at validation.
    var connectionExpressions: [String: CompiledExpression] = [:]
    /// The plugin connection managers, made and validated at validation (nil when there are none).
    var pluginConnections: RunConnections?

    init(package given: Package, registry: ComponentRegistry, options: RunOptions) throws {
        let project = try options.project.map {
            try ProjectBinding($0, package: given, parameterValues: options.parameterValues, connectionStrings: options.connectionStrings)
        }
        let package = project?.packageWithProjectConnections(given) ?? given
        self.project = project
        self.package = package
        self.registry = registry
        let secrets = options.sensitiveTexts ?? SensitiveTexts()
        self.secrets = secrets
        self.sink = options.eventSink.map { RedactingEventSink($0, secrets) }
        self.cancellation = options.cancellation
        self.packageDepth = options.packageDepth
        self.dataReaders = options.dataReaders
        self.childPackageValidations = options.childPackageValidations
        let requested = options.maxConcurrentExecutables ?? package.maxConcurrentExecutables
        maxConcurrent = requested > 0 ? requested : ProcessInfo.processInfo.activeProcessorCount + 2
        slots = DispatchSemaphore(value: maxConcurrent)

        var parameters: [String: TypedValue] = [:]
        for p in package.parameters { parameters[p.name] = TypedValue(p.type, p.value, sensitive: p.sensitive) }
        for (rawName, text) in options.parameterValues {
            if ProjectBinding.bareName(rawName) != nil {
                guard project != nil else { throw SluiceError(.parameterNotFound, ["name": rawName]) }
                continue
            }
            let name = rawName.hasPrefix("$Package::") ? String(rawName.dropFirst(10)) : rawName
            guard let p = package.parameter(named: name) else { throw SluiceError(.parameterNotFound, ["name": rawName]) }
            parameters[name] = TypedValue(p.type, try Value.parse(text, as: p.type, sensitive: p.sensitive), sensitive: p.sensitive)
        }
        self.parameters = parameters
        // Known before anything runs or is validated, so that no event can carry them.
        for p in parameters.values where p.sensitive { secrets.add(p.value) }
        if let project { for p in project.parameters.values where p.sensitive { secrets.add(p.value) } }

        var connections: [String: ConnectionManager] = [:]
        for c in package.connections { connections[c.name] = c }
        for (name, value) in options.connectionStrings {
            guard connections[name] != nil else { throw SluiceError(.connectionNotFound, ["name": name]) }
            connections[name]!.connectionString = value
        }
        self.connections = connections

        // A child package's own variables hide its parent's: the parent's are the outermost scope.
        root = ExecutableNode(package.root, path: ExecutableNode.rootPath, parentScope: options.parentScope?.variables)
        root.link()
        addSystemVariables()
        root.forEachNode { $0.scope.attach(secrets) }
    }

    private func addSystemVariables() {
        for (name, type, value) in SystemVariables.package(package, executionID: executionID, startTime: startTime) {
            root.scope.add(Variable("System::\(name)", type: type, value: value, readOnly: true), writable: false)
        }
        root.forEachNode { node in
            // Per-invocation variables of an event handler, set for each event it handles.
            guard node.isHandlerRoot, let kind = node.handlerKind else { return }
            for v in SystemVariables.handler(kind) {
                node.scope.add(Variable("System::\(v.name)", type: v.type, value: v.initial, readOnly: !v.writable), writable: v.writable)
            }
        }
    }

    /// Makes the task instance of a task node from its component and properties.
    func makeTask(_ id: String, for node: ExecutableNode, properties: JSONObject) throws -> any TaskComponent {
        guard let entry = registry.entry(for: id) else {
            throw SluiceError(.componentUnknown, ["executable": node.model.name, "id": id])
        }
        guard case .task(let make) = entry.factory else {
            throw SluiceError(.componentKindMismatch, [
                "executable": node.model.name, "id": id, "expected": "task", "actual": entry.descriptor.kind.rawValue,
            ])
        }
        return try make(try PropertyResolver.resolve(properties, for: entry.descriptor, owner: node.model.name))
    }

    // MARK: - Results and stopping

    func record(_ node: ExecutableNode, _ result: ExecutionResult) {
        lock.lock()
        results[node.path] = result
        lock.unlock()
        // A checkpoint that cannot be written is an error of the executable that could not be
        // recorded: it counts up the tree like any other (SSIS fails the package).
        if result == .success, let checkpoint, let e = checkpoint.record(node) {
            raise(RuntimeEvent(.error, source: node.source, code: e.code, message: e.description), at: node)
        }
    }

    /// Stops scheduling new executables (FailPackageOnFailure); the run ends as Failure.
    func requestStop(_ reason: String) {
        lock.lock()
        if stopReason == nil { stopReason = reason }
        lock.unlock()
    }

    var isStopping: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopReason != nil
    }

    /// True when nothing new may start: canceled, or stopping after a fatal failure. The first
    /// time a cancel request is seen, the run raises OnQueryCancel at the package.
    var shouldStop: Bool {
        guard cancellation.isCanceled else { return isStopping }
        lock.lock()
        let first = !cancelAnnounced
        cancelAnnounced = true
        lock.unlock()
        if first {
            let reason = cancellation.reason ?? "canceled"
            let e = SluiceError(.runCanceled, ["reason": reason])
            raise(RuntimeEvent(.queryCancel, source: root.source, code: e.code, message: e.description), at: root)
        }
        return true
    }

    func errorCount(_ node: ExecutableNode) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return node.errorCount
    }

    func resetErrorCounts() {
        lock.lock()
        root.forEachNode { $0.errorCount = 0 }
        errors.removeAll()
        lock.unlock()
    }

    func variableSnapshot() -> [String: TypedValue] { root.scope.snapshot }

    // MARK: - Events

    /// Raises a lifecycle event (OnPreValidate, OnPostExecute, …: never an error) of `node`,
    /// building it only when something receives it: a sink, a log provider or a handler. Four
    /// such events per task cost a time stamp and copies of the names each, for nobody, when a
    /// caller runs a package without listening.
    func raise(
        _ kind: EventKind, at node: ExecutableNode, result: ExecutionResult? = nil, duration: Duration? = nil,
        status: ExecutionStatus? = nil
    ) {
        assert(kind != .error, "errors are counted whether or not anyone listens")
        guard sink != nil || logRouter != nil || (handlersEnabled && node.handledKinds.contains(kind)) else { return }
        var event = RuntimeEvent(kind, source: node.source, result: result, inHandler: node.isHandler)
        event.duration = duration
        event.status = status
        raise(event, at: node)
    }

    /// Delivers an event to the sink, counts errors up the tree, and runs the handlers of the
    /// executable and its ancestors, innermost first, until one sets `System::Propagate` false.
    func raise(_ raised: RuntimeEvent, at node: ExecutableNode) {
        var event = raised
        event.executionID = executionID
        // One redactor, before the event goes anywhere: sink, log providers, handlers'
        // System::ErrorDescription, the run's list of errors.
        event.message = secrets.redact(event.message)
        sink?.receive(event)
        logRouter?.log(event)
        if event.kind == .error {
            lock.lock()
            errors.append(event)
            var n: ExecutableNode? = node
            while let current = n {
                current.errorCount += 1
                // Errors inside a handler do not count against the handler's owner.
                if current.isHandlerRoot { break }
                n = current.parent
            }
            lock.unlock()
        }
        guard handlersEnabled, node.handledKinds.contains(event.kind) else { return }
        var n: ExecutableNode? = node
        while let current = n {
            if let handler = current.handlers[event.kind], !handler.model.disabled {
                if !runHandler(handler, for: event, raisedAt: node) { return }
            }
            if current.isHandlerRoot { return }
            n = current.parent
        }
    }

    /// Runs one handler; returns whether the event should keep bubbling.
    private func runHandler(_ handler: ExecutableNode, for event: RuntimeEvent, raisedAt source: ExecutableNode) -> Bool {
        handler.handlerLock?.lock()
        defer { handler.handlerLock?.unlock() }
        let scope = handler.scope
        setHandlerVariables(scope, for: event, raisedAt: source)
        let result = Executor(run: self).execute(handler, ownSlots: true)
        if result == .failure {
            sink?.receive(RuntimeEvent(
                .warning, source: handler.source, code: SluiceMessage.eventHandlerFailed.code,
                message: SluiceError(.eventHandlerFailed, ["event": event.kind.rawValue, "executable": event.source.name]).description,
                inHandler: true))
        }
        // Cancel (OnError, OnWarning, OnQueryCancel): the handler asks the run to stop.
        if Self.handlersWithCancel.contains(event.kind), case .bool(true) = (try? scope.read("System::Cancel"))?.value {
            cancellation.cancel(reason: "the \(event.kind.rawValue) handler of \(event.source.name) set System::Cancel")
        }
        if case .bool(false) = (try? scope.read("System::Propagate"))?.value { return false }
        return true
    }

    /// The handlers that have System::Cancel (asking others would throw and catch a not-found
    /// error for every event).
    private static let handlersWithCancel: Set<EventKind> = [.error, .warning, .queryCancel]

    /// Sets the handler's system variables for one event (each handler has only those of its
    /// event: a name it lacks is skipped).
    private func setHandlerVariables(_ scope: VariableScope, for event: RuntimeEvent, raisedAt source: ExecutableNode) {
        scope.setSystem("Propagate", .bool(true))
        if Self.handlersWithCancel.contains(event.kind) { scope.setSystem("Cancel", .bool(false)) }
        scope.setSystem("SourceName", .string(event.source.name))
        scope.setSystem("SourceID", .string(SystemVariables.guidText(event.source.id)))
        scope.setSystem("SourceDescription", .string(source.model.description))
        scope.setSystem("ErrorCode", .int(Int64(SystemVariables.ssisErrorCode(kind: event.kind, code: event.code))))
        scope.setSystem("SluiceErrorCode", .int(Int64(event.code)))
        scope.setSystem("ErrorDescription", .string(event.message))
        switch event.kind {
        case .progress:
            scope.setSystem("PercentComplete", .int(Int64(event.percent ?? 0)))
            scope.setSystem("ProgressDescription", .string(event.message))
        case .variableValueChanged:
            let slot = event.variable.flatMap { source.scope.slot($0) }
            scope.setSystem("VariableID", .string(slot.map { SystemVariables.guidText($0.id) } ?? ""))
            scope.setSystem("VariableDescription", .string(slot?.declaration.description ?? ""))
        case .execStatusChanged:
            scope.setSystem("ExecutionStatus", .int(Int64(event.status?.rawValue ?? ExecutionStatus.none.rawValue)))
        default:
            break
        }
    }
}

extension VariableScope {
    /// Sets a system variable of this scope, bypassing the read-only rule (the runtime's own writes).
    func setSystem(_ name: String, _ value: Value) {
        try? forceWrite("System::\(name)", value)
    }
}

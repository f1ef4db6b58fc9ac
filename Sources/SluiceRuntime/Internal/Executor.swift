import Foundation
import SluiceCore

/// Executes one executable: events before and after, the task or the container's children,
/// error counting against `maximumErrorCount`, `forceExecutionResult`, the execution value, and
/// `failPackageOnFailure`.
struct Executor {
    let run: Run

    /// - Parameter ownSlots: true for event handlers, which run while the raising task holds
    ///   its slot: they get their own concurrency budget so that they cannot wait on it.
    func execute(_ node: ExecutableNode, ownSlots: Bool = false) -> ExecutionResult {
        if node.model.disabled || isDisabledByExpression(node) {
            run.pluginConnections?.willNotRun(node)
            return .success  // SSIS: disabled counts as success
        }
        if run.shouldStop {
            run.pluginConnections?.willNotRun(node)
            return .canceled
        }
        let model = node.model
        node.containerStartTime.withLock { $0 = Date() }
        run.raise(.preExecute, at: node)
        let started = ContinuousClock.now
        run.raise(.execStatusChanged, at: node, status: .executing)
        let errorsBefore = run.errorCount(node)
        let transaction = beginTransaction(node)

        var result: ExecutionResult
        if model.isContainer {
            let slots = ownSlots ? DispatchSemaphore(value: run.maxConcurrent) : run.slots
            result = LoopExecutor(run: run, node: node, slots: slots).execute()
        } else {
            result = executeTask(node)
        }

        let raised = run.errorCount(node) - errorsBefore
        if result == .success, model.maximumErrorCount > 0, raised >= model.maximumErrorCount {
            let warning = SluiceError(.maximumErrorCountReached, [
                "executable": model.name, "count": String(raised), "maximum": String(model.maximumErrorCount),
            ])
            run.raise(RuntimeEvent(.warning, source: node.source, code: warning.code, message: warning.description), at: node)
            result = .failure
        }
        if let forced = model.forceExecutionResult.result, result != .canceled { result = forced }
        if let transaction { result = endTransaction(transaction, of: node, result: result) }

        let duration = ContinuousClock.now - started
        run.raise(.execStatusChanged, at: node, status: .completed)
        run.raise(.postExecute, at: node, result: result, duration: duration)
        if result == .failure, !model.isContainer {
            run.raise(.taskFailed, at: node)
        }
        if result == .failure, model.failPackageOnFailure {
            run.requestStop("\(node.path) failed and has failPackageOnFailure")
        }
        run.record(node, result)
        run.pluginConnections?.didExecute(node)
        return result
    }

    /// The `Disable` property expression, evaluated just before the executable would run.
    private func isDisabledByExpression(_ node: ExecutableNode) -> Bool {
        guard let e = node.propertyExpressions.first(where: { $0.property.lowercased() == "disable" })?.expression else { return false }
        do {
            return try e.evaluate() == .bool(true)
        } catch {
            ExecutionContext(run: run, node: node).raise(error: error)
            return false
        }
    }

    /// Applies property expressions to the task's properties and makes the instance anew,
    /// as SSIS sets properties on the task host right before it executes.
    private func applyPropertyExpressions(_ node: ExecutableNode) throws {
        let expressions = node.propertyExpressions.filter { $0.property.lowercased() != "disable" }
        guard !expressions.isEmpty, let id = node.model.componentID else { return }
        var properties = node.model.properties
        for (property, expression) in expressions {
            let value = try expression.evaluate()
            // A property computed from a secret (a path, a connection string) is masked wherever
            // the task quotes it.
            if expression.isSensitive { run.secrets.add(value) }
            properties[property] = value.propertyJSON
        }
        node.task = try run.makeTask(id, for: node, properties: properties)
        node.validated = false
    }

    private func executeTask(_ node: ExecutableNode) -> ExecutionResult {
        let context = ExecutionContext(run: run, node: node)
        do {
            try applyPropertyExpressions(node)
        } catch {
            context.raise(error: error)
            return .failure
        }
        guard let task = node.task else { return .failure }  // validation reported why
        if !node.validated {  // delayValidation: validate just before running
            do {
                try task.validate(in: context)
                node.validated = true
            } catch {
                context.raise(error: error)
                return .failure
            }
        }
        let outcome: TaskOutcome
        do {
            try run.pluginConnections?.willExecute(node, context: context)
            outcome = try task.execute(in: context)
        } catch {
            context.raise(error: error)
            return .failure
        }
        if let name = node.model.executionValueVariable, let value = outcome.executionValue {
            do {
                try context.setVariable(name, to: value, sensitive: outcome.executionValueIsSensitive)
            } catch {
                context.raise(error: error)
                return .failure
            }
        }
        return outcome.result
    }
}

extension Value {
    /// A value as a property value: numbers and booleans as JSON numbers and booleans, the rest as text.
    var propertyJSON: JSONValue {
        switch self {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .uint(let u): u <= UInt64(Int64.max) ? .int(Int64(u)) : .string(description)
        case .real(let d): .double(d)
        default: .string(description)
        }
    }
}

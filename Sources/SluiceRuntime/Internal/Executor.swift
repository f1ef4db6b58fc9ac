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
        if node.model.disabled { return .success }  // SSIS: a disabled executable counts as successful
        if run.shouldStop { return .canceled }
        let model = node.model
        run.raise(RuntimeEvent(.preExecute, source: node.source, inHandler: node.isHandler), at: node)
        let errorsBefore = run.errorCount(node)

        var result: ExecutionResult
        if model.isContainer {
            let slots = ownSlots ? DispatchSemaphore(value: run.maxConcurrent) : run.slots
            result = ContainerScheduler(run: run, container: node, slots: slots).runChildren()
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

        run.raise(RuntimeEvent(.postExecute, source: node.source, result: result, inHandler: node.isHandler), at: node)
        if result == .failure, !model.isContainer {
            run.raise(RuntimeEvent(.taskFailed, source: node.source, inHandler: node.isHandler), at: node)
        }
        if result == .failure, model.failPackageOnFailure {
            run.requestStop("\(node.path) failed and has failPackageOnFailure")
        }
        run.record(node, result)
        return result
    }

    private func executeTask(_ node: ExecutableNode) -> ExecutionResult {
        let context = ExecutionContext(run: run, node: node)
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
            outcome = try task.execute(in: context)
        } catch {
            context.raise(error: error)
            return .failure
        }
        if let name = node.model.executionValueVariable, let value = outcome.executionValue {
            do {
                try context.setVariable(name, to: value)
            } catch {
                context.raise(error: error)
                return .failure
            }
        }
        return outcome.result
    }
}

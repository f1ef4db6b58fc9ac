import Foundation
import SluiceCore
import SluiceExpressions

/// Runs a container's children once (Sequence, the package), or once per iteration (For Loop,
/// Foreach Loop). A loop stops at the first iteration that does not succeed, and when the run
/// is asked to stop.
struct LoopExecutor {
    let run: Run
    let node: ExecutableNode
    let slots: DispatchSemaphore

    func execute() -> ExecutionResult {
        switch node.loop {
        case .forLoop(let initialize, let condition, let assign)?:
            return forLoop(initialize, condition, assign)
        case .foreachLoop(let spec)?:
            return foreachLoop(spec)
        case nil:
            return body()
        }
    }

    /// One pass over the children. For a loop, an iteration whose errors reach the loop's
    /// `maximumErrorCount` fails (and ends the loop), as the loop as a whole would.
    private func body() -> ExecutionResult {
        let errorsBefore = run.errorCount(node)
        let result = ContainerScheduler(run: run, container: node, slots: slots).runChildren()
        let maximum = node.model.maximumErrorCount
        if node.loop != nil, result == .success, maximum > 0, run.errorCount(node) - errorsBefore >= maximum { return .failure }
        return result
    }

    private func fail(_ error: any Error) -> ExecutionResult {
        ExecutionContext(run: run, node: node).raise(error: error)
        return .failure
    }

    private func forLoop(_ initialize: CompiledAssignment?, _ condition: CompiledExpression, _ assign: CompiledAssignment?)
        -> ExecutionResult
    {
        do {
            try initialize?.perform()
            while try condition.evaluate() == .bool(true) {
                if run.shouldStop { return run.cancellation.isCanceled ? .canceled : .failure }
                let result = body()
                guard result == .success else { return result }
                try assign?.perform()
            }
            return .success
        } catch {
            return fail(error)
        }
    }

    private func foreachLoop(_ spec: ForeachLoopSpecification) -> ExecutionResult {
        let context = ExecutionContext(run: run, node: node)
        let mappings = spec.variableMappings.map { ForeachMapping(mapping: $0, loop: node.model.name) }
        do {
            var items = try ForeachItems.make(spec.enumerator, capacity: ForeachMapping.capacity(for: spec.variableMappings),
                                              context: context, run: run, node: node)
            defer { items.finish() }
            var count = 0
            while let item = try items.next() {
                if run.shouldStop { return run.cancellation.isCanceled ? .canceled : .failure }
                count += 1
                for mapping in mappings {
                    let value = try mapping.value(in: item, itemNumber: count)
                    do {
                        try node.scope.write(mapping.mapping.variable, value)
                    } catch let error as SluiceError where error.message == .typeMismatch {
                        let type = node.scope.declaration(of: mapping.mapping.variable)?.1.type ?? .object
                        throw mapping.itemInvalid(value, type: type, itemNumber: count, cause: error)
                    }
                }
                let result = body()
                guard result == .success else { return result }
            }
            return .success
        } catch {
            return fail(error)
        }
    }
}

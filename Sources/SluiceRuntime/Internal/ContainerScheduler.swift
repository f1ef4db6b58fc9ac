import Foundation
import SluiceCore
import SluiceExpressions

/// Runs the children of one container in the order their precedence constraints allow, with
/// independent branches running at once.
///
/// The calling thread works through ready children itself; when more than one child is ready,
/// helper workers join (up to the run's `maxConcurrentExecutables`). A worker that finishes a
/// child takes the next ready one directly, so a chain runs on one thread with no hand-offs.
/// Tasks hold one of the run's slots while they execute; containers hold none (they only wait),
/// so nested containers can never starve each other of slots.
final class ContainerScheduler: @unchecked Sendable {
    private enum State { case waiting, ready, running, done(ExecutionResult), skipped }

    private let run: Run
    private let container: ExecutableNode
    private let slots: DispatchSemaphore
    private let condition = NSCondition()
    private var states: [State]
    /// For each child, how many of its incoming constraints have not been resolved yet: each
    /// constraint is looked at once, when its predecessor finishes, so a wide join is linear.
    private var unresolved: [Int]
    private var ready: [Int] = []
    private var readyHead = 0
    private var outstanding: Int
    private var helpers = 0
    private var failedParent = false

    init(run: Run, container: ExecutableNode, slots: DispatchSemaphore) {
        self.run = run
        self.container = container
        self.slots = slots
        states = Array(repeating: .waiting, count: container.children.count)
        unresolved = container.incoming.map(\.count)
        outstanding = container.children.count
        for i in container.children.indices where container.incoming[i].isEmpty {
            states[i] = .ready
            ready.append(i)
        }
    }

    /// Runs every child that its constraints allow; returns the container's own result.
    func runChildren() -> ExecutionResult {
        work(isOwner: true)
        if run.cancellation.isCanceled { return .canceled }
        if failedParent || run.isStopping { return .failure }
        return .success
    }

    private func work(isOwner: Bool) {
        condition.lock()
        while true {
            while readyHead == ready.count && outstanding > 0 && isOwner { condition.wait() }
            guard readyHead < ready.count else {
                if !isOwner { helpers -= 1 }
                condition.unlock()
                return
            }
            let index = ready[readyHead]
            readyHead += 1
            states[index] = .running
            let extra = min(ready.count - readyHead, run.maxConcurrent - 1 - helpers)
            if extra > 0 { helpers += extra }
            condition.unlock()

            for _ in 0..<max(extra, 0) {
                DispatchQueue.global().async { self.work(isOwner: false) }
            }
            let result = execute(container.children[index])

            condition.lock()
            complete(index, result)
            condition.broadcast()
        }
    }

    private func execute(_ child: ExecutableNode) -> ExecutionResult? {
        if run.shouldStop { return nil }  // not started: successors see it as never run
        if run.checkpoint?.completedBefore(child.path) == true {
            let info = SluiceError(.checkpointSkipped, ["executable": child.path])
            run.raise(RuntimeEvent(.information, source: child.source, code: info.code, message: info.description), at: child)
            run.pluginConnections?.willNotRun(child)
            return .success
        }
        let executor = Executor(run: run)
        if child.model.isContainer || child.model.disabled { return executor.execute(child) }
        slots.wait()
        defer { slots.signal() }
        return executor.execute(child)
    }

    /// Records a finished (or never started) child and releases or skips its successors.
    /// Called with the condition locked. A worklist, not recursion: a failure at the head of a
    /// long chain skips every successor without growing the stack.
    private func complete(_ first: Int, _ firstResult: ExecutionResult?) {
        var finished: [(index: Int, result: ExecutionResult?)] = [(first, firstResult)]
        while let (index, result) = finished.popLast() {
            outstanding -= 1
            if let result {
                states[index] = .done(result)
                if result == .failure, container.children[index].model.failParentOnFailure { failedParent = true }
            } else {
                states[index] = .skipped
                run.pluginConnections?.willNotRun(container.children[index])
            }
            for (next, k) in container.outgoing[index] {
                guard case .waiting = states[next] else { continue }
                unresolved[next] -= 1
                let held = result.map { holds(container.incoming[next][k].constraint, after: $0, condition: container.condition(into: next, k)) } ?? false
                // OR: one constraint that holds decides; AND: one that does not. Otherwise the
                // last constraint to resolve decides the other way.
                let isOr = container.joinsWithOr[next]
                let decided: Bool? = held == isOr ? isOr : (unresolved[next] == 0 ? !isOr : nil)
                switch decided {
                case .some(true):
                    states[next] = .ready
                    ready.append(next)
                case .some(false):
                    states[next] = .skipped
                    finished.append((next, nil))
                case .none:
                    break
                }
            }
        }
    }

    /// Whether one constraint holds once its predecessor finished with `result`. An expression
    /// that fails to evaluate raises its error and counts as not holding.
    private func holds(_ constraint: PrecedenceConstraint, after result: ExecutionResult, condition: CompiledExpression?) -> Bool {
        let outcome = constraint.outcomeHolds(for: result)
        func expression() -> Bool {
            guard let condition else { return false }
            do {
                return try condition.evaluate() == .bool(true)
            } catch {
                ExecutionContext(run: run, node: container).raise(error: error)
                return false
            }
        }
        switch constraint.evaluation {
        case .constraint: return outcome
        case .expression: return result != .canceled && expression()
        case .expressionAndConstraint: return outcome && expression()
        case .expressionOrConstraint: return outcome || (result != .canceled && expression())
        }
    }
}

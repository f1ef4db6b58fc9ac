import Foundation
import SluiceCore

/// Runs one graph on a fixed set of workers. All shared state is guarded by `condition`; a worker
/// takes one unit of work (one batch for one component), does it unlocked, then records what it
/// emitted. A component is called by one worker at a time, and only while every queue after it
/// is below capacity: that bounds the batches in flight without ever blocking a worker on a full
/// queue (so a few workers cannot deadlock on many components).
final class FlowScheduler: @unchecked Sendable {
    // @unchecked Sendable: every `var` below is touched only while holding `condition`, except a
    // component and its emitter, which belong to the one worker marked as running it.

    private enum Work {
        case produce
        case receive(input: Int, ColumnBatch)
        case end(input: Int)
    }

    private let graph: FlowGraph
    private let options: FlowOptions
    private let sink: (any DataFlowEventSink)?
    private let condition = NSCondition()
    private let emitters: [BatchEmitter]
    /// Downstream components first: draining before producing keeps the queues short.
    private let scanOrder: [Int]

    private var queues: [BatchQueue]
    private var upstreamDone: [Bool]
    private var endDelivered: [Bool]
    private var running: [Bool]
    private var finished: [Bool]
    private var nextInput: [Int]
    private var runningCount = 0
    private var finishedCount = 0
    private var queued = 0
    private(set) var peakQueued = 0
    private(set) var rowsPerPath: [Int]
    private(set) var busy: [UInt64]
    private(set) var failure: (any Error)?
    private var stopped = false

    init(graph: FlowGraph, options: FlowOptions, sink: (any DataFlowEventSink)?) {
        self.graph = graph
        self.options = options
        self.sink = sink
        let n = graph.components.count
        emitters = (0..<n).map {
            BatchEmitter(component: graph.names[$0], outputCount: graph.outputPaths[$0].count, maxRows: options.defaultBufferMaxRows)
        }
        scanOrder = graph.topologicalOrder.reversed()
        queues = Array(repeating: BatchQueue(), count: graph.paths.count)
        upstreamDone = Array(repeating: false, count: graph.paths.count)
        endDelivered = Array(repeating: false, count: graph.paths.count)
        rowsPerPath = Array(repeating: 0, count: graph.paths.count)
        running = Array(repeating: false, count: n)
        finished = Array(repeating: false, count: n)
        nextInput = Array(repeating: 0, count: n)
        busy = Array(repeating: 0, count: n)
    }

    /// Stops the flow: workers finish the call they are in and return. The first reason wins.
    func stop(_ reason: any Error) {
        condition.lock()
        if failure == nil { failure = reason }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// One worker: takes work until the flow has finished or stopped.
    func work() {
        condition.lock()
        while !stopped && finishedCount < graph.components.count {
            guard let (c, work) = nextWork() else {
                if runningCount == 0 {
                    // Nothing runs and nothing can: only a component that breaks its contract gets here.
                    let stuck = (0..<finished.count).filter { !finished[$0] }.map { graph.names[$0] }
                    failure = failure ?? SluiceError(.dataFlowStalled, ["components": stuck.joined(separator: ", ")])
                    stopped = true
                    condition.broadcast()
                    break
                }
                condition.wait()
                continue
            }
            running[c] = true
            runningCount += 1
            condition.unlock()
            let (outcome, nanoseconds) = perform(c, work)
            condition.lock()
            running[c] = false
            runningCount -= 1
            busy[c] &+= nanoseconds
            record(c, work, outcome)
            condition.broadcast()
        }
        condition.unlock()
    }

    // MARK: - Choosing work (under the lock)

    private func nextWork() -> (Int, Work)? {
        for c in scanOrder where !running[c] && !finished[c] && outputsHaveRoom(c) {
            let inputs = graph.inputPaths[c]
            if inputs.isEmpty { return (c, .produce) }
            // Round-robin over the inputs, so one busy input does not starve the others.
            for k in 0..<inputs.count {
                let input = (nextInput[c] + k) % inputs.count
                let path = inputs[input]
                if let batch = queues[path].pop() {
                    queued -= 1
                    nextInput[c] = (input + 1) % inputs.count
                    return (c, .receive(input: input, batch))
                }
                if upstreamDone[path] && !endDelivered[path] {
                    endDelivered[path] = true
                    return (c, .end(input: input))
                }
            }
        }
        return nil
    }

    private func outputsHaveRoom(_ c: Int) -> Bool {
        for case let path? in graph.outputPaths[c] where queues[path].count >= options.queueCapacity { return false }
        return true
    }

    // MARK: - Doing it (unlocked) and recording it (under the lock)

    private enum Outcome {
        case done(more: Bool)
        case failed(any Error)
    }

    private func perform(_ c: Int, _ work: Work) -> (Outcome, UInt64) {
        let component = graph.components[c]
        let emitter = emitters[c]
        emitter.emitted.removeAll(keepingCapacity: true)
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome: Outcome
        do {
            switch work {
            case .produce: outcome = .done(more: try component.produce(emitter))
            case .receive(let input, let batch): try component.receive(batch, on: input, emitter); outcome = .done(more: true)
            case .end(let input): try component.endOfInput(input, emitter); outcome = .done(more: true)
            }
        } catch {
            let reason = (error as? SluiceError)?.description ?? String(describing: error)
            outcome = .failed(SluiceError(.dataFlowComponentFailed, ["component": graph.names[c], "reason": reason], cause: error))
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds &- start
        if case .done = outcome, let sink {
            for (output, batch) in emitter.emitted {
                if let path = graph.outputPaths[c][output] { sink.rowsMoved(along: graph.paths[path], rows: batch.length) }
            }
        }
        return (outcome, elapsed)
    }

    private func record(_ c: Int, _ work: Work, _ outcome: Outcome) {
        guard case .done(let more) = outcome else {
            if case .failed(let error) = outcome, failure == nil { failure = error }
            stopped = true
            return
        }
        for (output, batch) in emitters[c].emitted {
            guard let path = graph.outputPaths[c][output] else { continue }  // not connected: dropped
            queues[path].push(batch)
            rowsPerPath[path] += batch.length
            queued += 1
        }
        emitters[c].emitted.removeAll(keepingCapacity: true)
        peakQueued = max(peakQueued, queued)
        let done: Bool
        switch work {
        case .produce: done = !more
        case .receive: done = false
        case .end: done = graph.inputPaths[c].allSatisfy { endDelivered[$0] }
        }
        if done { finish(c) }
    }

    private func finish(_ c: Int) {
        finished[c] = true
        finishedCount += 1
        for case let path? in graph.outputPaths[c] { upstreamDone[path] = true }
        if let sink {
            // Outside the lock: the sink may take its own.
            let name = graph.names[c], time = busy[c]
            condition.unlock()
            sink.componentFinished(name, busyNanoseconds: time)
            condition.lock()
        }
    }
}

import Foundation
import SluiceCore
import Testing
@testable import SluiceDataFlow

@Suite("Data flow engine")
struct EngineTests {
    @Test func runsASourceIntoASinkAndCountsRowsPerPath() throws {
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: 5))
        let sink = CollectingSink()
        flow.connect(source, to: flow.add("Sink", sink))
        let report = try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: 100)).run(try flow.build())
        #expect(sink.rows == 500)
        #expect(sink.ends == 1)
        #expect(report.rowsPerPath == [500])
        #expect(sink.values("Id").map { $0 } == (0..<500).map { Value.int(Int64($0)) })
        #expect(report.workersStarted == 2 && report.workersJoined == 2)
        #expect(report.busyNanosecondsPerComponent.count == 2)
    }

    @Test func aGraphRunsOnce() throws {
        var flow = FlowBuilder()
        flow.connect(flow.add("Source", CountingSource(batches: 1)), to: flow.add("Sink", CollectingSink()))
        let graph = try flow.build()
        try DataFlowEngine(options: FlowOptions(workerCount: 1)).run(graph)
        #expect(code(of: { try DataFlowEngine(options: FlowOptions(workerCount: 1)).run(graph) }) == .dataFlowGraphReused)
    }

    @Test func aLongFlowWithASlowSinkKeepsFewBatchesInFlight() throws {
        // 2,000 batches through a pass-through into a sink that sleeps: without back-pressure
        // the source would run far ahead. Counted from outside the engine (the ledger).
        let ledger = BatchLedger()
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: 2_000, ledger: ledger))
        let pass = flow.add("Count", RowCount())
        let sink = CollectingSink(keep: false, delay: 0.000_2, ledger: ledger)
        flow.connect(source, to: pass)
        flow.connect(pass, to: flow.add("Sink", sink))
        let options = FlowOptions(workerCount: 3, defaultBufferMaxRows: 10, queueCapacity: 4)
        let report = try DataFlowEngine(options: options).run(try flow.build())
        #expect(sink.rows == 20_000)
        // Two queues of 4, plus one batch in each of the three components.
        #expect(ledger.peak <= 2 * 4 + 3)
        #expect(report.peakQueuedBatches <= 2 * 4)
    }

    @Test func aFailingComponentStopsTheFlowNamesItAndLeavesNoThread() throws {
        let prefix = uniquePrefix()
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: 1_000_000))
        let bad = flow.add("Broken Step", FailingTransform(failAt: 3))
        flow.connect(source, to: bad)
        flow.connect(bad, to: flow.add("Sink", CollectingSink(keep: false)))
        let engine = DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: 10, threadNamePrefix: prefix))
        let error = try #require(throws: SluiceError.self) { try engine.run(try flow.build()) }
        #expect(error.message == .dataFlowComponentFailed)
        #expect(error.inserts["component"] == "Broken Step")
        #expect((error.cause as? SluiceError)?.message == .typeMismatch)
        #expect(!liveThreadNames().contains { $0.hasPrefix(prefix) })
    }

    @Test func cancellationStopsAnEndlessFlowAndEveryWorkerEnds() throws {
        let prefix = uniquePrefix()
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: Int.max))
        flow.connect(source, to: flow.add("Sink", CollectingSink(keep: false)))
        let graph = try flow.build()
        let cancel = FlowCancellation()
        let engine = DataFlowEngine(options: FlowOptions(workerCount: 3, defaultBufferMaxRows: 100, threadNamePrefix: prefix))
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: (any Error)?
        let runner = Thread {
            do { try engine.run(graph, cancellation: cancel) } catch { outcome = error }
            finished.signal()
        }
        runner.start()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(liveThreadNames().filter { $0.hasPrefix(prefix) }.count == 3)
        cancel.cancel()
        // Generous: a hang fails the test instead of blocking the suite.
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect((outcome as? SluiceError)?.message == .dataFlowCanceled)
        #expect(!liveThreadNames().contains { $0.hasPrefix(prefix) })
    }

    @Test func manyComponentsRunOnAFixedNumberOfThreads() throws {
        let prefix = uniquePrefix()
        var flow = FlowBuilder()
        var last = flow.add("Source", CountingSource(batches: 50))
        for i in 0..<40 {
            let next = flow.add("Pass \(i)", RowCount())
            flow.connect(last, to: next)
            last = next
        }
        let sink = CollectingSink(keep: false)
        flow.connect(last, to: flow.add("Sink", sink))
        let seen = ThreadNameProbe(prefix: prefix)
        let options = FlowOptions(workerCount: 2, defaultBufferMaxRows: 64, threadNamePrefix: prefix)
        let report = try DataFlowEngine(options: options).run(try flow.build(), sink: seen)
        #expect(sink.rows == 50 * 64)
        #expect(report.workersStarted == 2)
        #expect(seen.maximum <= 2)
        #expect(seen.finished == 42)
    }

    @Test func aDiamondOfMulticastAndUnionAllFinishesWithTinyQueues() throws {
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: 500))
        let fork = flow.add("Fork", Multicast(outputCount: 2))
        let left = flow.add("Left", RowCount())
        let union = flow.add("Join", UnionAll(name: "Join", inputCount: 2))
        let sink = CollectingSink(keep: false)
        flow.connect(source, to: fork)
        flow.connect(fork, output: 0, to: left)
        flow.connect(left, to: union, input: 0)
        flow.connect(fork, output: 1, to: union, input: 1)
        flow.connect(union, to: flow.add("Sink", sink))
        let options = FlowOptions(workerCount: 2, defaultBufferMaxRows: 16, queueCapacity: 1)
        let report = try DataFlowEngine(options: options).run(try flow.build())
        #expect(sink.rows == 2 * 500 * 16)
        #expect(report.peakQueuedBatches <= 5)  // five paths of one batch each
    }

    @Test func componentsRunAtTheSameTimeOnDifferentWorkers() throws {
        let overlap = OverlapProbe()
        var flow = FlowBuilder()
        let source = flow.add("Source", CountingSource(batches: 40))
        let a = flow.add("A", SlowPass(overlap))
        let b = flow.add("B", SlowPass(overlap))
        flow.connect(source, to: a)
        flow.connect(a, to: b)
        flow.connect(b, to: flow.add("Sink", CollectingSink(keep: false)))
        try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: 8)).run(try flow.build())
        // Pipelined: at some moment A worked on one batch while B worked on an earlier one.
        #expect(overlap.maximum == 2)
    }

    @Test func theBuilderRejectsBadGraphsWithCodes() throws {
        var unconnected = FlowBuilder()
        unconnected.add("Sink", CollectingSink())
        #expect(throws: SluiceError.self) { try unconnected.build() }
        do {
            _ = try unconnected.build()
        } catch let e as SluiceError {
            #expect(e.message == .dataFlowInputUnconnected && e.inserts["component"] == "Sink")
        }

        var twice = FlowBuilder()
        twice.add("A", CountingSource(batches: 1))
        twice.add("A", CountingSource(batches: 1))
        #expect(code(of: { try twice.build() }) == .dataFlowComponentDuplicate)

        var badOutput = FlowBuilder()
        let s = badOutput.add("S", CountingSource(batches: 1))
        badOutput.connect(s, output: 3, to: badOutput.add("K", CollectingSink()))
        #expect(code(of: { try badOutput.build() }) == .dataFlowPathInvalid)

        var cycle = FlowBuilder()
        let a = cycle.add("A", UnionAll(name: "A", inputCount: 2))
        let b = cycle.add("B", RowCount())
        cycle.connect(cycle.add("S", CountingSource(batches: 1)), to: a, input: 0)
        cycle.connect(a, to: b)
        cycle.connect(b, to: a, input: 1)
        #expect(code(of: { try cycle.build() }) == .dataFlowGraphCycle)

        #expect(code(of: { try DataFlowEngine(options: FlowOptions(workerCount: 0)).run(try FlowBuilder().build()) }) == .dataFlowOptionInvalid)
    }

    @Test func emittingToAMissingOutputFailsWithACode() throws {
        final class Stray: FlowComponent {
            let inputCount = 0
            let outputs = [OutputDescription("Output")]
            func produce(_ emitter: BatchEmitter) throws -> Bool {
                try emitter.emit(try ColumnBatch([("X", Column([1] as [Int32?]))]), to: 5)
                return false
            }
        }
        var flow = FlowBuilder()
        flow.add("Stray", Stray())
        let error = try #require(throws: SluiceError.self) { try DataFlowEngine(options: FlowOptions(workerCount: 1)).run(try flow.build()) }
        #expect(error.inserts["component"] == "Stray")
        #expect((error.cause as? SluiceError)?.message == .dataFlowOutputInvalid)
    }
}

/// Counts the components inside a call at once.
final class OverlapProbe: @unchecked Sendable {
    private let lock = NSLock()
    private var inside = 0
    private var peak = 0

    var maximum: Int { lock.withLock { peak } }
    func enter() { lock.withLock { inside += 1; peak = max(peak, inside) } }
    func leave() { lock.withLock { inside -= 1 } }
}

/// A pass-through that takes a few milliseconds per batch.
final class SlowPass: FlowComponent {
    let inputCount = 1
    let outputs = [OutputDescription("Output", synchronousInput: 0)]
    let probe: OverlapProbe

    init(_ probe: OverlapProbe) { self.probe = probe }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        probe.enter()
        Thread.sleep(forTimeInterval: 0.003)
        probe.leave()
        try emitter.emit(batch, to: 0)
    }
}

/// Records how many distinct engine threads reported progress, and how many components finished.
final class ThreadNameProbe: DataFlowEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private let prefix: String
    private var names = Set<String>()
    private var finishedCount = 0

    init(prefix: String) { self.prefix = prefix }

    var maximum: Int { lock.withLock { names.count } }
    var finished: Int { lock.withLock { finishedCount } }

    func rowsMoved(along path: FlowPath, rows: Int) {
        let name = currentThreadName()
        lock.withLock { _ = names.insert(name) }
    }

    func componentFinished(_ name: String, busyNanoseconds: UInt64) { lock.withLock { finishedCount += 1 } }

    private func currentThreadName() -> String {
        let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

func code(of body: () throws -> Any) -> SluiceMessage? {
    do { _ = try body() } catch let e as SluiceError { return e.message } catch {}
    return nil
}

// Merge Join, Merge and Lookup benchmarks: generated sorted rows (a DT_I4 key, a DT_R8 and a
// string) on the engine's pool. Printed by `sluice-bench --joins`. Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceDataFlow

func joinBenchmarkRows(quick: Bool) -> [(name: String, value: Double, unit: String)] {
    let batchRows = 65_536
    let batches = quick ? 4 : 31  // 31 × 65,536 = 2,031,616 rows a side
    let rows = batches * batchRows
    // Left keys 0, 2, 4, …; right keys 0, 3, 6, …: a third of the left rows match.
    let left = (0..<batches).map { joinBatch(start: $0 * batchRows, rows: batchRows, step: 2) }
    let right = (0..<batches).map { joinBatch(start: $0 * batchRows, rows: batchRows, step: 3) }
    var figures: [(name: String, value: Double, unit: String)] = [("join-rows-per-side", Double(rows), "rows")]

    for type in [MergeJoin.JoinType.inner, .fullOuter] {
        let join = MergeJoin(name: "MJ", type: type, keys: [.init(left: "k", right: "k")],
                             columns: [.init(.left, "k"), .init(.left, "v", as: "lv"), .init(.right, "s", as: "rs")])
        let (seconds, out) = timeTwoInputs(join, left, right, batchRows)
        figures.append(("merge-join-\(type.rawValue)", Double(2 * rows) / seconds / 1e6, "M input rows/s"))
        figures.append(("merge-join-\(type.rawValue)-output", Double(out[0]), "rows"))
    }
    // One run of 10M equal keys on the left side against one right row:
    // the run's end is found as batches arrive, each row compared once.
    let runRows = 10_000_000
    let runLeft = stride(from: 0, to: runRows, by: batchRows).map { joinBatch(start: 0, rows: min(batchRows, runRows - $0), step: 0) }
    let runJoin = MergeJoin(name: "MJ", type: .inner, keys: [.init(left: "k", right: "k")], columns: [.init(.left, "v", as: "lv"), .init(.right, "s", as: "rs")])
    let (runSeconds, runOut) = timeTwoInputs(runJoin, runLeft, [joinBatch(start: 0, rows: 1, step: 0)], batchRows)
    figures.append(("merge-join-one-run-of-\(runRows)-equal-keys", runSeconds, "s"))
    figures.append(("merge-join-one-run-output", Double(runOut[0]), "rows"))
    let (mergeSeconds, _) = timeTwoInputs(Merge(name: "M", keys: [SortKey("k")]), left, right, batchRows)
    figures.append(("merge", Double(2 * rows) / mergeSeconds / 1e6, "M input rows/s"))

    // Lookup: the left rows against a 100,000-row reference (keys 0, 3, 6, …).
    let reference = [joinBatch(start: 0, rows: 100_000, step: 3)]
    let lookup = Lookup(name: "LK", joins: [.init("k", "k")], returns: [.init("s", as: "name")], noMatch: .noMatchOutput, reference: .rows(reference))
    var flow = FlowBuilder()
    let c = flow.add("LK", lookup)
    flow.connect(flow.add("Rows", BenchSource(left)), to: c)
    let counters = [BenchCounter(), BenchCounter()]
    for (o, counter) in counters.enumerated() { flow.connect(c, output: o, to: flow.add("Count \(o)", counter)) }
    let start = DispatchTime.now().uptimeNanoseconds
    do { _ = try DataFlowEngine(options: FlowOptions(defaultBufferMaxRows: batchRows)).run(try flow.build()) } catch { abortBench("lookup benchmark: \(error)") }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    figures.append(("lookup-100k-reference", Double(rows) / seconds / 1e6, "M rows/s"))
    figures.append(("lookup-matched", Double(counters[0].rows), "rows"))
    return figures
}

private func timeTwoInputs(_ component: any FlowComponent, _ left: [ColumnBatch], _ right: [ColumnBatch], _ maxRows: Int) -> (Double, [Int]) {
    var flow = FlowBuilder()
    let c = flow.add("Join", component)
    flow.connect(flow.add("Left", BenchSource(left)), to: c, input: 0)
    flow.connect(flow.add("Right", BenchSource(right)), to: c, input: 1)
    let counter = BenchCounter()
    flow.connect(c, to: flow.add("Count", counter))
    let start = DispatchTime.now().uptimeNanoseconds
    do { _ = try DataFlowEngine(options: FlowOptions(defaultBufferMaxRows: maxRows)).run(try flow.build()) } catch { abortBench("join benchmark: \(error)") }
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, [counter.rows])
}

private func joinBatch(start: Int, rows: Int, step: Int) -> ColumnBatch {
    var k: [Int32?] = [], v: [Double?] = [], s: [String?] = []
    for i in 0..<rows {
        let key = (start + i) * step
        k.append(Int32(truncatingIfNeeded: key))
        v.append(Double(key) / 4)
        s.append("name-\(key % 10_000)")
    }
    do { return try ColumnBatch([("k", Column(k)), ("v", Column(v)), ("s", Column(s))]) } catch { abortBench("join benchmark: \(error)") }
}

private final class BenchSource: FlowComponent {
    let inputCount = 0
    let outputs = [OutputDescription("Output")]
    private var pending: [ColumnBatch]

    init(_ batches: [ColumnBatch]) { pending = batches.reversed() }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        if let next = pending.popLast() { try emitter.emit(next, to: 0) }
        return !pending.isEmpty
    }
}

private final class BenchCounter: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private(set) var rows = 0

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws { rows += batch.length }
}

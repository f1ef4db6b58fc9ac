// Sort benchmark: 2 million generated rows (a DT_R8 key, a DT_I4 key descending, a string) sorted
// in memory and with a 16 MiB limit that spills sorted runs to temporary files, on the engine's
// pool. Printed by `sluice-bench --aggregate`. Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceDataFlow

func sortBenchmarkRows(quick: Bool) -> [(name: String, value: Double, unit: String)] {
    let batchRows = 65_536
    let batches = quick ? 4 : 31  // 31 × 65,536 = 2,031,616 rows
    let rows = batches * batchRows
    let templates = (0..<batches).map { sortBatch(rows: batchRows, seed: UInt64($0 + 1)) }
    var figures: [(name: String, value: Double, unit: String)] = [("sort-rows", Double(rows), "rows")]
    for (tag, limit) in [("in-memory", 1 << 30), ("spill-16MiB", 16 << 20)] {
        let sort = Sort(name: "Sort", keys: [SortKey("price"), SortKey("qty", ascending: false)], memoryLimit: limit)
        let sink = SortedRowCounter()
        var flow = FlowBuilder()
        let source = flow.add("Rows", SortSource(templates))
        let s = flow.add("Sort", sort)
        flow.connect(source, to: s)
        flow.connect(s, to: flow.add("Count", sink))
        let start = DispatchTime.now().uptimeNanoseconds
        do { _ = try DataFlowEngine(options: FlowOptions(defaultBufferMaxRows: batchRows)).run(try flow.build()) } catch {
            abortBench("sort benchmark: \(error)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard sink.rows == rows else { abortBench("sort benchmark: \(sink.rows) rows of \(rows)") }
        figures.append(("sort-\(tag)", Double(rows) / seconds / 1e6, "M rows/s"))
        figures.append(("sort-\(tag)-runs", Double(sort.spilledRuns), "runs"))
    }
    return figures
}

private func sortBatch(rows: Int, seed: UInt64) -> ColumnBatch {
    var state = seed &* 0x9e37_79b9_7f4a_7c15 | 1
    var price: [Double?] = [], qty: [Int32?] = [], name: [String?] = []
    for _ in 0..<rows {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        price.append(Double(state % 100_000) / 100)
        qty.append(Int32(truncatingIfNeeded: (state >> 20) % 50))
        name.append("item-\(state >> 40)")
    }
    do { return try ColumnBatch([("price", Column(price)), ("qty", Column(qty)), ("name", Column(name))]) } catch {
        abortBench("sort benchmark: \(error)")
    }
}

private final class SortSource: FlowComponent {
    let inputCount = 0
    let outputs = [OutputDescription("Output")]
    private var pending: [ColumnBatch]

    init(_ batches: [ColumnBatch]) { pending = batches.reversed() }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        if let next = pending.popLast() { try emitter.emit(next, to: 0) }
        return !pending.isEmpty
    }
}

private final class SortedRowCounter: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private(set) var rows = 0

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws { rows += batch.length }
}

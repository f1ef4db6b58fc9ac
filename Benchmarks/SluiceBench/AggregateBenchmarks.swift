// Aggregate benchmark: TPC-H q1's shape (group by l_returnflag, l_linestatus; four sums, three
// averages and a count) over ~6 million generated lineitem-like rows, on the engine's pool:
//
//     .build-bench/release/sluice-bench --aggregate [--quick]
//
// The source cycles through a few pre-built batches; what is measured is the engine and the
// Aggregate's kernels, not making data. Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceDataFlow

/// Runs the q1-shaped aggregate and returns one row per figure.
func aggregateBenchmarkRows(quick: Bool) -> [(name: String, value: Double, unit: String)] {
    let batchRows = 65_536
    let batches = quick ? 10 : 92  // 92 × 65,536 = 6,029,312 rows, about lineitem SF1
    let rows = batches * batchRows
    let templates = (0..<4).map { q1Batch(rows: batchRows, seed: UInt64($0)) }
    var figures: [(name: String, value: Double, unit: String)] = [("aggregate-rows", Double(rows), "rows")]
    for workers in [1, FlowOptions().workerCount] {
        let sink = GroupCounter()
        var flow = FlowBuilder()
        let source = flow.add("Lineitem", RepeatingSource(templates, batches: batches))
        let q1 = flow.add("Q1", Aggregate(name: "Q1", columns: [
            .init("l_returnflag", .groupBy), .init("l_linestatus", .groupBy),
            .init("sum_qty", .sum, of: "l_quantity"), .init("sum_base_price", .sum, of: "l_extendedprice"),
            .init("sum_disc_price", .sum, of: "disc_price"), .init("sum_charge", .sum, of: "charge"),
            .init("avg_qty", .average, of: "l_quantity"), .init("avg_price", .average, of: "l_extendedprice"),
            .init("avg_disc", .average, of: "l_discount"), .init("count_order", .countAll),
        ]))
        flow.connect(source, to: q1)
        flow.connect(q1, to: flow.add("Groups", sink))
        let start = DispatchTime.now().uptimeNanoseconds
        do { _ = try DataFlowEngine(options: FlowOptions(workerCount: workers, defaultBufferMaxRows: batchRows)).run(try flow.build()) } catch {
            abortBench("aggregate benchmark: \(error)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        guard sink.rows == 4 else { abortBench("aggregate benchmark: \(sink.rows) groups, not 4") }
        figures.append(("aggregate-q1-\(workers)w", Double(rows) / seconds / 1e6, "M rows/s"))
    }
    figures.append(("aggregate-peak-rss", MachineInfo.peakRSSMiB, "MiB"))
    return figures
}

/// Flags A/N/R, status F/O (four of the six pairs occur, as in q1), four DT_R8 measures.
private func q1Batch(rows: Int, seed: UInt64) -> ColumnBatch {
    var state = seed &* 0x9e37_79b9_7f4a_7c15 | 1
    func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
    let pairs = [("A", "F"), ("N", "F"), ("N", "O"), ("R", "F")]
    var flag: [String?] = [], status: [String?] = [], qty: [Double?] = [], price: [Double?] = []
    var disc: [Double?] = [], discPrice: [Double?] = [], charge: [Double?] = []
    for _ in 0..<rows {
        let r = next()
        let pair = pairs[Int(r % 4)]
        let q = Double(1 + (r >> 8) % 50), p = q * Double(900 + (r >> 16) % 200), d = Double((r >> 24) % 11) / 100
        flag.append(pair.0); status.append(pair.1); qty.append(q); price.append(p); disc.append(d)
        discPrice.append(p * (1 - d)); charge.append(p * (1 - d) * 1.04)
    }
    do {
        return try ColumnBatch([
            ("l_returnflag", Column(flag, as: .str)), ("l_linestatus", Column(status, as: .str)), ("l_quantity", Column(qty)),
            ("l_extendedprice", Column(price)), ("l_discount", Column(disc)), ("disc_price", Column(discPrice)), ("charge", Column(charge)),
        ])
    } catch {
        abortBench("aggregate benchmark: \(error)")
    }
}

/// Emits `batches` batches, cycling through pre-built ones.
private final class RepeatingSource: FlowComponent {
    let inputCount = 0
    let outputs = [OutputDescription("Output")]
    private let templates: [ColumnBatch]
    private let batches: Int
    private var made = 0

    init(_ templates: [ColumnBatch], batches: Int) {
        self.templates = templates
        self.batches = batches
    }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        guard made < batches else { return false }
        try emitter.emit(templates[made % templates.count], to: 0)
        made += 1
        return made < batches
    }
}

/// Counts the groups it receives.
private final class GroupCounter: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private(set) var rows = 0

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws { rows += batch.length }
}

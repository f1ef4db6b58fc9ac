// Data flow benchmark: lineitem-like rows through Derived Column + Conditional Split into
// counting destinations, on the engine's worker pool. Run on its own, so the process's peak RSS
// is the flow's:
//
//     .build-bench/release/sluice-bench --dataflow [--quick]
//
// The source cycles through a few pre-built batches (what is measured is the engine and the
// transforms, not making data). Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceDataFlow

/// Runs the data flow benchmark on one worker and on the default pool (one per core) and
/// returns one row per figure.
func dataFlowBenchmarkRows(quick: Bool) -> [(name: String, value: Double, unit: String)] {
    let rows = quick ? 400_000 : 4_000_000
    let batchRows = 10_000
    let templates = (0..<8).map { lineitemBatch(rows: batchRows, seed: $0) }
    var figures: [(name: String, value: Double, unit: String)] = [("dataflow-rows", Double(rows), "rows")]
    for workers in [1, FlowOptions().workerCount] {
        let (seconds, report) = runDerivedSplitCount(templates, rows: rows, options: FlowOptions(workerCount: workers, defaultBufferMaxRows: batchRows))
        let busy = report.busyNanosecondsPerComponent.map { Double($0) / 1e6 }
        let tag = "dataflow-\(workers)w"
        figures += [
            ("\(tag)-derive-split-count", Double(rows) / seconds / 1e6, "M rows/s"),
            ("\(tag)-busy-derive", busy[1], "ms"),
            ("\(tag)-busy-split", busy[2], "ms"),
            ("\(tag)-peak-queued-batches", Double(report.peakQueuedBatches), "batches"),
        ]
    }
    figures.append(("dataflow-peak-rss", MachineInfo.peakRSSMiB, "MiB"))
    return figures
}

/// Source -> Derived Column (two expressions) -> Conditional Split (two conditions + default) ->
/// three counting destinations: wall-clock seconds and the engine's report.
private func runDerivedSplitCount(_ templates: [ColumnBatch], rows: Int, options: FlowOptions) -> (Double, FlowReport) {
    let counters = (0..<3).map { _ in CountingDestination() }
    var flow = FlowBuilder()
    let source = flow.add("Lineitem", CyclingSource(templates, batches: rows / options.defaultBufferMaxRows))
    let derive = flow.add("Derive", DerivedColumn(name: "Derive", [
        .init("disc_price", "[l_extendedprice] * (1 - [l_discount])"),
        .init("charge", "[l_extendedprice] * (1 - [l_discount]) * (1 + [l_tax])"),
    ]))
    let split = flow.add("Split", ConditionalSplit(name: "Split", conditions: [
        .init("Large", "[l_quantity] > 40"), .init("Discounted", "[l_discount] >= 0.05 && [disc_price] > 1000"),
    ]))
    flow.connect(source, to: derive)
    flow.connect(derive, to: split)
    for k in 0..<3 { flow.connect(split, output: k, to: flow.add("Count \(k)", counters[k])) }
    let start = DispatchTime.now().uptimeNanoseconds
    let report: FlowReport
    do { report = try DataFlowEngine(options: options).run(try flow.build()) } catch { abortBench("data flow benchmark: \(error)") }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let counted = counters.reduce(0) { $0 + $1.rows }
    guard counted == rows else { abortBench("data flow benchmark: counted \(counted) rows of \(rows)") }
    return (seconds, report)
}

/// l_quantity, l_extendedprice, l_discount, l_tax (DT_R8), l_returnflag (DT_STR) and l_shipdate (DT_DBDATE).
private func lineitemBatch(rows: Int, seed: Int) -> ColumnBatch {
    var random = SystemRandomNumberGenerator()
    let quantity = (0..<rows).map { _ in Double(Int.random(in: 1...50, using: &random)) } as [Double?]
    let price = quantity.map { q in q.map { $0 * Double.random(in: 900...1100, using: &random) } }
    let discount = (0..<rows).map { _ in Double(Int.random(in: 0...10, using: &random)) / 100 } as [Double?]
    let tax = (0..<rows).map { _ in Double(Int.random(in: 0...8, using: &random)) / 100 } as [Double?]
    let flag = (0..<rows).map { i in ["A", "N", "R"][(i + seed) % 3] } as [String?]
    let shipdate = (0..<rows).map { _ in Int32.random(in: 8_000...10_500, using: &random) } as [Int32?]
    do {
        return try ColumnBatch([
            ("l_quantity", Column(quantity)), ("l_extendedprice", Column(price)), ("l_discount", Column(discount)),
            ("l_tax", Column(tax)), ("l_returnflag", Column(flag, as: .str)), ("l_shipdate", Column(shipdate, as: .dbDate)),
        ])
    } catch {
        abortBench("data flow benchmark: \(error)")
    }
}

/// Emits `batches` batches, cycling through pre-built ones (batches are immutable and shared).
private final class CyclingSource: FlowComponent {
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

/// Counts the rows it receives (read after the run, when every worker has been joined).
private final class CountingDestination: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private(set) var rows = 0

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws { rows += batch.length }
}

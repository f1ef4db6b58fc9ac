import Foundation
import SluiceCore
import Testing
@testable import SluiceDataFlow

/// Runs `sort` (or `sort` then a transform failing on its `failAt`-th batch) over `batches`.
private func sortRows(_ sort: Sort, _ batches: [ColumnBatch], maxRows: Int = 1_000, failAfter: Int? = nil) throws -> CollectingSink {
    var flow = FlowBuilder()
    let source = flow.add("Source", FixedSource(batches))
    let s = flow.add("Sort", sort)
    let sink = CollectingSink()
    flow.connect(source, to: s)
    if let failAfter {
        let fail = flow.add("Fail", FailingTransform(failAt: failAfter))
        flow.connect(s, to: fail)
        flow.connect(fail, to: flow.add("Sink", sink))
    } else {
        flow.connect(s, to: flow.add("Sink", sink))
    }
    _ = try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: maxRows)).run(try flow.build())
    return sink
}

/// Rows with a string key (NULLs, shared prefixes), an int key, a real and a row number.
private func randomRows(_ count: Int, batchRows: Int, seed: UInt64) throws -> [ColumnBatch] {
    var rng = SplitMix(seed)
    var batches: [ColumnBatch] = []
    var at = 0
    while at < count {
        let n = min(batchRows, count - at)
        var s: [String?] = [], k: [Int32?] = [], d: [Double?] = [], id: [Int64?] = []
        for i in 0..<n {
            let r = rng.next()
            s.append(r % 9 == 0 ? nil : ["prefix-long-", "prefix-lo", "é", "", "Z"][Int(r % 5)] + String((r >> 8) % 30))
            k.append(r % 17 == 0 ? nil : Int32(truncatingIfNeeded: Int64((r >> 16) % 41) - 20))
            d.append(Double(Int64((r >> 24) % 1000) - 500) / 8)
            id.append(Int64(at + i))
        }
        batches.append(try ColumnBatch([("S", Column(s)), ("K", Column(k)), ("D", Column(d)), ("Id", Column(id))]))
        at += n
    }
    return batches
}

/// The reference order: NULL first, strings by UTF-8 bytes; `K` descending.
private func referenceOrder(_ a: [Value], _ b: [Value]) -> Bool? {
    func order(_ x: Value, _ y: Value) -> Int {
        switch (x, y) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.string(let p), .string(let q)): return Array(p.utf8).lexicographicallyPrecedes(Array(q.utf8)) ? -1 : (p == q ? 0 : 1)
        case (.int(let p), .int(let q)): return p < q ? -1 : (p == q ? 0 : 1)
        default: return 0
        }
    }
    let s = order(a[0], b[0])
    if s != 0 { return s < 0 }
    let k = order(a[1], b[1])
    if k != 0 { return k > 0 }
    return nil
}

private func rows(_ sink: CollectingSink) -> [[Value]] {
    let s = sink.values("S"), k = sink.values("K"), d = sink.values("D"), id = sink.values("Id")
    return s.indices.map { [s[$0], k[$0], d[$0], id[$0]] }
}

/// Open descriptors of this process on files under `directory` (unlinked runs show as "(deleted)").
private func openFiles(under directory: String) -> Int {
    let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return fds.filter { ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) ?? "").hasPrefix(directory) }.count
}

private func scratchDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "sluice-sort-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("Sort")
struct SortTests {
    @Test(arguments: [1 << 30, 32 << 10])
    func matchesAStableReferenceSortWithAndWithoutSpilling(memoryLimit: Int) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let batches = try randomRows(20_000, batchRows: 1_500, seed: 7)
        let sort = Sort(name: "Sort", keys: [SortKey("S"), SortKey("K", ascending: false)], memoryLimit: memoryLimit, temporaryDirectory: dir)
        let sink = try sortRows(sort, batches, maxRows: 640)
        if memoryLimit < 1 << 20 { #expect(sort.spilledRuns > 3) } else { #expect(sort.spilledRuns == 0) }
        var input: [[Value]] = []
        for b in batches { for r in 0..<b.length { input.append(b.columns.map { $0.value(at: r) }) } }
        // Stable: ties keep the order of Id, which is the arrival order.
        let expected = input.enumerated().sorted { x, y in referenceOrder(x.element, y.element) ?? (x.offset < y.offset) }.map(\.element)
        #expect(rows(sink) == expected)
        #expect(sink.batches.allSatisfy { $0.length <= 640 })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(openFiles(under: dir) == 0)
    }

    @Test(arguments: [1 << 30, 16 << 10])
    func removesRowsWithDuplicateSortValuesKeepingTheFirst(memoryLimit: Int) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let batches = try randomRows(8_000, batchRows: 700, seed: 3)
        let sort = Sort(name: "Sort", keys: [SortKey("S"), SortKey("K", ascending: false)], removeDuplicates: true,
                        memoryLimit: memoryLimit, temporaryDirectory: dir)
        let sink = try sortRows(sort, batches)
        var input: [[Value]] = []
        for b in batches { for r in 0..<b.length { input.append(b.columns.map { $0.value(at: r) }) } }
        var firstOfKey: [[Value]: [Value]] = [:]
        for row in input where firstOfKey[[row[0], row[1]]] == nil { firstOfKey[[row[0], row[1]]] = row }
        let expected = firstOfKey.values.sorted { referenceOrder($0, $1) ?? false }
        #expect(rows(sink) == expected)
        #expect(openFiles(under: dir) == 0)
    }

    @Test func ordersRealsDecimalsAndDatesAndEmptyInputGivesNothing() throws {
        let batch = try ColumnBatch([
            ("R", Column([2.5, -0.0, -7, nil, 1e300, -1e-300] as [Double?])),
            ("M", try Column(.numeric, values: [.decimal(-1), .decimal(3), .decimal(-2.5), .decimal(0), .null, .decimal(1)])),
        ])
        let byReal = try sortRows(Sort(name: "S", keys: [SortKey("R")]), [batch])
        #expect(byReal.values("R") == [.null, .real(-7), .real(-1e-300), .real(-0.0), .real(2.5), .real(1e300)])
        let byDecimal = try sortRows(Sort(name: "S", keys: [SortKey("M", ascending: false)]), [batch])
        #expect(byDecimal.values("M") == [.decimal(3), .decimal(1), .decimal(0), .decimal(-1), .decimal(-2.5), .null])
        #expect(try sortRows(Sort(name: "S", keys: [SortKey("R")]), []).rows == 0)
    }

    @Test func leavesNoTemporaryFileAfterAFailure() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A batch with other columns after runs were spilled: the sort fails itself.
        var batches = try randomRows(6_000, batchRows: 1_000, seed: 5)
        batches.append(try ColumnBatch([("S", Column(["x"] as [String?]))]))
        let failing = Sort(name: "Sort", keys: [SortKey("S")], memoryLimit: 8 << 10, temporaryDirectory: dir)
        let error = try #require(throws: SluiceError.self) { try sortRows(failing, batches) }
        #expect((error.cause as? SluiceError)?.message == .sortSchemaChanged)
        #expect(failing.spilledRuns > 0)
        #expect(openFiles(under: dir) == 0)
        // A component after the sort fails while the runs are being merged.
        do {
            let error = try #require(throws: SluiceError.self) {
                try sortRows(Sort(name: "Sort", keys: [SortKey("K")], memoryLimit: 8 << 10, temporaryDirectory: dir),
                             try randomRows(6_000, batchRows: 1_000, seed: 6), failAfter: 2)
            }
            #expect(error.inserts["component"] == "Fail")
        }
        #expect(openFiles(under: dir) == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func reportsAMissingKeyColumnAndAnUnwritableDirectory() throws {
        let batches = try randomRows(100, batchRows: 100, seed: 1)
        let missing = try #require(throws: SluiceError.self) { try sortRows(Sort(name: "S", keys: [SortKey("Nope")]), batches) }
        #expect((missing.cause as? SluiceError)?.message == .dataFlowColumnNotFound)
        let unwritable = try #require(throws: SluiceError.self) {
            try sortRows(Sort(name: "S", keys: [SortKey("K")], memoryLimit: 1, temporaryDirectory: "/nonexistent-sluice-dir"), batches)
        }
        #expect((unwritable.cause as? SluiceError)?.message == .sortSpillFailed)
    }
}

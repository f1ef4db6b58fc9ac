import Foundation
import SluiceCore
import Testing
@testable import SluiceDataFlow

/// Runs `aggregate` over `batches` on a real engine and returns its output rows.
private func aggregateRows(_ aggregate: Aggregate, _ batches: [ColumnBatch], maxRows: Int = 10_000) throws -> CollectingSink {
    var flow = FlowBuilder()
    let source = flow.add("Source", FixedSource(batches))
    let a = flow.add("Aggregate", aggregate)
    let sink = CollectingSink()
    flow.connect(source, to: a)
    flow.connect(a, to: flow.add("Sink", sink))
    _ = try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: maxRows)).run(try flow.build())
    return sink
}

/// Random rows: a string key (with NULLs), an int key, an int value and a real value (with NULLs).
private func randomBatches(rows: Int, keys: Int, batchRows: Int, seed: UInt64) throws -> [ColumnBatch] {
    var rng = SplitMix(seed)
    var batches: [ColumnBatch] = []
    var at = 0
    while at < rows {
        let n = min(batchRows, rows - at)
        var k1: [String?] = [], k2: [Int32?] = [], v: [Int32?] = [], d: [Double?] = [], day: [Int32?] = []
        for _ in 0..<n {
            let r = rng.next()
            k1.append(r % 7 == 0 ? nil : "k\(r % UInt64(keys))")
            k2.append(Int32(truncatingIfNeeded: (r >> 8) % 3))
            v.append(r % 5 == 0 ? nil : Int32(truncatingIfNeeded: Int64((r >> 16) % 2001) - 1000))
            d.append(r % 11 == 0 ? nil : Double((r >> 20) % 10_000) / 4)
            day.append(r % 13 == 0 ? nil : Int32((r >> 30) % 20_000))
        }
        batches.append(try ColumnBatch([
            ("K1", Column(k1)), ("K2", Column(k2)), ("V", Column(v)), ("D", Column(d)), ("Day", Column(day, as: .dbDate)),
        ]))
        at += n
    }
    return batches
}

struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

/// The straightforward reference: a dictionary from key values to row values.
private func reference(_ batches: [ColumnBatch]) -> [[Value]: [Value]] {
    var groups: [[Value]: [[Value]]] = [:]
    for b in batches {
        for r in 0..<b.length {
            groups[[b["K1"]!.value(at: r), b["K2"]!.value(at: r)], default: []].append(
                [b["V"]!.value(at: r), b["D"]!.value(at: r), b["Day"]!.value(at: r), b["K1"]!.value(at: r)])
        }
    }
    return groups.mapValues { rows in
        let v = rows.map { $0[0] }.filter { !$0.isNull }, d = rows.map { $0[1] }.filter { !$0.isNull }
        let days = rows.map { $0[2] }.filter { !$0.isNull }
        let ints: [Int64] = v.map(intOf)
        let reals: [Double] = d.map(realOf)
        let sumV: Value = ints.isEmpty ? .null : .int(ints.reduce(0, +))
        let avgD: Value = reals.isEmpty ? .null : .real(reals.reduce(0, +) / Double(reals.count))
        let minV: Value = ints.min().map { .int($0) } ?? .null
        let maxDay: Value = days.max { a, b in
            if case .date(let x) = a, case .date(let y) = b { return x < y }
            return false
        } ?? .null
        return [
            .uint(UInt64(rows.count)), .uint(UInt64(v.count)), .uint(UInt64(Set(ints).count)), sumV, avgD, minV, maxDay,
        ]
    }
}

private func intOf(_ v: Value) -> Int64 { if case .int(let i) = v { return i }; return 0 }
private func realOf(_ v: Value) -> Double { if case .real(let x) = v { return x }; return -1 }

private let allOperations: [AggregateColumn] = [
    .init("K1", .groupBy), .init("K2", .groupBy), .init("Rows", .countAll), .init("CountV", .count, of: "V"),
    .init("DistinctV", .countDistinct, of: "V"), .init("SumV", .sum, of: "V"), .init("AvgD", .average, of: "D"),
    .init("MinV", .minimum, of: "V"), .init("MaxDay", .maximum, of: "Day"),
]

@Suite("Aggregate")
struct AggregateTests {
    @Test(arguments: [(rows: 20_000, keys: 500), (rows: 5_000, keys: 1), (rows: 30_000, keys: 20_000)])
    func matchesAReferenceOnRandomData(shape: (rows: Int, keys: Int)) throws {
        let batches = try randomBatches(rows: shape.rows, keys: shape.keys, batchRows: 1_000, seed: UInt64(shape.keys))
        let sink = try aggregateRows(Aggregate(name: "Agg", columns: allOperations), batches, maxRows: 777)
        let expected = reference(batches)
        let out = sink.batches
        #expect(out.allSatisfy { $0.length <= 777 })
        var seen = 0
        for b in out {
            for r in 0..<b.length {
                let key = [b["K1"]!.value(at: r), b["K2"]!.value(at: r)]
                let want = try #require(expected[key])
                let got = ["Rows", "CountV", "DistinctV", "SumV", "AvgD", "MinV", "MaxDay"].map { b[$0]!.value(at: r) }
                #expect(got[0...3] == want[0...3] && got[5...6] == want[5...6], "group \(key)")
                if case .real(let x) = got[4], case .real(let y) = want[4] { #expect(abs(x - y) <= 1e-9 * max(1, abs(y))) } else {
                    #expect(got[4] == want[4])
                }
                seen += 1
            }
        }
        #expect(seen == expected.count)
        #expect(out.first?["SumV"]?.dataType == .i8 && out.first?["AvgD"]?.dataType == .r8)
        #expect(out.first?["Rows"]?.dataType == .ui8 && out.first?["MaxDay"]?.dataType == .dbDate)
    }

    @Test func emptyInputGivesNoRows() throws {
        let sink = try aggregateRows(Aggregate(name: "Agg", columns: allOperations), [])
        #expect(sink.rows == 0)
    }

    @Test func noKeysGiveOneGroupAndStringMinMaxUseByteOrder() throws {
        let batch = try ColumnBatch([("S", Column(["pear", nil, "apple", "Zebra"] as [String?])), ("N", Column([1, 2, nil, 4] as [Int64?]))])
        let sink = try aggregateRows(Aggregate(name: "Agg", columns: [
            .init("Min", .minimum, of: "S"), .init("Max", .maximum, of: "S"), .init("Sum", .sum, of: "N"), .init("All", .countAll),
        ]), [batch, batch])
        #expect(sink.values("Min") == [.string("Zebra")])
        #expect(sink.values("Max") == [.string("pear")])
        #expect(sink.values("Sum") == [.int(14)])
        #expect(sink.values("All") == [.uint(8)])
    }

    /// TPC-H q1's shape: group by returnflag and linestatus; sums, averages and a count, checked
    /// against values computed by hand for this input.
    @Test func computesTheQ1ShapeAsByHand() throws {
        let batch = try ColumnBatch([
            ("l_returnflag", Column(["A", "N", "A", "R", "N", "A"] as [String?], as: .str)),
            ("l_linestatus", Column(["F", "O", "F", "F", "O", "O"] as [String?], as: .str)),
            ("l_quantity", try Column(.decimal, values: [.decimal(17), .decimal(36), .decimal(8), .decimal(28), .decimal(24), .decimal(32)])),
            ("l_extendedprice", Column([100.0, 200.0, 300.0, 400.0, 500.0, 600.0] as [Double?])),
            ("l_discount", Column([0.10, 0.00, 0.05, 0.02, 0.10, 0.04] as [Double?])),
        ])
        let sink = try aggregateRows(Aggregate(name: "Q1", columns: [
            .init("l_returnflag", .groupBy), .init("l_linestatus", .groupBy),
            .init("sum_qty", .sum, of: "l_quantity"), .init("sum_base_price", .sum, of: "l_extendedprice"),
            .init("avg_qty", .average, of: "l_quantity"), .init("avg_disc", .average, of: "l_discount"),
            .init("count_order", .countAll),
        ]), [batch])
        // Groups in order of first sight: (A,F) rows 0,2; (N,O) rows 1,4; (R,F) row 3; (A,O) row 5.
        #expect(sink.values("l_returnflag") == [.string("A"), .string("N"), .string("R"), .string("A")])
        #expect(sink.values("l_linestatus") == [.string("F"), .string("O"), .string("F"), .string("O")])
        #expect(sink.values("sum_qty") == [.decimal(25), .decimal(60), .decimal(28), .decimal(32)])
        #expect(sink.values("sum_base_price") == [.real(400), .real(700), .real(400), .real(600)])
        #expect(sink.values("avg_qty") == [.real(12.5), .real(30), .real(28), .real(32)])
        let disc: [Double] = sink.values("avg_disc").map(realOf)
        for (got, want) in zip(disc, [0.075, 0.05, 0.02, 0.04]) { #expect(abs(got - want) < 1e-12) }
        #expect(sink.values("count_order") == [.uint(2), .uint(2), .uint(1), .uint(1)])
        #expect(sink.batches[0]["sum_qty"]?.dataType == .numeric)
    }

    @Test func failsWithACodedErrorPastItsMemoryLimit() throws {
        let batches = try randomBatches(rows: 20_000, keys: 20_000, batchRows: 2_000, seed: 9)
        let error = try #require(throws: SluiceError.self) {
            try aggregateRows(Aggregate(name: "Agg", columns: allOperations, memoryLimit: 64 << 10), batches)
        }
        #expect((error.cause as? SluiceError)?.message == .aggregateMemoryExceeded)
    }

    @Test func rejectsAnOperationItsColumnTypeDoesNotAllowAndASumThatOverflows() throws {
        let bools = try ColumnBatch([("B", Column([true, false] as [Bool?]))])
        let error = try #require(throws: SluiceError.self) {
            try aggregateRows(Aggregate(name: "Agg", columns: [.init("S", .sum, of: "B")]), [bools])
        }
        #expect((error.cause as? SluiceError)?.message == .aggregateOperationType)
        let big = try ColumnBatch([("N", Column([Int64.max, 1] as [Int64?]))])
        let overflow = try #require(throws: SluiceError.self) {
            try aggregateRows(Aggregate(name: "Agg", columns: [.init("S", .sum, of: "N")]), [big])
        }
        #expect((overflow.cause as? SluiceError)?.message == .aggregateOverflow)
    }
}

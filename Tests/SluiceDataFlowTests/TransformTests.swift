import Foundation
import SluiceCore
import SluiceExpressions
import Testing
@testable import SluiceDataFlow

/// Runs `transform` between a source of `batches` and one collecting sink per output.
private func run(
    _ transform: any FlowComponent, _ batches: [ColumnBatch], workers: Int = 2
) throws -> (sinks: [CollectingSink], report: FlowReport) {
    var flow = FlowBuilder()
    let source = flow.add("Source", FixedSource(batches))
    let t = flow.add("T", transform)
    flow.connect(source, to: t)
    let sinks = transform.outputs.indices.map { _ in CollectingSink() }
    for (i, sink) in sinks.enumerated() { flow.connect(t, output: i, to: flow.add("Sink \(i)", sink)) }
    let report = try DataFlowEngine(options: FlowOptions(workerCount: workers)).run(try flow.build())
    return (sinks, report)
}

private func prices() throws -> ColumnBatch {
    try ColumnBatch([
        ("Price", Column([10, 20, nil, 40, 50] as [Double?])),
        ("Qty", Column([1, 12, 5, 30, nil] as [Int32?])),
        ("Name", Column(["apple", "Bär", nil, "kiwi", "fig"] as [String?])),
    ])
}

@Suite("Data flow transforms")
struct TransformTests {
    @Test func derivedColumnAddsAndReplacesColumnsFromExpressions() throws {
        let derive = DerivedColumn(name: "Derive", [.init("Total", "[Price] * [Qty]"), .init("Qty", "[Qty] + 1")])
        let (sinks, _) = try run(derive, [try prices(), try prices()])
        let out = sinks[0]
        #expect(out.values("Total") == [.real(10), .real(240), .null, .real(1200), .null, .real(10), .real(240), .null, .real(1200), .null])
        // [Total] read the input's [Qty], not the replaced one.
        #expect(out.values("Qty").prefix(5) == [.int(2), .int(13), .int(6), .int(31), .null])
        #expect(out.batches[0].names == ["Price", "Qty", "Name", "Total"])
    }

    @Test func derivedColumnFailsTheComponentOnARowError() throws {
        let derive = DerivedColumn(name: "Derive", [.init("Ratio", "[Qty] / ([Qty] - 12)")])
        let error = try #require(throws: SluiceError.self) { try run(derive, [try prices()]) }
        #expect(error.inserts["component"] == "T")
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.message == .dataFlowExpressionFailed)
        #expect(cause.inserts["component"] == "Derive")
        #expect((cause.cause as? SluiceError)?.row == 1)
    }

    @Test func derivedColumnRedirectsOrIgnoresFailingRowsAsItsDispositionSays() throws {
        // Qty = 12 divides by zero (row 1); Qty NULL (row 4) is NULL, not an error.
        let redirect = DerivedColumn(name: "Derive", [.init("Ratio", "[Qty] / ([Qty] - 12)", onError: .redirectRow)])
        let (sinks, _) = try run(redirect, [try prices()])
        #expect(sinks[0].values("Qty") == [.int(1), .int(5), .int(30), .null])
        #expect(sinks[0].values("Ratio") == [.int(0), .int(0), .int(1), .null])
        #expect(sinks[1].values("Qty") == [.int(12)])
        #expect(sinks[1].values(ErrorRows.codeColumn) == [.int(70204)])
        #expect(sinks[1].values(ErrorRows.columnColumn) == [.int(0)])  // a new column: not an input column

        let ignore = DerivedColumn(name: "Derive", [.init("Qty", "[Qty] / ([Qty] - 12)", onError: .ignoreFailure)])
        let (ignored, _) = try run(ignore, [try prices()])
        #expect(ignored[0].values("Qty") == [.int(0), .null, .int(0), .int(1), .null])
        #expect(ignored[1].rows == 0)
    }

    @Test func conditionalSplitSendsEachRowToTheFirstTrueConditionElseDefault() throws {
        let split = ConditionalSplit(name: "Split", conditions: [.init("Big", "[Qty] > 10"), .init("Cheap", "[Price] < 45")])
        #expect(split.outputs.map(\.exclusionGroup) == [1, 1, 1])
        let rows = 200
        let qty = Column((0..<rows).map { Int32($0 % 20) } as [Int32?])
        let price = Column((0..<rows).map { $0 % 7 == 0 ? nil : Double($0) } as [Double?])
        let batch = try ColumnBatch([("Qty", qty), ("Price", price)])
        let (sinks, report) = try run(split, [batch])
        var expected: [[Value]] = [[], [], []]
        for i in 0..<rows {
            let p: Double? = i % 7 == 0 ? nil : Double(i)
            let k = i % 20 > 10 ? 0 : (p.map { $0 < 45 } == true ? 1 : 2)
            expected[k].append(.int(Int64(i % 20)))
        }
        for k in 0..<3 { #expect(sinks[k].values("Qty") == expected[k]) }
        #expect(report.rowsPerPath.reduce(0, +) == 2 * rows)  // source -> split, then each row once
    }

    /// SSIS evaluates a condition only for rows no earlier condition took: `100 / [Qty]` never
    /// sees the rows `[Qty] == 0` took, so it does not fail; a row it must judge still fails it.
    @Test func conditionalSplitJudgesALaterConditionOnlyOnRowsLeftOver() throws {
        let split = ConditionalSplit(name: "Split", conditions: [.init("Zero", "[Qty] == 0"), .init("Small", "100 / [Qty] > 10")])
        let qty = Column([0, 5, 20, 0, nil, 8] as [Int32?])
        let (sinks, _) = try run(split, [try ColumnBatch([("Qty", qty)])])
        #expect(sinks[0].values("Qty") == [.int(0), .int(0)])
        #expect(sinks[1].values("Qty") == [.int(5), .int(8)])
        #expect(sinks[2].values("Qty") == [.int(20), .null])

        let strict = ConditionalSplit(name: "Split", conditions: [.init("One", "[Qty] == 1"), .init("Small", "100 / [Qty] > 10")])
        let error = try #require(throws: SluiceError.self) { try run(strict, [try ColumnBatch([("Qty", Column([1, 0] as [Int32?]))])]) }
        #expect(error.message == .dataFlowComponentFailed)
    }

    @Test func conditionalSplitRejectsANonBooleanCondition() throws {
        let split = ConditionalSplit(name: "Split", conditions: [.init("Bad", "[Qty] + 1")])
        let error = try #require(throws: SluiceError.self) { try run(split, [try prices()]) }
        #expect((error.cause as? SluiceError)?.message == .dataFlowConditionNotBoolean)
    }

    @Test func multicastSendsEveryBatchToEveryOutput() throws {
        let (sinks, _) = try run(Multicast(outputCount: 3), [try prices(), try prices()])
        for sink in sinks { #expect(sink.rows == 10) }
    }

    @Test func unionAllMergesInputsByColumnName() throws {
        var flow = FlowBuilder()
        let a = flow.add("A", FixedSource([try ColumnBatch([("X", Column([1, 2] as [Int32?])), ("Y", Column(["a", "b"] as [String?]))])]))
        let b = flow.add("B", FixedSource([try ColumnBatch([("Y", Column(["c"] as [String?])), ("X", Column([3] as [Int32?]))])]))
        let union = flow.add("Union", UnionAll(name: "Union", inputCount: 2))
        let sink = CollectingSink()
        flow.connect(a, to: union, input: 0)
        flow.connect(b, to: union, input: 1)
        flow.connect(union, to: flow.add("Sink", sink))
        try DataFlowEngine(options: FlowOptions(workerCount: 2)).run(try flow.build())
        #expect(sink.rows == 3)
        #expect(Set(sink.values("X")) == [.int(1), .int(2), .int(3)])
        for batch in sink.batches { #expect(batch.names == sink.batches[0].names) }
    }

    @Test func unionAllRejectsAnInputWithOtherColumnTypes() throws {
        let first = FixedSource([try ColumnBatch([("X", Column([1] as [Int32?]))]), try ColumnBatch([("X", Column([1.5] as [Double?]))])])
        var flow2 = FlowBuilder()
        let s = flow2.add("S", first)
        let u = flow2.add("Union", UnionAll(name: "Union", inputCount: 1))
        flow2.connect(s, to: u)
        flow2.connect(u, to: flow2.add("Sink", CollectingSink()))
        let error = try #require(throws: SluiceError.self) { try DataFlowEngine(options: FlowOptions(workerCount: 1)).run(try flow2.build()) }
        #expect((error.cause as? SluiceError)?.message == .dataFlowUnionMismatch)
    }

    @Test func rowCountCountsEveryRowForTheRuntime() throws {
        let counter = RowCounter()
        let (sinks, _) = try run(RowCount(counter), [try prices(), try prices(), try prices()])
        #expect(counter.value == 15)
        #expect(sinks[0].rows == 15)
    }

    @Test func characterMapUpperAndLowerCasesASCIIAndUnicode() throws {
        let ascii = try ColumnBatch([("Name", Column(["apple", nil, "Kiwi-9"] as [String?]))])
        let map = CharacterMap(name: "Case", [.init("Name", .upper), .init("Name", .lower, as: "Lower")])
        let (sinks, _) = try run(map, [ascii, try prices().projecting(["Name"])])
        #expect(sinks[0].values("Name") == [.string("APPLE"), .null, .string("KIWI-9"), .string("APPLE"), .string("BÄR"), .null, .string("KIWI"), .string("FIG")])
        // The lower case reads the input column, not the upper-cased one.
        #expect(sinks[0].values("Lower").prefix(3) == [.string("apple"), .null, .string("kiwi-9")])
        let wrong = CharacterMap(name: "Case", [.init("Price", .upper)])
        let error = try #require(throws: SluiceError.self) { try run(wrong, [try prices()]) }
        #expect((error.cause as? SluiceError)?.message == .dataFlowColumnType)
    }

    @Test func dataConversionFailsRedirectsOrIgnoresAsItsDispositionSays() throws {
        let batch = try ColumnBatch([
            ("Text", Column(["12", "x", "40000", nil, "7"] as [String?])),
            ("Id", Column([1, 2, 3, 4, 5] as [Int32?])),
        ])
        // Redirect: rows "x" and "40000" (out of DT_I2) leave by the error output.
        let redirect = try DataConversion(name: "Convert", [.init("Text", to: .i2, as: "Small", onError: .redirectRow)])
        let (sinks, _) = try run(redirect, [batch])
        #expect(sinks[0].values("Small") == [.int(12), .null, .int(7)])
        #expect(sinks[0].values("Id") == [.int(1), .int(4), .int(5)])
        #expect(sinks[1].values("Id") == [.int(2), .int(3)])
        #expect(sinks[1].values(ErrorRows.codeColumn) == [.int(70203), .int(70203)])
        #expect(sinks[1].values(ErrorRows.columnColumn) == [.int(1), .int(1)])

        let ignore = try DataConversion(name: "Convert", [.init("Text", to: .i2, as: "Small", onError: .ignoreFailure)])
        let (ignored, _) = try run(ignore, [batch])
        #expect(ignored[0].values("Small") == [.int(12), .null, .null, .null, .int(7)])
        #expect(ignored[1].rows == 0)

        let fail = try DataConversion(name: "Convert", [.init("Text", to: .i2, as: "Small")])
        let error = try #require(throws: SluiceError.self) { try run(fail, [batch]) }
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.message == .dataFlowConversionFailed)
        #expect(cause.inserts["column"] == "Text" && cause.inserts["row"] == "1")
    }
}

extension ColumnBatch {
    func projecting(_ keep: [String]) throws -> ColumnBatch { try ColumnBatch(keep.compactMap { n in self[n].map { (n, $0) } }) }
}

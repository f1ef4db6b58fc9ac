import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// Projection pushdown: a skipped column is read past, never converted, and not in the batches.
@Suite struct SkippedColumnTests {
    static func skipping(_ names: Set<String>) -> [CSVColumn] {
        ParallelCSVTests.columns.map { var c = $0; c.isSkipped = names.contains(c.name); return c }
    }

    @Test func skippedColumnsAreLeftOutAndTheOthersAreTheFullReadersValues() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", ParallelCSVTests.trickyFile(rows: 900))
        var options = CSVOptions()
        options.batchRows = 128
        let full = try ParallelCSVTests.sequentialBatches(path, options)
        let columns = Self.skipping(["note", "day", "ratio"])
        let reader = try CSVReader(path: path, columns: columns, options: options)
        var some: [ColumnBatch] = []
        while let b = try reader.nextBatch() { some.append(b) }
        #expect(some.map(\.length) == full.map(\.length))
        for (s, f) in zip(some, full) {
            #expect(s.columns.count == 3)
            for name in ["id", "price", "flag"] {
                #expect(s[name]?.allValues == f[name]?.allValues, "column \(name)")
            }
            #expect(s["note"] == nil && s["day"] == nil && s["ratio"] == nil)
        }
        // The parallel reader gives the same batches (its join copies only the kept columns).
        let parallel = try ParallelCSVReader(path: path, columns: columns, options: options, workers: 2, morselBytes: 512)
        var joined: [ColumnBatch] = []
        while let b = try parallel.nextBatch() { joined.append(b) }
        ParallelCSVTests.expectSame(some, joined, "parallel, skipping")
    }

    @Test func aBadValueInASkippedColumnIsNotReadButARaggedRowStillFails() throws {
        let dir = try TemporaryDirectory()
        let columns = [CSVColumn("id", .i4), CSVColumn("qty", .i4, isSkipped: true)]
        let bad = try dir.file("bad.csv", "id,qty\n1,x\n2,y\n")
        let (batches, values) = try readAll(bad, columns)
        #expect(batches.map(\.columns.count) == [1])
        #expect(values[0] == [.int(1), .int(2)])
        // Not skipped, the same value is an error naming the column.
        let e = sluiceError { _ = try readAll(bad, [CSVColumn("id", .i4), CSVColumn("qty", .i4)]) }
        #expect(e?.message == .csvValueInvalid)
        let ragged = try dir.file("ragged.csv", "id,qty\n1,2\n3\n")
        let r = sluiceError { _ = try readAll(ragged, columns) }
        #expect(r?.message == .csvRaggedRow)
    }

    @Test func skippingEveryColumnStillCountsTheRows() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "a,b\n1,2\n3,4\n5,6\n")
        let (batches, values) = try readAll(path, [CSVColumn("a", .i4, isSkipped: true), CSVColumn("b", .i4, isSkipped: true)])
        #expect(batches.map(\.length) == [3])
        #expect(values[0] == [.int(1), .int(3), .int(5)], "the first column is kept to carry the rows")
    }
}

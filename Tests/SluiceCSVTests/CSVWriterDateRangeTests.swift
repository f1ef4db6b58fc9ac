import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// Dates and timestamps whose year `YYYY` cannot show (past 9999, or before year 0) are a coded
/// write error naming the line, the column and the value; they are never clamped to another date.
@Suite struct CSVWriterDateRangeTests {
    static let perDay: Int64 = 86_400_000_000
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int64 { Int64(FieldParsers.daysFromCivil(y, m, d)) }

    @Test func theFirstAndLastFourDigitDaysAreWritten() throws {
        let dir = try TemporaryDirectory()
        let columns = [CSVColumn("d", .dbDate), CSVColumn("t", .dbTimestamp)]
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: columns)
        let first = Self.days(0, 1, 1), last = Self.days(9999, 12, 31)
        try writer.write(ColumnBatch([
            ("d", Column([Int32(first), Int32(last)] as [Int32?], as: .dbDate)),
            ("t", Column([first * Self.perDay, (last + 1) * Self.perDay - 1] as [Int64?], as: .dbTimestamp)),
        ]))
        try writer.finish()
        #expect(String(decoding: try dir.contents("out.csv"), as: UTF8.self) == "d,t\n0000-01-01,0000-01-01 00:00:00\n9999-12-31,9999-12-31 23:59:59.999999\n")
    }

    @Test func aTimestampInYear12000OrBeforeYear0IsACodedErrorNotAClampedDate() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.file("out.csv", "old\n")
        for (micros, shown) in [(Self.days(12000, 1, 1) * Self.perDay, "12000-01-01 00:00:00"), (Self.days(0, 1, 1) * Self.perDay - 3_600_000_000, "-0001-12-31 23:00:00")] {
            let writer = try CSVWriter(path: target, columns: [CSVColumn("n", .i4), CSVColumn("when", .dbTimestamp)])
            let e = sluiceError {
                try writer.write(ColumnBatch([("n", Column([1, 2] as [Int32?])), ("when", Column([0, micros] as [Int64?], as: .dbTimestamp))]))
            }
            #expect(e?.message == .csvDateOutOfRange)
            #expect(e?.inserts["line"] == "3" && e?.inserts["column"] == "when" && e?.inserts["value"] == shown, "\(String(describing: e))")
            #expect(e?.inserts["type"] == "DT_DBTIMESTAMP")
            #expect(String(decoding: try dir.contents("out.csv"), as: UTF8.self) == "old\n")
        }
    }

    @Test func aDateInYear10000IsACodedError() throws {
        let dir = try TemporaryDirectory()
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: [CSVColumn("day", .dbDate)])
        try writer.write(ColumnBatch([("day", Column([0] as [Int32?], as: .dbDate))]))
        let e = sluiceError { try writer.write(ColumnBatch([("day", Column([nil, Int32(Self.days(10000, 1, 1))] as [Int32?], as: .dbDate))])) }
        #expect(e?.message == .csvDateOutOfRange)
        #expect(e?.inserts["line"] == "4" && e?.inserts["value"] == "10000-01-01" && e?.inserts["type"] == "DT_DBDATE")
    }

    @Test func theParallelWriterNamesTheLineOfTheDateToo() throws {
        let dir = try TemporaryDirectory()
        let columns = [CSVColumn("day", .dbDate)]
        let good = try ColumnBatch([("day", Column(Array(repeating: 1, count: 10) as [Int32?], as: .dbDate))])
        let bad = try ColumnBatch([("day", Column([1, 2, Int32.max] as [Int32?], as: .dbDate))])
        let writer = try ParallelCSVWriter(path: dir.path + "/out.csv", columns: columns, workers: 2, morselBytes: 64)
        let e = sluiceError {
            for _ in 0..<7 { try writer.write(good) }
            try writer.write(bad)
            try writer.finish()
        }
        // 70 good rows, then the header's line and two more: line 74.
        #expect(e?.message == .csvDateOutOfRange)
        #expect(e?.inserts["line"] == "74", "\(String(describing: e))")
        #expect(dir.entries.isEmpty)
    }
}

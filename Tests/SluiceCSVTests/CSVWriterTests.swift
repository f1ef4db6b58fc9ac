import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVWriterTests {
    static let columns = CSVReaderTests.everyType

    static func trickyBatch() throws -> ColumnBatch {
        try ColumnBatch([
            ("i4", Column([1, nil, -2_147_483_648, 2_147_483_647] as [Int32?])),
            ("i8", Column([Int64.min, 0, nil, 1234567890123] as [Int64?])),
            ("r8", Column([17, 0.05, -0.0, nil] as [Double?])),
            ("dec", try Column(.numeric, values: [.decimal(Decimal(string: "-0.05")!), .null, .decimal(12), .decimal(Decimal(string: "123.4")!)], decimalScale: 2)),
            ("day", Column([8036, nil, 0, -719_162] as [Int32?], as: .dbDate)),
            ("flag", Column([true, false, nil, true] as [Bool?])),
            ("text", Column(["a,b", "say \"hi\"\r\nbye", "", nil] as [String?])),
        ])
    }

    @Test func writesPolarsStyleTextAndQuotesOnlyWhereNeeded() throws {
        let dir = try TemporaryDirectory()
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: Self.columns)
        try writer.write(Self.trickyBatch())
        try writer.finish()
        let text = String(decoding: try dir.contents("out.csv"), as: UTF8.self)
        #expect(text == """
            i4,i8,r8,dec,day,flag,text
            1,-9223372036854775808,17.0,-0.05,1992-01-02,true,"a,b"
            ,0,0.05,,,false,"say ""hi""\r
            bye"
            -2147483648,,-0.0,12.00,1970-01-01,,""
            2147483647,1234567890123,,123.40,0001-01-01,true,

            """)
        #expect(dir.entries == ["out.csv"])
    }

    @Test func roundTripsTrickyDataThroughTheReader() throws {
        let dir = try TemporaryDirectory()
        var options = CSVOptions()
        options.writeCRLF = true
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: Self.columns, options: options)
        let batch = try Self.trickyBatch()
        try writer.write(batch)
        try writer.write(batch)
        try writer.finish()
        let (_, values) = try readAll(dir.path + "/out.csv", Self.columns, options)
        for (k, column) in batch.columns.enumerated() { #expect(values[k] == column.allValues + column.allValues) }
        // and written again from what was read: the same bytes
        let reader = try CSVReader(path: dir.path + "/out.csv", columns: Self.columns, options: options)
        let again = try CSVWriter(path: dir.path + "/again.csv", columns: Self.columns, options: options)
        while let b = try reader.nextBatch() { try again.write(b) }
        try again.finish()
        #expect(try dir.contents("again.csv") == dir.contents("out.csv"))
    }

    @Test func doublesAreWrittenInTheirShortestRoundTripForm() throws {
        var values: [Double?] = [0.1, 1e-7, 1e22, 123456.789, 1.0 / 3, 5e-324, .greatestFiniteMagnitude, 9.99, 100]
        for _ in 0..<5000 { values.append(Double(bitPattern: UInt64.random(in: 0...0x7FEF_FFFF_FFFF_FFFF))) }
        for _ in 0..<5000 { values.append(Double(Int.random(in: -1_000_000...1_000_000)) / 100) }
        let dir = try TemporaryDirectory()
        let writer = try CSVWriter(path: dir.path + "/d.csv", columns: [CSVColumn("x", .r8)])
        try writer.write(ColumnBatch([("x", Column(values))]))
        try writer.finish()
        let lines = String(decoding: try dir.contents("d.csv"), as: UTF8.self).split(separator: "\n").dropFirst()
        for (line, v) in zip(lines, values) { #expect(String(line) == v!.description) }
    }

    @Test func aFailedRunLeavesTheOldFileAndNoTemporaryFile() throws {
        let dir = try TemporaryDirectory()
        let target = try dir.file("out.csv", "old contents\n")
        var options = CSVOptions()
        options.textQualifier = nil
        let writer = try CSVWriter(path: target, columns: [CSVColumn("s", .wstr)], options: options)
        #expect(dir.entries.count == 2)  // the temporary file beside the old one
        try writer.write(ColumnBatch([("s", Column(["fine"] as [String?]))]))
        let e = sluiceError { try writer.write(ColumnBatch([("s", Column(["needs, quotes"] as [String?]))])) }
        #expect(e?.message == .csvWriteFailed)
        #expect(dir.entries == ["out.csv"])
        #expect(String(decoding: try dir.contents("out.csv"), as: UTF8.self) == "old contents\n")
        #expect(sluiceError { try writer.finish() }?.message == .csvWriteFailed)
    }

    @Test func anAbandonedWriterLeavesNothingBehind() throws {
        let dir = try TemporaryDirectory()
        do {
            let writer = try CSVWriter(path: dir.path + "/new.csv", columns: [CSVColumn("n", .i4)])
            try writer.write(ColumnBatch([("n", Column([1, 2] as [Int32?]))]))
        }  // dropped without finish()
        #expect(dir.entries.isEmpty)
    }

    @Test func aBatchOfTheWrongShapeIsRefused() throws {
        let dir = try TemporaryDirectory()
        let writer = try CSVWriter(path: dir.path + "/o.csv", columns: [CSVColumn("n", .i4)])
        let e = sluiceError { try writer.write(ColumnBatch([("n", Column([1] as [Int64?]))])) }
        #expect(e?.message == .csvColumnMismatch)
        writer.abandon()
    }
}

import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVMoreTypesTests {
    let columns = [
        CSVColumn("a", .i1), CSVColumn("b", .i2), CSVColumn("c", .ui1), CSVColumn("d", .ui2), CSVColumn("e", .ui4),
        CSVColumn("f", .ui8), CSVColumn("g", .r4), CSVColumn("h", .dbTimestamp), CSVColumn("i", .date),
    ]

    @Test func narrowAndUnsignedIntegersRealsAndTimestampsReadAndWriteBack() throws {
        let dir = try TemporaryDirectory()
        let text = """
            a,b,c,d,e,f,g,h,i
            -128,-32768,255,65535,4294967295,18446744073709551615,0.1,2024-02-29 23:59:58.123456,2024-01-02T03:04:05
            127,32767,0,0,0,0,-1.5e3,1970-01-01 00:00:00,1969-12-31
            ,,,,,,,,

            """
        let path = try dir.file("in.csv", text)
        let (batches, values) = try readAll(path, columns)
        #expect(batches.count == 1)
        #expect(values[0] == [.int(-128), .int(127), .null])
        #expect(values[5][0] == .uint(UInt64.max))
        #expect(values[6][0] == .real(Double(Float(0.1))))
        let micros = Int64(FieldParsers.daysFromCivil(2024, 2, 29)) * 86_400_000_000 + (86_398 * 1_000_000) + 123_456
        #expect(batches[0].columns[7].values(as: Int64.self)[0] == micros)
        #expect(batches[0].columns[8].values(as: Int64.self)[1] == -86_400_000_000)
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: columns)
        try writer.write(batches[0])
        try writer.finish()
        let written = String(decoding: try dir.contents("out.csv"), as: UTF8.self)
        #expect(written == """
            a,b,c,d,e,f,g,h,i
            -128,-32768,255,65535,4294967295,18446744073709551615,0.1,2024-02-29 23:59:58.123456,2024-01-02 03:04:05
            127,32767,0,0,0,0,-1500.0,1970-01-01 00:00:00,1969-12-31 00:00:00
            ,,,,,,,,

            """)
    }

    @Test func outOfRangeAndMalformedValuesOfTheNewTypesAreRefused() throws {
        let dir = try TemporaryDirectory()
        for (type, bad) in [
            (DataType.i1, "128"), (.i2, "-32769"), (.ui1, "256"), (.ui1, "-1"), (.ui4, "4294967296"), (.ui8, "18446744073709551616"),
            (.r4, "1e39"), (.dbTimestamp, "2024-02-30 00:00:00"), (.dbTimestamp, "2024-01-01 24:00:00"), (.dbTimestamp, "2024-01-01 10:00:00.1234567890"),
            (.dbTimestamp, "2024-01-01x10:00"), (.date, "2024-01-01 10:60"),
        ] {
            let path = try dir.file("bad.csv", "x\n\(bad)\n")
            let e = sluiceError { _ = try readAll(path, [CSVColumn("x", type)]) }
            #expect(e?.message == .csvValueInvalid, "\(type.rawValue) \(bad)")
            #expect(e?.inserts["line"] == "2" && e?.inserts["column"] == "x")
        }
    }

    @Test func timestampsTakeMinutesOnlyAndUpToNineFractionDigits() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "t\n2000-01-01 10:30\n2000-01-01 10:30:00.123456789\n2000-01-01\n")
        let (batches, _) = try readAll(path, [CSVColumn("t", .dbTimestamp)])
        let day = Int64(FieldParsers.daysFromCivil(2000, 1, 1)) * 86_400_000_000
        #expect(batches[0].columns[0].values(as: Int64.self).map { $0 - day } == [37_800_000_000, 37_800_123_456, 0])
    }
}

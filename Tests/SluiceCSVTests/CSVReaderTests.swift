import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVReaderTests {
    static let everyType = [
        CSVColumn("i4", .i4), CSVColumn("i8", .i8), CSVColumn("r8", .r8), CSVColumn("dec", .numeric, scale: 2),
        CSVColumn("day", .dbDate), CSVColumn("flag", .bool), CSVColumn("text", .wstr),
    ]

    @Test func readsEveryTypeWithBOMCRLFQuotesAndNulls() throws {
        let dir = try TemporaryDirectory()
        let text = "i4,i8,r8,dec,day,flag,text\r\n"
            + "1,-9223372036854775808,1.5,12.345,1992-01-02,true,\"a, \"\"quoted\"\"\r\nvalue\"\r\n"
            + ",,,,,,\r\n"
            + "-2147483648,42,\"-0.25\",-0.005,2000-02-29,0,plain\r\n"
            + "\r\n"  // an empty line is not a row
            + "7,8,1e300,99999999999999999999999999999999999.99,9999-12-31,FALSE,\"\"\r\n"
        let path = try dir.file("t.csv", [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let (batches, v) = try readAll(path, Self.everyType)
        #expect(batches.count == 1 && batches[0].length == 4)
        #expect(v[0] == [.int(1), .null, .int(-2_147_483_648), .int(7)])
        #expect(v[1] == [.int(Int64.min), .null, .int(42), .int(8)])
        #expect(v[2] == [.real(1.5), .null, .real(-0.25), .real(1e300)])
        #expect(v[3] == [.decimal(Decimal(string: "12.35")!), .null, .decimal(Decimal(string: "-0.01")!),
                         .decimal(Decimal(string: "99999999999999999999999999999999999.99")!)])
        #expect(v[4][0] == .date(Date(timeIntervalSince1970: 8036 * 86_400)))
        #expect(v[4][1] == .null)
        #expect(v[5] == [.bool(true), .null, .bool(false), .bool(false)])
        #expect(v[6] == [.string("a, \"quoted\"\r\nvalue"), .null, .string("plain"), .string("")])
        #expect(batches[0].columns[3].decimalScale == 2)
    }

    @Test func emptyStringIsNullIsConfigurable() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "a,b\n,\n")
        var options = CSVOptions()
        options.emptyStringIsNull = false
        let (_, v) = try readAll(path, [CSVColumn("a", .wstr), CSVColumn("b", .i4)], options)
        #expect(v[0] == [.string("")])
        #expect(v[1] == [.null])
    }

    @Test func readsWithoutHeaderOtherDelimiterNoQualifierAndNoFinalNewline() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "1;\"x\n2;y")
        var options = CSVOptions()
        options.hasHeaderRow = false
        options.delimiter = UInt8(ascii: ";")
        options.textQualifier = nil
        let (_, v) = try readAll(path, [CSVColumn("n", .i8), CSVColumn("s", .str)], options)
        #expect(v[0] == [.int(1), .int(2)])
        #expect(v[1] == [.string("\"x"), .string("y")])
    }

    /// A pipe or FIFO cannot pread: it is read in order, every row kept, across many buffers.
    @Test func readsAFIFOInOrder() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/fifo.csv"
        #expect(mkfifo(path, 0o600) == 0)
        let rows = 20_000
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: path) else { return }
            handle.write(Data(("n,s\n" + (0..<rows).map { "\($0),\"row \($0)\"\n" }.joined()).utf8))
            try? handle.close()
        }
        writer.start()
        var options = CSVOptions()
        options.readBufferBytes = 4096
        let (_, v) = try readAll(path, [CSVColumn("n", .i8), CSVColumn("s", .wstr)], options)
        #expect(v[0] == (0..<rows).map { .int(Int64($0)) })
        #expect(v[1].last == .string("row \(rows - 1)"))
    }

    @Test func theParallelReaderRefusesAFIFO() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/fifo.csv"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: SluiceError.self) { _ = try ParallelCSVReader(path: path, columns: [CSVColumn("n", .i8)], workers: 2) }
    }

    @Test func splitsIntoBatchesOfTheConfiguredRowCount() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "n\n" + (0..<25).map { "\($0)\n" }.joined())
        var options = CSVOptions()
        options.batchRows = 10
        let (batches, v) = try readAll(path, [CSVColumn("n", .i4)], options)
        #expect(batches.map(\.length) == [10, 10, 5])
        #expect(v[0] == (0..<25).map { .int(Int64($0)) })
    }

    @Test func parsesDoublesExactlyAsTheStandardLibrary() throws {
        var rng = SystemRandomNumberGenerator()
        var texts = ["0", "-0.0", "1e-7", "123456789012345678901234567890", "0.1", "2.5E+3", "9007199254740993", ".5", "5."]
        for _ in 0..<2000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            texts.append("\(v)")
            texts.append(String(Int.random(in: -99_999_999...99_999_999)) + "." + String(Int.random(in: 0...9999)))
        }
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "x\n" + texts.map { $0 + "\n" }.joined())
        let (_, v) = try readAll(path, [CSVColumn("x", .r8)])
        for (i, t) in texts.enumerated() { #expect(v[0][i] == .real(Double(t)!), "\(t)") }
    }

    @Test func readsAFileMuchLargerThanItsBufferWithFieldsAcrossBoundaries() throws {
        let dir = try TemporaryDirectory()
        var expectedText: [String] = []
        var body = "id,note,price\n"
        for i in 0..<20_000 {
            let note = i % 7 == 0 ? "has \"quotes\", commas,\nand newlines \(i)" : String(repeating: "é", count: i % 150)
            expectedText.append(note)
            let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            body += "\(i),\(quoted),\(i).\(i % 100)\(i % 3 == 0 ? "\r" : "")\n"
        }
        body += "20000,\"" + String(repeating: "long,", count: 5000) + "\",1\n"  // a row longer than the buffer
        expectedText.append(String(repeating: "long,", count: 5000))
        let path = try dir.file("big.csv", body)
        var options = CSVOptions()
        options.readBufferBytes = 4096
        options.batchRows = 777
        let (batches, v) = try readAll(path, [CSVColumn("id", .i4), CSVColumn("note", .wstr), CSVColumn("price", .r8)], options)
        #expect(batches.count == (20_001 + 776) / 777)
        #expect(v[0] == (0...20_000).map { .int(Int64($0)) })
        #expect(v[1] == expectedText.map { .string($0) })
        #expect(v[2].prefix(3) == [.real(0), .real(1.1), .real(2.2)])
    }
}

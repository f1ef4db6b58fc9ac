import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVCodePageTests {
    /// One byte of each code page and the character it is (from Python's codecs, which the
    /// generated tables follow: `python3 scripts/gen-codepages.py --check`).
    static let samples: [(Int, UInt8, String)] = [
        (1252, 0x80, "€"), (1252, 0x9F, "Ÿ"), (28591, 0xA4, "¤"), (28591, 0xE9, "é"), (1250, 0x8A, "Š"), (1250, 0xF8, "ř"),
        (1251, 0xC0, "А"), (1251, 0xFF, "я"), (437, 0xB0, "░"), (437, 0xE1, "ß"), (850, 0x9B, "ø"), (850, 0xD5, "ı"),
        (28605, 0xA4, "€"), (28605, 0xBD, "œ"),
    ]

    @Test func eachCodePageReadsItsBytesAsTheRightCharacters() throws {
        let dir = try TemporaryDirectory()
        for (page, byte, expected) in Self.samples {
            let path = try dir.file("in.csv", Array("s,n\n".utf8) + [UInt8(ascii: "x"), byte, UInt8(ascii: "y")] + Array(",1\n".utf8))
            var options = CSVOptions()
            options.codePage = page
            let (_, values) = try readAll(path, [CSVColumn("s", .wstr), CSVColumn("n", .i4)], options)
            #expect(values[0] == [.string("x\(expected)y")], "code page \(page) byte \(byte)")
        }
    }

    @Test func everyDefinedByteRoundTripsThroughReaderAndWriter() throws {
        let dir = try TemporaryDirectory()
        for page in CSVCodePages.supported where page != CSVCodePages.utf8 {
            let upper = try #require(CodePageTables.upperHalf(page))
            // Printable ASCII plus every defined upper byte, in one quoted field per row of 16.
            let defined = (0x20..<0x7F).map { UInt8($0) }.filter { $0 != UInt8(ascii: "\"") }
                + (0x80...0xFF).map { UInt8($0) }.filter { upper[Int($0) - 128] != 0xFFFD }
            var bytes = Array("s\n".utf8)
            for start in stride(from: 0, to: defined.count, by: 16) {
                bytes += [UInt8(ascii: "\"")] + defined[start..<min(start + 16, defined.count)] + Array("\"\n".utf8)
            }
            var options = CSVOptions()
            options.codePage = page
            let path = try dir.file("in-\(page).csv", bytes)
            let reader = try CSVReader(path: path, columns: [CSVColumn("s", .wstr)], options: options)
            let writer = try CSVWriter(path: dir.path + "/out-\(page).csv", columns: [CSVColumn("s", .wstr)], options: options)
            while let b = try reader.nextBatch() { try writer.write(b) }
            try writer.finish()
            // The writer quotes only where needed: compare field by field, unquoted.
            let written = try dir.contents("out-\(page).csv").split(separator: 10).map { Array($0.filter { $0 != UInt8(ascii: "\"") }) }
            let original = bytes.split(separator: 10).map { Array($0.filter { $0 != UInt8(ascii: "\"") }) }
            #expect(written == original, "code page \(page)")
        }
    }

    @Test func aCharacterTheCodePageLacksNamesLineColumnAndCharacter() throws {
        let dir = try TemporaryDirectory()
        var options = CSVOptions()
        options.codePage = 28591
        let writer = try CSVWriter(path: dir.path + "/out.csv", columns: [CSVColumn("id", .i4), CSVColumn("s", .wstr)], options: options)
        let batch = try ColumnBatch([("id", Column([Int32(1), 2])), ("s", Column(["café", "5 €"]))])
        let e = sluiceError { try writer.write(batch) }
        #expect(e?.message == .csvCharacterNotInCodePage)
        #expect(e?.inserts["line"] == "3" && e?.inserts["column"] == "s" && e?.inserts["codePage"] == "28591")
        #expect(e?.inserts["character"] == "U+20AC '€'")
        #expect(dir.entries.isEmpty)  // the temporary file is gone
        let ascii = sluiceError {
            var o = CSVOptions()
            o.codePage = 20127
            _ = try CSVWriter(path: dir.path + "/h.csv", columns: [CSVColumn("naïve", .i4)], options: o)
        }
        #expect(ascii?.message == .csvCharacterNotInCodePage && ascii?.inserts["line"] == "1" && ascii?.inserts["column"] == "naïve")
    }

    @Test func undefinedBytesReadAsReplacementAndUnsupportedCodePagesAreRefused() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", Array("s\n".utf8) + [0x81, 0xE9, 10])
        var options = CSVOptions()
        options.codePage = 20127
        let (_, values) = try readAll(path, [CSVColumn("s", .wstr)], options)
        #expect(values[0] == [.string("\u{FFFD}\u{FFFD}")])
        options.codePage = 1200
        let e = sluiceError { _ = try CSVReader(path: path, columns: [CSVColumn("s", .wstr)], options: options) }
        #expect(e?.message == .csvCodePageUnsupported && e?.inserts["codePage"] == "1200")
        options.codePage = 1252
        #expect(sluiceError { _ = try ParallelCSVReader(path: path, columns: [CSVColumn("s", .wstr)], options: options, workers: 2) }?.message == .csvOptionsInvalid)
    }

    @Test func aFileLargerThanTheBufferTranscodesAcrossChunks() throws {
        let dir = try TemporaryDirectory()
        var bytes = Array("s,n\n".utf8)
        for i in 0..<2000 { bytes += [0xE9, 0xE8, 0x80] + Array(",\(i)\n".utf8) }
        let path = try dir.file("in.csv", bytes)
        var options = CSVOptions()
        options.codePage = 1252
        options.readBufferBytes = 64
        options.batchRows = 333
        let (_, values) = try readAll(path, [CSVColumn("s", .wstr), CSVColumn("n", .i4)], options)
        #expect(values[0].count == 2000 && values[0].allSatisfy { $0 == .string("éè€") })
        #expect(values[1].last == .int(1999))
    }
}

import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVColumnInferenceTests {
    @Test func eachColumnTakesTheNarrowestTypeEverySampleValueFits() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", """
            flag,small,big,real,day,text,empty,"quoted, name"
            true,1,3000000000,1.5,2024-01-31,a,,1
            0,-2,4,2,2024-02-29,"b,c",,x
            ,,,,,,,

            """)
        let columns = try CSVColumnInference.infer(path: path, options: CSVOptions())
        #expect(columns.map(\.name) == ["flag", "small", "big", "real", "day", "text", "empty", "quoted, name"])
        #expect(columns.map(\.dataType) == [.bool, .i4, .i8, .r8, .dbDate, .wstr, .wstr, .wstr])
        // The inferred columns read the whole file.
        let (_, values) = try readAll(path, columns)
        #expect(values[2] == [.int(3_000_000_000), .int(4), .null])
    }

    @Test func onlyTheSampleIsLookedAtAndNamesAreNumberedWithoutAHeader() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "1;x\n2;y\nlate;z\n")
        var options = CSVOptions()
        options.hasHeaderRow = false
        options.delimiter = UInt8(ascii: ";")
        let sampled = try CSVColumnInference.infer(path: path, options: options, sampleRows: 2)
        #expect(sampled.map(\.name) == ["Column 0", "Column 1"])
        #expect(sampled.map(\.dataType) == [.i4, .wstr])
        #expect(try CSVColumnInference.infer(path: path, options: options).map(\.dataType) == [.wstr, .wstr])
    }

    @Test func aHeaderOnlyFileGivesTextColumnsAndBadFilesGiveCodedErrors() throws {
        let dir = try TemporaryDirectory()
        #expect(try CSVColumnInference.infer(path: try dir.file("h.csv", "a,b\n"), options: CSVOptions()).map(\.dataType) == [.wstr, .wstr])
        let empty = sluiceError { _ = try CSVColumnInference.infer(path: try dir.file("e.csv", ""), options: CSVOptions()) }
        #expect(empty?.message == .csvInferenceFailed && empty?.inserts["file"]?.hasSuffix("e.csv") == true)
        let twice = sluiceError { _ = try CSVColumnInference.infer(path: try dir.file("t.csv", "a,a\n1,2\n"), options: CSVOptions()) }
        #expect(twice?.message == .csvInferenceFailed)
        let ragged = sluiceError { _ = try CSVColumnInference.infer(path: try dir.file("r.csv", "a,b\n1,2\n3\n"), options: CSVOptions()) }
        #expect(ragged?.message == .csvRaggedRow && ragged?.inserts["line"] == "3")
        let missing = sluiceError { _ = try CSVColumnInference.infer(path: dir.path + "/none.csv", options: CSVOptions()) }
        #expect(missing?.message == .csvFileNotFound)
    }

    @Test func aFirstRowOfMoreThan4096FieldsIsRefusedBeforeAnythingIsSized() throws {
        let dir = try TemporaryDirectory()
        let atCap = String(repeating: ",", count: CSVColumnInference.maximumColumns - 1)
        var options = CSVOptions()
        options.hasHeaderRow = false
        let columns = try CSVColumnInference.infer(path: try dir.file("cap.csv", atCap + "\n"), options: options)
        #expect(columns.count == 4096)
        // A million commas: refused while the first row is counted, not at a 20 GB allocation.
        let wide = try dir.file("wide.csv", String(repeating: ",", count: 1_000_000) + "\n1\n")
        let error = sluiceError { _ = try CSVColumnInference.infer(path: wide, options: CSVOptions()) }
        #expect(error?.message == .csvInferenceFailed)
        #expect(error?.inserts["reason"]?.contains("4096") == true)
    }
}

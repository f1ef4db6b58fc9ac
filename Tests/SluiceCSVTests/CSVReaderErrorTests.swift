import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVReaderErrorTests {
    let columns = [CSVColumn("id", .i4), CSVColumn("day", .dbDate), CSVColumn("note", .wstr)]

    func failure(_ bytes: [UInt8], _ options: CSVOptions = CSVOptions()) throws -> SluiceError? {
        let dir = try TemporaryDirectory()
        let path = try dir.file("bad.csv", bytes)
        return sluiceError { _ = try readAll(path, columns, options) }
    }

    func failure(_ text: String) throws -> SluiceError? { try failure(Array(text.utf8)) }

    @Test func aMissingFileIsReportedWithItsPath() {
        let e = sluiceError { _ = try CSVReader(path: "/nonexistent/x.csv", columns: columns) }
        #expect(e?.message == .csvFileNotFound)
        #expect(e?.inserts["file"] == "/nonexistent/x.csv")
    }

    @Test func aRaggedRowNamesItsLineAndFieldCount() throws {
        let short = try failure("id,day,note\n1,2020-01-01,a\n2,2020-01-02\n")
        #expect(short?.message == .csvRaggedRow)
        #expect(short?.inserts["line"] == "3" && short?.inserts["count"] == "2" && short?.inserts["expected"] == "3")
        #expect(short?.inserts["file"]?.hasSuffix("bad.csv") == true)
        let long = try failure("id,day,note\n1,2020-01-01,\"a\nb\"\n2,2020-01-02,x,y\n")
        #expect(long?.message == .csvRaggedRow)
        #expect(long?.inserts["line"] == "4" && long?.inserts["count"] == "4")
    }

    @Test func aBadNumberNamesLineColumnAndValue() throws {
        let e = try failure("id,day,note\n1,2020-01-01,a\n\n12x,2020-01-01,b\n")
        #expect(e?.message == .csvValueInvalid)
        #expect(e?.inserts["line"] == "4" && e?.inserts["column"] == "id" && e?.inserts["value"] == "12x")
        let overflow = try failure("id,day,note\n2147483648,2020-01-01,a\n")
        #expect(overflow?.message == .csvValueInvalid && overflow?.inserts["type"] == "DT_I4")
    }

    @Test func aBadDateNamesLineAndColumn() throws {
        let e = try failure("id,day,note\n1,\"x\ny\",a\n2,2021-02-29,b\n")
        // the quoted date fails first, on line 2
        #expect(e?.message == .csvValueInvalid && e?.inserts["line"] == "2" && e?.inserts["column"] == "day")
        let leap = try failure("id,day,note\n2,2021-02-29,b\n")
        #expect(leap?.message == .csvValueInvalid && leap?.inserts["value"] == "2021-02-29")
    }

    @Test func anUnterminatedQuoteAtTheEndOfTheFileNamesTheRowsLine() throws {
        let e = try failure("id,day,note\n1,2020-01-01,a\n2,2020-01-01,\"open\nstill open\n")
        #expect(e?.message == .csvUnterminatedQuote && e?.inserts["line"] == "3")
    }

    @Test func invalidUTF8NamesLineAndColumn() throws {
        let e = try failure(Array("id,day,note\n1,2020-01-01,ok\n2,2020-01-01,bad".utf8) + [0xC3, 0x28] + [10])
        #expect(e?.message == .csvInvalidUTF8 && e?.inserts["line"] == "3" && e?.inserts["column"] == "note")
        let overlong = try failure(Array("id,day,note\n1,2020-01-01,".utf8) + [0xC0, 0xAF, 10])
        #expect(overlong?.message == .csvInvalidUTF8)
    }

    @Test func aLoneQualifierInsideAFieldIsRefused() throws {
        let e = try failure("id,day,note\n1,2020-01-01,\"ab\"c\n")
        #expect(e?.message == .csvStrayQuote && e?.inserts["line"] == "2" && e?.inserts["column"] == "note")
        let unquoted = try failure("id,day,note\n1,2020-01-01,a\"\"b\n")
        #expect(unquoted?.message == .csvStrayQuote)
        let longer = try failure("id,day,note\n1,2020-01-01,abcdefghijklmnop\"\"q\n")
        #expect(longer?.message == .csvStrayQuote)
    }

    @Test func unsupportedTypesAndBadOptionsAreRefusedUpFront() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "a\n")
        #expect(sluiceError { _ = try CSVReader(path: path, columns: [CSVColumn("a", .guid)]) }?.message == .csvOptionsInvalid)
        var options = CSVOptions()
        options.delimiter = 10
        #expect(sluiceError { _ = try CSVReader(path: path, columns: [CSVColumn("a", .i4)], options: options) }?.message == .csvOptionsInvalid)
    }
}

import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

@Suite struct CSVRowDispositionTests {
    /// Every batch with the rows the reader rejected alongside it.
    func read(_ path: String, _ columns: [CSVColumn], _ options: CSVOptions = CSVOptions()) throws -> (values: [[Value]], rejected: [CSVRejectedRow]) {
        let reader = try CSVReader(path: path, columns: columns, options: options)
        var values = Array(repeating: [Value](), count: columns.count)
        var rejected: [CSVRejectedRow] = []
        while let b = try reader.nextBatch() {
            for (k, c) in b.columns.enumerated() { values[k] += c.allValues }
            rejected += reader.rejectedRows
        }
        return (values, rejected)
    }

    @Test func redirectedValuesAreReportedWithLineColumnCodeAndRawText() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "id,day,note\n1,2020-01-01,a\n2x,2020-01-02,b\n3,2020-02-30,\"c,d\"\n4,2020-01-04,e\n")
        let columns = [CSVColumn("id", .i4, onError: .redirect), CSVColumn("day", .dbDate, onError: .redirect), CSVColumn("note", .wstr)]
        let (values, rejected) = try read(path, columns)
        #expect(values[0] == [.int(1), .null, .int(3), .int(4)])  // the batch keeps the row, NULL where it failed
        #expect(rejected.map(\.line) == [3, 4])
        #expect(rejected.map(\.batchRow) == [1, 2])
        #expect(rejected.map(\.column) == [1, 2])
        #expect(rejected.allSatisfy { $0.code == SluiceMessage.csvValueInvalid.code })
        #expect(rejected.map(\.text) == ["2x,2020-01-02,b", "3,2020-02-30,\"c,d\""])
    }

    @Test func aRowFailingInTwoColumnsIsRejectedOnceForTheFirst() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "a,b\nx,y\n1,2\n")
        let (_, rejected) = try read(path, [CSVColumn("a", .i4, onError: .redirect), CSVColumn("b", .i4, onError: .redirect)])
        #expect(rejected.count == 1 && rejected[0].column == 1 && rejected[0].line == 2)
    }

    @Test func ignoredFailuresBecomeNullAndTheReadGoesOn() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "a,b\nx,ok\n5,\"ab\"c\n")
        let (values, rejected) = try read(path, [CSVColumn("a", .i4, onError: .ignore), CSVColumn("b", .wstr, onError: .ignore)])
        #expect(values[0] == [.null, .int(5)])
        #expect(values[1] == [.string("ok"), .null])
        #expect(rejected.isEmpty)
    }

    @Test func textLongerThanTheLengthFailsIsRedirectedOrIsCut() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "s\nabc\nabcd\nñéü\nñéüö\n")
        let fail = sluiceError { _ = try read(path, [CSVColumn("s", .wstr, length: 3)]) }
        #expect(fail?.message == .csvValueTruncated)
        #expect(fail?.inserts["line"] == "3" && fail?.inserts["column"] == "s" && fail?.inserts["count"] == "4" && fail?.inserts["length"] == "3")
        let redirected = try read(path, [CSVColumn("s", .wstr, length: 3, onTruncation: .redirect)])
        #expect(redirected.rejected.map(\.line) == [3, 5])
        #expect(redirected.rejected.allSatisfy { $0.code == SluiceMessage.csvValueTruncated.code })
        let cut = try read(path, [CSVColumn("s", .wstr, length: 3, onTruncation: .ignore)])
        #expect(cut.values[0] == [.string("abc"), .string("abc"), .string("ñéü"), .string("ñéü")])
    }

    @Test func raggedRowsAreRedirectedAsWholeRowErrors() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "a,b\n1,2\n3\n4,5,6\n\"7\n8\",9,10\n11,12\n")
        var options = CSVOptions()
        options.raggedRows = .redirect
        let (values, rejected) = try read(path, [CSVColumn("a", .i4), CSVColumn("b", .i4)], options)
        #expect(values[0] == [.int(1), .int(11)])
        #expect(rejected.map(\.line) == [3, 4, 5])
        #expect(rejected.map(\.column) == [0, 0, 0])
        #expect(rejected.map(\.batchRow) == [nil, nil, nil])
        #expect(rejected.map(\.text) == ["3", "4,5,6", "\"7\n8\",9,10"])
        #expect(rejected.allSatisfy { $0.code == SluiceMessage.csvRaggedRow.code })
    }

    @Test func aFileOfOnlyRaggedRowsIsHandedOutInBoundedEmptyBatches() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "a,b\n" + String(repeating: "1\n", count: 25))
        var options = CSVOptions()
        options.raggedRows = .redirect
        options.batchRows = 10
        let reader = try CSVReader(path: path, columns: [CSVColumn("a", .i4), CSVColumn("b", .i4)], options: options)
        var counts: [Int] = []
        while let b = try reader.nextBatch() {
            #expect(b.length == 0)
            counts.append(reader.rejectedRows.count)
        }
        #expect(counts == [10, 10, 5])
    }

    @Test func raggedRowsCannotBeIgnoredAndTheParallelReaderRefusesRedirects() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("in.csv", "a\n1\n")
        var options = CSVOptions()
        options.raggedRows = .ignore
        #expect(sluiceError { _ = try CSVReader(path: path, columns: [CSVColumn("a", .i4)], options: options) }?.message == .csvOptionsInvalid)
        let e = sluiceError { _ = try ParallelCSVReader(path: path, columns: [CSVColumn("a", .i4, onError: .redirect)], workers: 2) }
        #expect(e?.message == .csvOptionsInvalid)
        #expect(sluiceError { _ = try CSVReader(path: path, columns: [CSVColumn("a", .i4, length: 3)]) }?.message == .csvOptionsInvalid)
    }
}

import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// A batch ends once the raw text of its redirected rows reaches the reader's limit (1 GiB in a
/// real run, so the error output's text column fits its int32 offsets; a few bytes here).
@Suite struct CSVRejectedTextLimitTests {
    /// Each batch's values and rejected rows, read with `limit`.
    func batches(_ path: String, _ columns: [CSVColumn], _ options: CSVOptions, limit: Int) throws -> [(rows: Int, rejected: [CSVRejectedRow])] {
        let reader = try CSVReader(path: path, columns: columns, options: options)
        reader.rejectedTextLimit = limit
        var out: [(rows: Int, rejected: [CSVRejectedRow])] = []
        while let b = try reader.nextBatch() { out.append((b.length, reader.rejectedRows)) }
        return out
    }

    @Test func raggedRowsEndTheBatchOnceTheirTextReachesTheLimit() throws {
        let dir = try TemporaryDirectory()
        let long = String(repeating: "x", count: 40)
        let text = "a,b\n1,2\n\(long)\n3,4\n\(long)\n5,6\n\(long)\n7,8\n"
        let path = try dir.file("in.csv", text)
        var options = CSVOptions()
        options.raggedRows = .redirect
        let columns = [CSVColumn("a", .i4), CSVColumn("b", .i4)]
        let limited = try batches(path, columns, options, limit: 50)
        // 40 bytes stay under 50; the second ragged row reaches it and ends the batch.
        #expect(limited.map(\.rows) == [2, 2])
        #expect(limited.map { $0.rejected.map(\.line) } == [[3, 5], [7]])
        #expect(limited.allSatisfy { b in b.rejected.reduce(0) { $0 + $1.text.utf8.count } < 50 + 41 })
        let unlimited = try batches(path, columns, options, limit: CSVReader.defaultRejectedTextLimit)
        #expect(unlimited.map(\.rows) == [4])
        #expect(unlimited.flatMap(\.rejected) == limited.flatMap(\.rejected))
    }

    @Test func redirectedValuesEndTheBatchAfterTheChunkThatReachesTheLimit() throws {
        let dir = try TemporaryDirectory()
        // A small read buffer makes each chunk a few rows; a bad value's whole row is its text.
        var text = "a,b\n"
        for i in 0..<40 { text += i % 4 == 0 ? "bad\(i),\(String(repeating: "y", count: 20))\n" : "\(i),z\n" }
        let path = try dir.file("in.csv", text)
        var options = CSVOptions()
        options.readBufferBytes = 64
        let columns = [CSVColumn("a", .i4, onError: .redirect), CSVColumn("b", .wstr)]
        let limited = try batches(path, columns, options, limit: 30)
        #expect(limited.count > 1)
        #expect(limited.reduce(0) { $0 + $1.rows } == 40)
        #expect(limited.flatMap(\.rejected).map(\.line) == stride(from: 2, to: 42, by: 4).map { $0 })
        // Every batch but the last stopped at the limit; none passed it by more than one buffer.
        for b in limited.dropLast() { #expect(b.rejected.reduce(0) { $0 + $1.text.utf8.count } >= 30) }
        for b in limited { #expect(b.rejected.reduce(0) { $0 + $1.text.utf8.count } < 30 + 64) }
    }
}

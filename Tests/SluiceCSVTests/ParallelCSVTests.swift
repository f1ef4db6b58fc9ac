import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// The parallel reader and writer against the single-thread ones, on real files and threads.
@Suite struct ParallelCSVTests {
    static let columns = [
        CSVColumn("id", .i8), CSVColumn("note", .wstr), CSVColumn("price", .numeric, scale: 2),
        CSVColumn("day", .dbDate), CSVColumn("flag", .bool), CSVColumn("ratio", .r8),
    ]

    /// Rows whose notes hold the delimiter, doubled qualifiers, newlines, CRLF and (the worst case
    /// for a cut guess) quoted text that looks like whole rows; plus NULLs, empty strings and
    /// empty lines. Deterministic.
    static func trickyFile(rows: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var rng = seed
        func next(_ n: Int) -> Int {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return Int(rng % UInt64(n))
        }
        let notes = [
            "plain", "\"a, b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"crlf\r\ninside\"", "", "\"\"",
            "\"x\n7,looks,1.00,2000-01-01,true,1.5\n8,like rows,2.00,2000-01-02,false,2\n\"",
            "\"\n\n\"", "\"ends with quote \"\"\"", "caf\u{e9}",
        ]
        var text = "\u{FEFF}id,note,price,day,flag,ratio\n"
        for row in 0..<rows {
            if next(20) == 0 { text += "\n" }  // an empty line
            let price = next(10) == 0 ? "" : "\(next(100_000)).\(next(100) / 10)\(next(10))"
            let day = next(10) == 0 ? "" : "199\(next(10))-0\(1 + next(9))-1\(next(10))"
            let flag = ["true", "false", "", "1"][next(4)]
            let ratio = next(8) == 0 ? "" : "\(next(1000)).\(next(1000))e-\(next(3))"
            let end = next(3) == 0 ? "\r\n" : "\n"
            text += "\(row),\(notes[next(notes.count)]),\(price),\(day),\(flag),\(ratio)\(end)"
        }
        if next(2) == 0 { text.removeLast() }  // sometimes no final newline (or a lone CR kept)
        return Array(text.utf8)
    }

    static func sequentialBatches(_ path: String, _ options: CSVOptions) throws -> [ColumnBatch] {
        let reader = try CSVReader(path: path, columns: columns, options: options)
        var batches: [ColumnBatch] = []
        while let b = try reader.nextBatch() { batches.append(b) }
        return batches
    }

    static func parallelBatches(_ path: String, _ options: CSVOptions, workers: Int, morselBytes: Int) throws -> [ColumnBatch] {
        let reader = try ParallelCSVReader(path: path, columns: columns, options: options, workers: workers, morselBytes: morselBytes)
        var batches: [ColumnBatch] = []
        while let b = try reader.nextBatch() { batches.append(b) }
        return batches
    }

    static func expectSame(_ a: [ColumnBatch], _ b: [ColumnBatch], _ note: String) {
        #expect(a.map(\.length) == b.map(\.length), "\(note)")
        for (x, y) in zip(a, b) {
            for k in x.columns.indices {
                #expect(x.columns[k].allValues == y.columns[k].allValues, "\(note) column \(k)")
                #expect(x.columns[k].nullCount == y.columns[k].nullCount, "\(note) column \(k)")
            }
        }
    }

    @Test func readerGivesTheSingleThreadBatchesWithTinyMorselsAndTrickyQuoting() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", Self.trickyFile(rows: 600))
        for batchRows in [1, 7, 64, 10_000] {
            var options = CSVOptions()
            options.batchRows = batchRows
            let expected = try Self.sequentialBatches(path, options)
            #expect(expected.reduce(0) { $0 + $1.length } == 600)
            for (workers, morsel) in [(1, 1), (2, 13), (3, 64), (2, 97), (4, 1000), (2, 1 << 20)] {
                let got = try Self.parallelBatches(path, options, workers: workers, morselBytes: morsel)
                Self.expectSame(got, expected, "batchRows \(batchRows), workers \(workers), morsel \(morsel)")
            }
        }
    }

    @Test func readerCutsSafelyWhenEveryMorselStartsInsideAQuotedField() throws {
        // One field per row spans many lines that each look like a whole row.
        let dir = try TemporaryDirectory()
        let lookalike = (0..<40).map { "\($0),fake,1.00,2000-01-01,true,1.5\n" }.joined()
        let text = "id,note,price,day,flag,ratio\n" + (0..<30).map { "\($0),\"\(lookalike)\",2.50,1999-12-31,false,0.5\n" }.joined()
        let path = try dir.file("t.csv", text)
        var options = CSVOptions()
        options.batchRows = 4
        let expected = try Self.sequentialBatches(path, options)
        #expect(expected.reduce(0) { $0 + $1.length } == 30)
        for morsel in [50, 333, 1024] {
            let reader = try ParallelCSVReader(path: path, columns: Self.columns, options: options, workers: 2, morselBytes: morsel)
            var got: [ColumnBatch] = []
            while let b = try reader.nextBatch() { got.append(b) }
            Self.expectSame(got, expected, "morsel \(morsel)")
            #expect(reader.reparsedMorsels > 0, "the wrong guesses were caught and parsed again")
        }
    }

    @Test func aRowLongerThanTheSpeculativeLimitIsParsedAgainByTheConsumer() throws {
        // readBufferBytes 64 and morsels of 64 B cap a worker's buffer at 256 B: every 2 KB row
        // (and every wrong start inside one) gives up on the worker and is parsed by the consumer.
        let dir = try TemporaryDirectory()
        let long = (0..<60).map { "\($0),fake,1.00,2000-01-01,true,1.5\n" }.joined()
        let text = "id,note,price,day,flag,ratio\n" + (0..<12).map { "\($0),\"\(long)\",2.50,1999-12-31,false,0.5\n" }.joined()
        let path = try dir.file("t.csv", text)
        var options = CSVOptions()
        options.batchRows = 5
        options.readBufferBytes = 64
        let expected = try Self.sequentialBatches(path, options)
        let reader = try ParallelCSVReader(path: path, columns: Self.columns, options: options, workers: 2, morselBytes: 64)
        var got: [ColumnBatch] = []
        while let b = try reader.nextBatch() { got.append(b) }
        Self.expectSame(got, expected, "speculative limit")
        // Whether a worker or the consumer reaches a morsel first depends on the scheduler, so
        // how many speculations were given up is not asserted (it was flaky under load): the
        // rows are, whichever path parsed them.
    }

    @Test func readerErrorsNameTheLineOfTheWholeFile() throws {
        let dir = try TemporaryDirectory()
        var bytes = Self.trickyFile(rows: 400)
        bytes += Array("401,x,not-a-number,2000-01-01,true,1\n".utf8)
        let bad = try dir.file("bad.csv", bytes)
        let ragged = try dir.file("ragged.csv", Self.trickyFile(rows: 300) + Array("\n1,2\n".utf8))
        let open = try dir.file("open.csv", Self.trickyFile(rows: 300) + Array("\n1,\"never closed\n".utf8))
        for path in [bad, ragged, open] {
            let expected = sluiceError { _ = try Self.sequentialBatches(path, CSVOptions()) }
            #expect(expected != nil)
            for (workers, morsel) in [(1, 17), (2, 64), (3, 500)] {
                let got = sluiceError { _ = try Self.parallelBatches(path, CSVOptions(), workers: workers, morselBytes: morsel) }
                #expect(got?.code == expected?.code, "\(path) \(morsel)")
                #expect(got?.inserts == expected?.inserts, "\(path) \(morsel)")
            }
        }
    }

    @Test func readerStopsItsWorkersWhenDroppedEarly() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", Self.trickyFile(rows: 2000))
        var options = CSVOptions()
        options.batchRows = 10
        let reader = try ParallelCSVReader(path: path, columns: Self.columns, options: options, workers: 2, morselBytes: 256)
        #expect(try reader.nextBatch()?.length == 10)
        // Dropped here: deinit cancels the window and joins both threads (the test would hang otherwise).
    }

    @Test func readerRefusesBadWorkerCounts() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", "id\n1\n")
        let e = sluiceError { _ = try ParallelCSVReader(path: path, columns: [CSVColumn("id", .i4)], workers: 0) }
        #expect(e?.name == "SLUICE_E_CSV_OPTIONS_INVALID")
        let missing = sluiceError { _ = try ParallelCSVReader(path: dir.path + "/none.csv", columns: [CSVColumn("id", .i4)], workers: 2) }
        #expect(missing?.name == "SLUICE_E_CSV_FILE_NOT_FOUND")
    }

    @Test func writerWritesTheSingleThreadBytes() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", Self.trickyFile(rows: 700))
        for crlf in [false, true] {
            var options = CSVOptions()
            options.batchRows = 37
            options.writeCRLF = crlf
            let batches = try Self.sequentialBatches(path, options)
            let single = try CSVWriter(path: dir.path + "/single.csv", columns: Self.columns, options: options)
            for b in batches { try single.write(b) }
            try single.finish()
            let expected = try dir.contents("single.csv")
            for (workers, morsel) in [(1, 1), (2, 300), (3, 5000), (2, 1 << 23)] {
                let writer = try ParallelCSVWriter(
                    path: dir.path + "/parallel.csv", columns: Self.columns, options: options, workers: workers, morselBytes: morsel)
                for b in batches { try writer.write(b) }
                try writer.finish()
                #expect(try dir.contents("parallel.csv") == expected, "crlf \(crlf) workers \(workers) morsel \(morsel)")
            }
        }
        #expect(dir.entries == ["parallel.csv", "single.csv", "t.csv"])
    }

    @Test func writerFailureLeavesNoFileBehind() throws {
        let dir = try TemporaryDirectory()
        var options = CSVOptions()
        options.textQualifier = nil
        let columns = [CSVColumn("s", .wstr)]
        let batch = try ColumnBatch([("s", try Column(.wstr, values: (0..<50).map { .string($0 == 42 ? "a,b" : "v\($0)") }))])
        let writer = try ParallelCSVWriter(path: dir.path + "/out.csv", columns: columns, options: options, workers: 2, morselBytes: 64)
        let e = sluiceError {
            for _ in 0..<20 { try writer.write(batch) }
            try writer.finish()
        }
        #expect(e?.name == "SLUICE_E_CSV_WRITE_FAILED")
        #expect(dir.entries.isEmpty)
    }

    @Test func readerFeedsWriterForAnIdenticalCopy() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("t.csv", Self.trickyFile(rows: 900))
        let single = try CSVWriter(path: dir.path + "/a.csv", columns: Self.columns)
        for b in try Self.sequentialBatches(path, CSVOptions()) { try single.write(b) }
        try single.finish()
        let reader = try ParallelCSVReader(path: path, columns: Self.columns, workers: 2, morselBytes: 211)
        let writer = try ParallelCSVWriter(path: dir.path + "/b.csv", columns: Self.columns, workers: 2, morselBytes: 211)
        while let b = try reader.nextBatch() { try writer.write(b) }
        try writer.finish()
        #expect(try dir.contents("a.csv") == dir.contents("b.csv"))
    }
}

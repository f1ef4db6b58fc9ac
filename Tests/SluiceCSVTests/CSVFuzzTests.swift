import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// Random bytes and mutations of a valid file into the readers: never a crash, every failure a
/// SluiceError of the CSV range (703xx).
@Suite struct CSVFuzzTests {
    /// SplitMix64: the same sequence on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let valid = Array(#"""
        id,flag,price,day,when,note
        1,true,1.5,2024-01-02,2024-01-02 03:04:05,plain
        -2,0,2e3,1999-12-31,2024-01-02T03:04,"quoted, with ""qualifiers"""
        3,,,,,"multi
        line"
        4,FALSE,-0.25,2000-02-29,2000-02-29 23:59:59.999999,ñandú

        """#.utf8)
    static let columns = [
        CSVColumn("id", .i4), CSVColumn("flag", .bool), CSVColumn("price", .r8), CSVColumn("day", .dbDate),
        CSVColumn("when", .dbTimestamp), CSVColumn("note", .wstr, length: 8),
    ]
    static let interesting: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), 10, 13, 0, 0xFF, 0xC3, 0x80, UInt8(ascii: "-"), UInt8(ascii: "9")]

    static func mutate(_ r: inout Random) -> [UInt8] {
        var bytes = valid
        switch r.below(4) {
        case 0: bytes = (0..<r.below(300)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
        case 1: bytes = Array(bytes.prefix(r.below(bytes.count + 1)))
        default:
            for _ in 0..<(1 + r.below(6)) {
                guard !bytes.isEmpty else { break }
                let at = r.below(bytes.count)
                let byte = r.below(2) == 0 ? interesting[r.below(interesting.count)] : UInt8(truncatingIfNeeded: r.next())
                switch r.below(3) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
            }
        }
        return bytes
    }

    static func readEverything(_ reader: any CSVBatchReading) throws {
        while let batch = try reader.nextBatch() {
            for column in batch.columns { _ = column.allValues }
        }
    }

    @Test func mutatedFilesGiveRowsOrCSVErrorsNeverACrash() throws {
        let dir = try TemporaryDirectory()
        var r = Random(state: 0x5EED_C5F0)
        var failures = 0
        for i in 0..<3000 {
            let bytes = Self.mutate(&r)
            let path = try dir.file("f\(i % 8).csv", bytes)
            var options = CSVOptions()
            options.readBufferBytes = 64 + r.below(256)
            options.batchRows = 1 + r.below(4)
            options.hasHeaderRow = r.below(4) != 0
            if r.below(3) == 0 {
                options.raggedRows = .redirect
            }
            var columns = Self.columns
            if r.below(3) == 0 {
                for k in columns.indices {
                    columns[k].onError = [.fail, .redirect, .ignore][r.below(3)]
                    columns[k].onTruncation = [.fail, .redirect, .ignore][r.below(3)]
                }
            }
            if r.below(5) == 0 { options.codePage = 1252 }
            let parallel = i % 10 == 0 && options.codePage == CSVCodePages.utf8 && options.raggedRows == .fail
                && !columns.contains { $0.onError == .redirect || $0.onTruncation == .redirect }
            do {
                if parallel {
                    try Self.readEverything(try ParallelCSVReader(path: path, columns: columns, options: options, workers: 2, morselBytes: 32 + r.below(64)))
                } else {
                    try Self.readEverything(try CSVReader(path: path, columns: columns, options: options))
                }
            } catch let e as SluiceError {
                failures += 1
                #expect((70300..<70400).contains(e.code), "\(e) on iteration \(i)")
                #expect(e.inserts["file"] == path, "\(e) on iteration \(i)")
            } catch {
                Issue.record("not a SluiceError on iteration \(i): \(error)")
            }
        }
        #expect(failures > 0 && failures < 3000)  // the mutations reach both outcomes
    }
}

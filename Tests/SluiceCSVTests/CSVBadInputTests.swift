import Foundation
import SluiceCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import SluiceCSV

/// Bad files: each gives a coded error naming the file (and the line and column where there is one).
@Suite struct CSVBadInputTests {
    let columns = [CSVColumn("id", .i4), CSVColumn("when", .dbTimestamp), CSVColumn("note", .wstr)]

    // root reads any file whatever its mode: the case cannot happen there, so it is skipped.
    @Test(.enabled(if: geteuid() != 0, "root reads a file of mode 000"))
    func anUnreadableFileNamesItsPathAndTheReason() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.file("locked.csv", "id,when,note\n1,2024-01-01,a\n")
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let e = sluiceError { _ = try CSVReader(path: path, columns: columns) }
        #expect(e?.message == .csvFileUnreadable && e?.inserts["file"] == path)
        #expect(e?.inserts["reason"]?.isEmpty == false)
    }

    @Test func aDirectoryGivenAsTheFileIsUnreadable() throws {
        let dir = try TemporaryDirectory()
        let e = sluiceError { _ = try readAll(dir.path, columns) }
        #expect(e?.message == .csvFileUnreadable && e?.inserts["file"] == dir.path)
        let inferred = sluiceError { _ = try CSVColumnInference.infer(path: dir.path, options: CSVOptions()) }
        #expect(inferred?.message == .csvFileUnreadable)
    }

    @Test func anEmptyFileOrAHeaderOnlyHasNoRows() throws {
        // As SSIS: a file with no data rows is read as zero rows, whether or not the header is there.
        let dir = try TemporaryDirectory()
        #expect(try readAll(try dir.file("empty.csv", ""), columns).batches.isEmpty)
        #expect(try readAll(try dir.file("header.csv", "id,when,note\n"), columns).batches.isEmpty)
        #expect(try readAll(try dir.file("header-no-newline.csv", "id,when,note"), columns).batches.isEmpty)
    }

    @Test func badTimestampsNameLineAndColumnAndUnterminatedQuotesTheirRow() throws {
        let dir = try TemporaryDirectory()
        let bad = sluiceError { _ = try readAll(try dir.file("a.csv", "id,when,note\n1,2024-01-01 10:00,a\n2,2024-13-01,b\n"), columns) }
        #expect(bad?.message == .csvValueInvalid && bad?.inserts["line"] == "3" && bad?.inserts["column"] == "when")
        let open = sluiceError { _ = try readAll(try dir.file("b.csv", "id,when,note\n1,2024-01-01,a\n2,2024-01-01,\"b\n\n"), columns) }
        #expect(open?.message == .csvUnterminatedQuote && open?.inserts["line"] == "3")
        let utf8 = sluiceError { _ = try readAll(try dir.file("c.csv", Array("id,when,note\n1,2024-01-01,".utf8) + [0xC3, 0x28, 10]), columns) }
        #expect(utf8?.message == .csvInvalidUTF8 && utf8?.inserts["line"] == "2" && utf8?.inserts["column"] == "note")
    }
}

import Foundation
import SluiceArchive
import SluiceCore
import SluiceTestSupport
import Testing

/// Hostile archives, each built byte by byte to break one rule, each refused with its own code
/// and with nothing written: a sentinel file beside the archive (and the names the attacks aim
/// at) are untouched. The attacks are the zip format's known ones: path traversal ("Zip Slip",
/// Snyk 2018), symbolic links, overlapping and lying entries of zip bombs (Fifield, "A better
/// zip bomb", WOOT 2019), and the fields APPNOTE.TXT 6.3.10 defines (4.4.4 general purpose
/// flags, bit 0 encrypted, bit 11 UTF-8; 4.4.5 methods; 4.4.15 external attributes).
@Suite struct HostileArchiveTests {
    struct Attack: CustomTestStringConvertible, Sendable {
        let label: String
        let bytes: @Sendable () -> [UInt8]
        var limits: ArchiveLimits = .standard
        let expected: SluiceMessage
        var testDescription: String { label }
    }

    static func replacing(_ index: Int, _ change: (inout RawZip.Entry) -> Void) -> [UInt8] {
        var entries = ArchiveFixture.entries
        change(&entries[index])
        return RawZip(entries: entries).bytes
    }

    static func adding(_ entry: RawZip.Entry) -> [UInt8] {
        RawZip(entries: ArchiveFixture.entries + [entry]).bytes
    }

    static func named(_ name: [UInt8]) -> [UInt8] {
        adding(.stored(name, ArchiveFixture.packageText("Evil")))
    }

    static let zeros = [UInt8](repeating: 0, count: 1 << 20)
    /// 1 MiB of zeros deflated (about 1 KiB), declaring only `size` bytes.
    static func bomb(_ name: String, declaring size: UInt32) -> RawZip.Entry {
        var entry = RawZip.Entry.deflated(name, zeros)
        entry.size = size
        return entry
    }

    static let small = ArchiveLimits(
        maxArchiveBytes: 64 << 20, maxEntries: 1024, maxEntryBytes: 64 << 10, maxTotalBytes: 96 << 10,
        maxCompressionRatio: 100_000, maxNameBytes: 255)

    static let attacks: [Attack] = [
        Attack(label: "../ climbs out", bytes: { named(Array("../sentinel".utf8)) }, expected: .archiveEntryPathTraversal),
        Attack(label: "a/../../ climbs out", bytes: { named(Array("a/../../sentinel".utf8)) }, expected: .archiveEntryPathTraversal),
        Attack(label: "absolute path", bytes: { named(Array("/tmp/sluice-evil.sluice.json".utf8)) }, expected: .archiveEntryPathAbsolute),
        Attack(label: "backslash", bytes: { named(Array("..\\sentinel".utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "NUL in name", bytes: { named(Array("Evil\0.sluice.json".utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "escape sequence in name", bytes: { named(Array("Evil\u{1B}[2J.sluice.json".utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "not UTF-8", bytes: { named([0xFF, 0xFE] + Array(".sluice.json".utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "empty name", bytes: { named([]) }, expected: .archiveEntryNameInvalid),
        Attack(label: "hidden name", bytes: { named(Array(".Evil.sluice.json".utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "name too long", bytes: { named(Array((String(repeating: "x", count: 250) + ".sluice.json").utf8)) }, expected: .archiveEntryNameInvalid),
        Attack(label: "same name twice", bytes: { adding(.stored("Load.sluice.json", "{}")) }, expected: .archiveEntryDuplicate),
        Attack(label: "case duplicate", bytes: { adding(.stored("LOAD.sluice.json", "{}")) }, expected: .archiveEntryDuplicate),
        Attack(
            label: "Unicode normalization duplicate",
            bytes: { RawZip(entries: ArchiveFixture.entries + [.stored("Caf\u{E9}.sluice.json", "{}"), .stored("Cafe\u{301}.sluice.json", "{}")]).bytes },
            expected: .archiveEntryDuplicate),
        Attack(
            label: "symbolic link",
            bytes: { adding({ var e = RawZip.Entry.stored("Link.sluice.json", "/etc/passwd"); e.externalAttributes = 0o120777 << 16; return e }()) },
            expected: .archiveEntryNotRegular),
        Attack(
            label: "device",
            bytes: { adding({ var e = RawZip.Entry.stored("Dev.sluice.json", ""); e.externalAttributes = 0o020644 << 16; return e }()) },
            expected: .archiveEntryNotRegular),
        Attack(label: "folder entry", bytes: { named(Array("sub/".utf8)) }, expected: .archiveEntryNotRegular),
        Attack(
            label: "MS-DOS folder attribute",
            bytes: { adding({ var e = RawZip.Entry.stored("Dir.sluice.json", ""); e.madeBy = 0x0014; e.externalAttributes = 0x10; return e }()) },
            expected: .archiveEntryNotRegular),
        Attack(label: "nested folder", bytes: { named(Array("sub/Load.sluice.json".utf8)) }, expected: .archiveEntryInFolder),
        Attack(
            label: "too many entries", bytes: { RawZip(entries: ArchiveFixture.entries).bytes },
            limits: { var l = ArchiveLimits.standard; l.maxEntries = 2; return l }(), expected: .archiveTooManyEntries),
        Attack(
            label: "declared entry too large", bytes: { RawZip(entries: ArchiveFixture.entries).bytes },
            limits: { var l = ArchiveLimits.standard; l.maxEntryBytes = 100; return l }(), expected: .archiveEntryTooLarge),
        Attack(
            label: "declared total too large", bytes: { RawZip(entries: ArchiveFixture.entries).bytes },
            limits: { var l = ArchiveLimits.standard; l.maxTotalBytes = 500; return l }(), expected: .archiveContentTooLarge),
        // The bombs below declare 100 bytes and inflate to 1 MiB: the inflated bytes are counted.
        Attack(label: "lying entry size", bytes: { adding(bomb("Bomb.sluice.json", declaring: 100)) }, limits: small, expected: .archiveEntryTooLarge),
        Attack(
            label: "lying sizes past the total",
            bytes: {
                // A is honest (40 KiB); B declares 10 bytes and inflates past what the total leaves.
                var bombs = [RawZip.Entry.deflated("A.sluice.json", [UInt8](repeating: 32, count: 40 << 10))]
                bombs.append(.deflated("B.sluice.json", [UInt8](repeating: 32, count: 60 << 10)))
                bombs[1].size = 10
                return RawZip(entries: ArchiveFixture.entries + bombs).bytes
            },
            limits: small, expected: .archiveContentTooLarge),
        Attack(label: "lying ratio", bytes: { adding(bomb("Bomb.sluice.json", declaring: 100)) }, expected: .archiveCompressionRatio),
        Attack(label: "honest ratio", bytes: { adding(bomb("Bomb.sluice.json", declaring: 1 << 20)) }, expected: .archiveCompressionRatio),
        Attack(
            label: "archive too large", bytes: { RawZip(entries: ArchiveFixture.entries).bytes },
            limits: { var l = ArchiveLimits.standard; l.maxArchiveBytes = 512; return l }(), expected: .archiveTooLarge),
        Attack(label: "encrypted", bytes: { replacing(1) { $0.flags |= 1 } }, expected: .archiveEntryEncrypted),
        Attack(label: "strong encryption", bytes: { replacing(1) { $0.flags |= 0x40 } }, expected: .archiveEntryEncrypted),
        Attack(label: "CRC mismatch", bytes: { replacing(1) { $0.crc ^= 1 } }, expected: .archiveCRCMismatch),
        Attack(label: "bzip2 method", bytes: { replacing(1) { $0.method = 12 } }, expected: .archiveEntryUnsupported),
        Attack(label: "a file the project does not list", bytes: { adding(.stored("notes.txt", "hello")) }, expected: .archiveEntryUnsupported),
        Attack(label: "no project file", bytes: { RawZip(entries: Array(ArchiveFixture.entries.dropFirst())).bytes }, expected: .archiveProjectFileMissing),
        Attack(label: "a listed package missing", bytes: { RawZip(entries: Array(ArchiveFixture.entries.dropLast())).bytes }, expected: .archivePackageMissing),
        Attack(label: "empty file", bytes: { [] }, expected: .archiveCorrupt),
        Attack(label: "not a zip", bytes: { Array(String(repeating: "not a zip ", count: 20).utf8) }, expected: .archiveCorrupt),
        Attack(label: "truncated", bytes: { Array(RawZip(entries: ArchiveFixture.entries).bytes.dropLast(30)) }, expected: .archiveCorrupt),
        Attack(label: "cut in the data", bytes: { Array(RawZip(entries: ArchiveFixture.entries).bytes.prefix(200)) }, expected: .archiveCorrupt),
        Attack(
            label: "entries overlap", bytes: { replacing(2) { $0.offsetOverride = 0; $0.localName = nil } }, expected: .archiveCorrupt),
        Attack(label: "local name differs", bytes: { replacing(1) { $0.localName = Array("Evil.sluice.json".utf8) } }, expected: .archiveCorrupt),
        Attack(label: "local CRC differs", bytes: { replacing(1) { $0.localCRC = 7 } }, expected: .archiveCorrupt),
        Attack(label: "stored size lies", bytes: { replacing(1) { $0.size += 5 } }, expected: .archiveCorrupt),
        Attack(
            label: "garbage deflate data",
            bytes: { replacing(1) { $0.method = 8; $0.data = [0xFF, 0xFF, 0xFF, 0xFF]; $0.compressedSize = 4 } }, expected: .archiveCorrupt),
        Attack(
            label: "deflate stream cut short",
            bytes: {
                var entry = RawZip.Entry.deflated("Load.sluice.json", ArchiveFixture.packageText("Load"))
                entry.data.removeLast(8)
                entry.compressedSize -= 8
                return replacing(1) { $0 = entry }
            },
            expected: .archiveCorrupt),
        Attack(label: "more records declared than present", bytes: { var z = RawZip(entries: ArchiveFixture.entries); z.declaredCount = 4; return z.bytes }, expected: .archiveCorrupt),
    ]

    @Test(arguments: attacks)
    func eachAttackIsRefusedWithItsCodeAndNothingIsWritten(_ attack: Attack) throws {
        let directory = try BuildProducts.temporaryDirectory("hostile")
        let outside = directory.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let sentinel = outside.appendingPathComponent("sentinel")
        try Data("untouched".utf8).write(to: sentinel)
        let archive = outside.appendingPathComponent("work").appendingPathComponent("evil.sluiceproj")
        try FileManager.default.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(attack.bytes()).write(to: archive)
        let before = try ArchiveFixture.listing(outside)

        let error = #expect(throws: SluiceError.self) {
            // Were the archive (wrongly) accepted, extracting would write beside the sentinel.
            _ = try ProjectArchive.read(fromFile: archive.path, limits: attack.limits).extract(under: outside.path)
        }
        #expect(error?.message == attack.expected, "\(error.map { "\($0)" } ?? "accepted")")
        #expect(try ArchiveFixture.listing(outside) == before)
        #expect(try ArchiveFixture.listing(archive.deletingLastPathComponent()) == ["evil.sluiceproj"])
        #expect(try String(contentsOf: sentinel, encoding: .utf8) == "untouched")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/sluice-evil.sluice.json"))
    }

    /// A refused name is shown escaped, so it cannot write control sequences to a terminal.
    @Test func aRefusedNameIsShownWithoutItsControlCharacters() throws {
        let error = #expect(throws: SluiceError.self) { try ProjectArchive.read(Self.named(Array("Evil\u{1B}[2J.sluice.json".utf8))) }
        let text = error.map { "\($0)" } ?? ""
        #expect(text.contains("Evil\\x1B[2J") && !text.contains("\u{1B}"), "\(text)")
    }

    @Test func aFIFOInTheArchivesPlaceIsRefusedNotWaitedOn() throws {
        let directory = try BuildProducts.temporaryDirectory("hostile")
        let fifo = directory.appendingPathComponent("pipe.sluiceproj").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = #expect(throws: SluiceError.self) { try ProjectArchive.read(fromFile: fifo) }
        #expect(error?.message == .archiveUnreadable)
        let missing = #expect(throws: SluiceError.self) { try ProjectArchive.read(fromFile: directory.appendingPathComponent("none.sluiceproj").path) }
        #expect(missing?.message == .archiveNotFound)
    }
}

import Foundation
import SluiceCore
@testable import SluiceRuntime
import SluiceTestSupport
import Testing

/// The checkpoint file as a journal: one checksummed line per record; a torn last record is
/// ignored, a damaged one ends the reading, and nothing is ever misread.
@Suite struct CheckpointJournalTests {
    /// A → B → C → D, where C fails unless `mended`.
    private func package(_ checkpoint: String, mended: Bool = false) -> Package {
        var p = Package(name: "Journal", id: UUID(uuidString: "00000000-0000-4000-8000-00000000CAFE")!)
        p.checkpoint = CheckpointSettings(fileName: checkpoint)
        p.variables = [Variable("User::Mark", type: .wstr, value: .string(""))]
        var c = RuntimeFixture.fail("C")
        c.disabled = mended
        p.executables = [RuntimeFixture.record("A", variable: "User::Mark", value: "A"), RuntimeFixture.record("B"), c, RuntimeFixture.record("D")]
        p.connect("A", to: "B")
        p.connect("B", to: "C")
        p.connect("C", to: "D")
        return p
    }

    /// Runs until C fails; returns the checkpoint's path and lines.
    private func failedRun() throws -> (String, [String]) {
        let path = try BuildProducts.temporaryDirectory("journal").appendingPathComponent("run.ckpt").path
        #expect(try RuntimeFixture().run(package(path)).result == .failure)
        return (path, try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init))
    }

    @Test func eachCompletedExecutableAppendsOneLine() throws {
        let (_, lines) = try failedRun()
        // Header, the state at start, then A and B: the file grows by a line per task.
        #expect(lines.count == 4)
        #expect(lines[2].hasSuffix(#"{"completed": ["\\Package\\A"], "variables": [{"scope": "\\Package", "name": "User::Mark", "type": "DT_WSTR", "value": "A"}]}"#))
        #expect(lines[3].hasSuffix(#"{"completed": ["\\Package\\B"], "variables": []}"#), "B changed nothing")
    }

    @Test func aTornLastRecordIsIgnored() throws {
        let (path, _) = try failedRun()
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: try handle.seekToEnd() - 5)  // B's record loses its end
        try handle.close()
        let f = try RuntimeFixture()
        #expect(f.run(package(path, mended: true)).result == .success)
        #expect(f.log.entries == ["B", "D"], "A stays done; B's record was cut short, so B runs again")
        #expect(f.sink.events(.information).contains { $0.code == SluiceMessage.checkpointTornRecord.code })
    }

    @Test func aDamagedRecordAndEverythingAfterItAreIgnored() throws {
        let (path, lines) = try failedRun()
        var damaged = lines
        damaged[2] = damaged[2].replacingOccurrences(of: "\"A\"}", with: "\"Z\"}")  // the checksum no longer matches
        try (damaged.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let f = try RuntimeFixture()
        let r = f.run(package(path, mended: true))
        #expect(r.result == .success)
        #expect(f.log.entries == ["A", "B", "D"], "A's record is damaged: A and B run again")
        let warning = try #require(f.sink.events(.warning).first { $0.code == SluiceMessage.checkpointDamaged.code })
        #expect(warning.message.contains("line 3") && warning.message.contains("the 1 line(s) after it") && warning.message.contains(path))
        #expect(r.variables["User::Mark"]?.value == .string("A"), "never \"Z\": a damaged record is not read")
    }

    @Test func aRecordWithAGoodChecksumThatIsNotARecordIsRefused() throws {
        let (path, lines) = try failedRun()
        let forged = String(decoding: CheckpointLine.encode(.object(JSONObject([("skip", .array([.string("\\Package\\C")]))]))), as: UTF8.self)
        try (lines.joined(separator: "\n") + "\n" + forged).write(toFile: path, atomically: true, encoding: .utf8)
        let f = try RuntimeFixture()
        #expect(f.run(package(path, mended: true)).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.checkpointInvalid.code])
        #expect(f.log.entries.isEmpty)
    }

    @Test func aCheckpointOfASuccessfulRunThatStayedStartsAfresh() throws {
        let (path, _) = try failedRun()
        let finished = CheckpointLine.encode(.object(JSONObject([("finished", .bool(true))])))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(finished))
        try handle.close()
        let f = try RuntimeFixture()
        #expect(f.run(package(path, mended: true)).result == .success)
        #expect(f.log.entries == ["A", "B", "D"])
        #expect(f.sink.events(.information).contains { $0.code == SluiceMessage.checkpointFinishedBefore.code })
    }

    @Test func aRestartCompactsTheFile() throws {
        let (path, _) = try failedRun()
        _ = try RuntimeFixture().run(package(path))  // fails at C again, having skipped A and B
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2, "the header and one record holding A, B and the variables")
        #expect(lines[1].contains(#""completed": ["\\Package\\A", "\\Package\\B"]"#))
    }

    @Test func linesDecodeOnlyWhenWholeAndUnchanged() throws {
        let record = JSONValue.object(JSONObject([("completed", .array([.string("\\Package\\Line\nbreak")]))]))
        let line = CheckpointLine.encode(record)
        #expect(line.last == UInt8(ascii: "\n") && line.dropLast().allSatisfy { $0 != UInt8(ascii: "\n") }, "one line")
        #expect(CheckpointLine.decode(line.dropLast()) == record)
        for cut in 0..<(line.count - 1) {
            #expect(CheckpointLine.decode(line.prefix(cut)) == nil, "torn at \(cut)")
        }
        for i in 0..<(line.count - 1) {
            var flipped = Array(line.dropLast())
            flipped[i] ^= 0x04
            #expect(CheckpointLine.decode(flipped[...]) == nil, "damaged at \(i)")
        }
    }

    @Test func aSavedOffsetOutOfRangeIsRefusedNotATrap() throws {
        for text in ["0@-9223372036854775808", "0@9223372036854775807", "0@86401", "0@x", "0@1@2"] {
            let json = try JSONParser.parse(Array(#"{"scope":"\\Package","name":"User::V","type":"DT_DBTIMESTAMPOFFSET","value":"\#(text)"}"#.utf8))
            #expect(throws: CheckpointFormatError.self, "\(text)") { try SavedVariable(json: json) }
        }
    }

    @Test func savedValuesReadBackExactly() throws {
        let values: [(DataType, Value)] = [
            (.dbTimestamp, .date(Date(timeIntervalSinceReferenceDate: 812_345_678.123_456_7))),
            (.r8, .real(0.1)), (.r8, .real(-0.0)), (.r8, .real(.infinity)), (.r8, .real(-.infinity)),
            (.dbTimestampOffset, .dateTimeOffset(DateTimeOffset(instant: Date(timeIntervalSinceReferenceDate: 812_345_678.5), offsetSeconds: 19_800))), (.r4, .real(Double(Float(1.1)))),
            (.decimal, .decimal(Decimal(string: "12345678901234567890.123456789")!)), (.ui8, .uint(.max)), (.i8, .int(.min)),
            (.wstr, .string("two\nlines, \"quoted\"")), (.guid, .guid(UUID())), (.bytes, .bytes([0, 255, 16])),
            (.bool, .bool(false)), (.i4, .null),
        ]
        for (type, value) in values {
            let saved = SavedVariable(scope: "\\Package", name: "User::V", type: type, value: value)
            let back = try SavedVariable(json: try JSONParser.parse(Array(JSONWriter.compact(saved.json).utf8)))
            #expect(back == saved, "\(type) \(value)")
            if case .real(let a) = value, case .real(let b) = back.value { #expect(a.bitPattern == b.bitPattern) }
        }
    }
}

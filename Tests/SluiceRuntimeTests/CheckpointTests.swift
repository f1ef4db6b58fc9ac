import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

@Suite struct CheckpointTests {
    /// A → B → C where B fails unless `mended`; A sets User::Mark.
    private func package(checkpoint: String, usage: CheckpointSettings.Usage = .ifExists, mended: Bool = false) -> Package {
        var p = Package(name: "Restartable", id: UUID(uuidString: "00000000-0000-4000-8000-00000000C0DE")!)
        p.checkpoint = CheckpointSettings(fileName: checkpoint, usage: usage)
        p.variables = [Variable("User::Mark", type: .wstr, value: .string(""))]
        var b = RuntimeFixture.fail("B")
        b.disabled = mended
        p.executables = [RuntimeFixture.record("A", variable: "User::Mark", value: "set by A"), b, RuntimeFixture.record("C")]
        p.connect("A", to: "B")
        p.connect("B", to: "C")
        return p
    }

    @Test func restartSkipsWhatCompletedAndRestoresVariables() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        let first = try RuntimeFixture()
        #expect(first.run(package(checkpoint: file)).result == .failure)
        #expect(first.log.entries == ["A", "B"])
        #expect(FileManager.default.fileExists(atPath: file))

        let fixed = package(checkpoint: file, mended: true)  // the cause of the failure is mended
        let second = try RuntimeFixture()
        let result = second.run(fixed)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(second.log.entries == ["C"], "A completed before and is skipped")
        #expect(result.variables["User::Mark"]?.value == .string("set by A"), "variables come back from the checkpoint")
        #expect(second.sink.events(.information).contains { $0.code == SluiceMessage.checkpointSkipped.code })
        #expect(!FileManager.default.fileExists(atPath: file), "a successful run deletes the checkpoint")
    }

    @Test func usageNeverIgnoresTheFile() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        _ = try RuntimeFixture().run(package(checkpoint: file))
        let fixed = package(checkpoint: file, usage: .never, mended: true)
        let again = try RuntimeFixture()
        #expect(again.run(fixed).result == .success)
        #expect(again.log.entries == ["A", "C"])
    }

    @Test func usageAlwaysNeedsTheFile() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("missing.checkpoint").path
        let f = try RuntimeFixture()
        #expect(f.run(package(checkpoint: file, usage: .always)).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.checkpointMissing.code])
        #expect(f.log.entries.isEmpty)
    }

    @Test func aCheckpointOfAnotherPackageIsRefused() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        _ = try RuntimeFixture().run(package(checkpoint: file))
        var other = package(checkpoint: file)
        other.id = UUID()
        let f = try RuntimeFixture()
        #expect(f.run(other).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.checkpointInvalid.code])
    }
}

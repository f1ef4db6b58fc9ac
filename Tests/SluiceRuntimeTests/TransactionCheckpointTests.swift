import Foundation
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Checkpoints and transacted containers. Microsoft, "Restart Packages by Using Checkpoints"
/// (learn.microsoft.com/sql/integration-services/packages/restart-packages-by-using-checkpoints):
/// a transacted container is atomic, like a Foreach loop; a restart runs it again whole.
@Suite struct TransactionCheckpointTests {
    /// Load (a Sequence of `option`: A → B, B failing unless `mended`) → After.
    private func package(checkpoint: String, option: TransactionOption, mended: Bool = false) -> Package {
        var p = Package(name: "Restartable", id: UUID(uuidString: "00000000-0000-4000-8000-00000000C0DF")!)
        p.checkpoint = CheckpointSettings(fileName: checkpoint, usage: .ifExists)
        var b = RuntimeFixture.fail("B")
        b.disabled = mended
        var load = Executable("Load", kind: .sequence)
        load.transactionOption = option
        load.executables = [RuntimeFixture.record("A"), b]
        load.connect("A", to: "B")
        p.executables = [load, RuntimeFixture.record("After")]
        p.connect("Load", to: "After")
        return p
    }

    private func restart(_ option: TransactionOption) throws -> [String] {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        let first = try RuntimeFixture()
        #expect(first.run(package(checkpoint: file, option: option)).result == .failure)
        #expect(first.log.entries == ["A", "B"])
        let second = try RuntimeFixture()
        let result = second.run(package(checkpoint: file, option: option, mended: true))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        return second.log.entries
    }

    @Test func aRestartRunsATransactedContainerAgainWhole() throws {
        #expect(try restart(.required) == ["A", "After"], "A's work was rolled back with the container: it runs again")
    }

    @Test func aRestartSkipsWhatCompletedInAContainerWithoutTransaction() throws {
        #expect(try restart(.supported) == ["After"])
    }
}

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

    @Test func aReadOnlyVariableNeitherIsSavedNorBlocksARestart() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        var p = package(checkpoint: file)
        p.variables.append(Variable("User::Fixed", type: .i4, value: .int(7), readOnly: true))
        #expect(try RuntimeFixture().run(p).result == .failure)
        #expect(try !String(contentsOfFile: file, encoding: .utf8).contains("User::Fixed"), "it cannot change: not saved")

        var fixed = package(checkpoint: file, mended: true)
        fixed.variables.append(Variable("User::Fixed", type: .i4, value: .int(7), readOnly: true))
        let f = try RuntimeFixture()
        let r = f.run(fixed)
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(f.log.entries == ["C"])
        #expect(r.variables["User::Mark"]?.value == .string("set by A"))
    }

    @Test func aVariableMadeReadOnlySinceTheCheckpointKeepsItsDeclaredValue() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        var p = package(checkpoint: file)
        p.variables.append(Variable("User::Limit", type: .i4, value: .int(1)))
        #expect(try RuntimeFixture().run(p).result == .failure)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("User::Limit"))

        var fixed = package(checkpoint: file, mended: true)
        fixed.variables.append(Variable("User::Limit", type: .i4, value: .int(5), readOnly: true))
        let r = try RuntimeFixture().run(fixed)
        #expect(r.result == .success, "\(r.errors.map(\.message))")
        #expect(r.variables["User::Limit"]?.value == .int(5))
    }

    @Test func variablesOfContainersComeBackToo() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        func make(mended: Bool) -> Package {
            var p = Package(name: "Scoped", id: UUID(uuidString: "00000000-0000-4000-8000-0000000005C0")!)
            p.checkpoint = CheckpointSettings(fileName: file)
            var seq = Executable("Stage", kind: .sequence)
            seq.variables = [Variable("User::Inner", type: .wstr, value: .string("declared"))]
            var b = RuntimeFixture.fail("B")
            b.disabled = mended
            var c = RuntimeFixture.record("C")
            c.propertyExpressions = ["label": "@[User::Inner]"]
            seq.executables = [RuntimeFixture.record("A", variable: "User::Inner", value: "set by A"), b, c]
            seq.connect("A", to: "B")
            seq.connect("B", to: "C")
            p.executables = [seq]
            return p
        }
        #expect(try RuntimeFixture().run(make(mended: false)).result == .failure)
        let f = try RuntimeFixture()
        #expect(f.run(make(mended: true)).result == .success)
        #expect(f.log.entries == ["set by A"], "A is skipped, and C sees the value A gave the container's variable")
    }

    @Test func aVariableThatCannotBeRestoredNamesTheFile() throws {
        let file = try BuildProducts.temporaryDirectory("ckpt").appendingPathComponent("run.checkpoint").path
        #expect(try RuntimeFixture().run(package(checkpoint: file)).result == .failure)
        var changed = package(checkpoint: file, mended: true)
        changed.variables = [Variable("User::Mark", type: .i4, value: .int(0))]  // "set by A" is no DT_I4
        let f = try RuntimeFixture()
        let r = f.run(changed)
        #expect(r.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.checkpointInvalid.code])
        #expect(r.errors.first?.message.contains(file) == true && r.errors.first?.message.contains("User::Mark") == true)
        #expect(f.log.entries.isEmpty)
    }
}

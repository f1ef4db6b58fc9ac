import SluiceCore
import SluiceRuntime
import Testing

@Suite struct PrecedenceConstraintTests {
    @Test func chainRunsInConstraintOrder() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Chain")
        p.executables = ["C", "A", "B"].map { RuntimeFixture.record($0) }
        p.connect("A", to: "B")
        p.connect("B", to: "C")
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(f.log.entries == ["A", "B", "C"])
    }

    @Test func failureConstraintRunsOnlyAfterAFailure() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "OnFailure")
        p.root.maximumErrorCount = 0  // keep the package alive to look at the paths
        p.executables = [RuntimeFixture.fail("A"), RuntimeFixture.record("OnFail"), RuntimeFixture.record("OnSuccess"),
                         RuntimeFixture.record("Always")]
        p.connect("A", to: "OnFail", on: .failure)
        p.connect("A", to: "OnSuccess", on: .success)
        p.connect("A", to: "Always", on: .completion)
        let result = f.run(p)
        #expect(Set(f.log.entries) == ["A", "OnFail", "Always"])
        #expect(result.executableResults["\\Package\\A"] == .failure)
        #expect(result.executableResults["\\Package\\OnSuccess"] == nil)
    }

    @Test func skippedExecutablesSkipTheirSuccessorsToo() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Skip")
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.record("B"), RuntimeFixture.record("C")]
        p.connect("A", to: "B", on: .failure)
        p.connect("B", to: "C")
        #expect(f.run(p).result == .success)
        #expect(f.log.entries == ["A"])
    }

    @Test func logicalAndWaitsForEveryPredecessor() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "And")
        p.root.maximumErrorCount = 0
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.fail("B"), RuntimeFixture.record("Join")]
        p.connect("A", to: "Join")
        p.connect("B", to: "Join")
        _ = f.run(p)
        #expect(!f.log.entries.contains("Join"))
    }

    @Test func logicalOrRunsWhenAnyPredecessorHolds() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Or")
        p.root.maximumErrorCount = 0
        p.executables = [RuntimeFixture.record("A"), RuntimeFixture.fail("B"), RuntimeFixture.record("Join")]
        p.connect("A", to: "Join", logicalAnd: false)
        p.connect("B", to: "Join", logicalAnd: false)
        _ = f.run(p)
        #expect(f.log.entries.filter { $0 == "Join" }.count == 1)
    }

    @Test func disabledExecutableCountsAsSuccessForItsSuccessors() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Disabled")
        var a = RuntimeFixture.record("A")
        a.disabled = true
        p.executables = [a, RuntimeFixture.record("B")]
        p.connect("A", to: "B")
        #expect(f.run(p).result == .success)
        #expect(f.log.entries == ["B"])
    }
}

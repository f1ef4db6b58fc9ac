import SluiceCore
import SluiceRuntime
import Testing

/// Shapes that once broke the scheduler: a failure at the head of a very long chain (skipping
/// successors recursed and overflowed the stack) and wide joins (re-checked every constraint
/// into the join after each predecessor finished). Their cost is measured in sluice-bench; here
/// the results are checked.
@Suite struct SchedulerShapeTests {
    @Test func failureAtTheHeadOfALongChainSkipsEverySuccessor() throws {
        let f = try RuntimeFixture()
        let n = 60_000  // the recursive version overflowed at ~15,000 in a debug build
        var p = Package(name: "LongChain")
        p.root.maximumErrorCount = 0
        p.executables = [RuntimeFixture.fail("Head")] + (1..<n).map { RuntimeFixture.record("T\($0)") }
        p.constraints = (1..<n).map { PrecedenceConstraint(from: $0 == 1 ? "Head" : "T\($0 - 1)", to: "T\($0)") }
        let result = f.run(p)
        #expect(result.result == .success)  // maximumErrorCount 0: the failure alone does not fail the package
        #expect(f.log.entries == ["Head"])  // the failing task logs its own run
        #expect(result.executableResults["\\Package\\Head"] == .failure)
        #expect(result.executableResults["\\Package\\T\(n - 1)"] == nil)
    }

    @Test func wideAndJoinRunsOnceAfterEveryPredecessor() throws {
        let f = try RuntimeFixture()
        let k = 2_000
        var p = Package(name: "FanIn")
        p.executables = (0..<k).map { RuntimeFixture.record("P\($0)") } + [RuntimeFixture.record("Join")]
        p.constraints = (0..<k).map { PrecedenceConstraint(from: "P\($0)", to: "Join") }
        #expect(f.run(p).result == .success)
        #expect(f.log.entries.count == k + 1)
        #expect(f.log.entries.last == "Join")
    }

    @Test func andJoinIsSkippedByOneFailureAmongMany() throws {
        let f = try RuntimeFixture()
        let k = 500
        var p = Package(name: "FanInFailure")
        p.root.maximumErrorCount = 0
        p.executables = (0..<k).map { $0 == 250 ? RuntimeFixture.fail("P\($0)") : RuntimeFixture.record("P\($0)") }
            + [RuntimeFixture.record("Join"), RuntimeFixture.record("After")]
        p.constraints = (0..<k).map { PrecedenceConstraint(from: "P\($0)", to: "Join") }
            + [PrecedenceConstraint(from: "Join", to: "After", value: .completion)]
        _ = f.run(p)
        #expect(f.log.entries.count == k)  // every predecessor ran, the failing one included
        #expect(!f.log.entries.contains("Join"))
        #expect(!f.log.entries.contains("After"))  // a skipped join skips its successors, Completion ones too
    }

    @Test func orJoinRunsOnceWhenOnlyTheLastPredecessorHolds() throws {
        let f = try RuntimeFixture()
        let k = 300
        var p = Package(name: "OrJoin")
        p.root.maximumErrorCount = 0
        // Every predecessor succeeds; only the last one's constraint (on Success) can hold.
        p.executables = (0..<k).map { RuntimeFixture.record("P\($0)") } + [RuntimeFixture.record("Join")]
        p.constraints = (0..<k).map {
            PrecedenceConstraint(from: "P\($0)", to: "Join", value: $0 == k - 1 ? .success : .failure, logicalAnd: false)
        }
        _ = f.run(p)
        #expect(f.log.entries.filter { $0 == "Join" }.count == 1)
    }

    @Test func orJoinIsSkippedWhenNoConstraintHolds() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "OrNone")
        p.executables = (0..<50).map { RuntimeFixture.record("P\($0)") } + [RuntimeFixture.record("Join")]
        p.constraints = (0..<50).map { PrecedenceConstraint(from: "P\($0)", to: "Join", value: .failure, logicalAnd: false) }
        #expect(f.run(p).result == .success)
        #expect(!f.log.entries.contains("Join"))
        #expect(f.log.entries.count == 50)
    }

    /// Each constraint's expression is evaluated once, when its predecessor finishes: an OR
    /// join of k used to re-evaluate every finished constraint after each predecessor
    /// (k(k+1)/2 evaluations, and as many errors when the expression fails).
    @Test func eachConstraintExpressionIsEvaluatedOnce() throws {
        let f = try RuntimeFixture()
        let k = 5
        var p = Package(name: "OnceEach")
        p.root.maximumErrorCount = 0
        p.variables = [Variable("User::Zero", type: .i4, value: .int(0))]
        p.executables = (0..<k).map { RuntimeFixture.record("P\($0)") } + [RuntimeFixture.record("Join")]
        p.constraints = (0..<k).map {
            PrecedenceConstraint(
                from: "P\($0)", to: "Join", evaluation: .expression, expression: "1 / @[User::Zero] == 1", logicalAnd: false)
        }
        _ = f.run(p)
        #expect(!f.log.entries.contains("Join"))
        #expect(f.errorCodes.filter { $0 == SluiceMessage.expressionDivideByZero.code }.count == k, "\(f.errorCodes)")
    }

    @Test func fanOutRunsEverySuccessorOnce() throws {
        let f = try RuntimeFixture()
        let k = 2_000
        var p = Package(name: "FanOut")
        p.executables = [RuntimeFixture.record("Root")] + (0..<k).map { RuntimeFixture.record("S\($0)") }
        p.constraints = (0..<k).map { PrecedenceConstraint(from: "Root", to: "S\($0)") }
        #expect(f.run(p).result == .success)
        #expect(f.log.entries.first == "Root")
        #expect(Set(f.log.entries).count == k + 1)
        #expect(f.log.entries.count == k + 1)
    }
}

/// Nesting as deep as the file format allows runs, with parallel branches at every level (so
/// helper threads, whose stacks are smaller than the main thread's, run nested containers too).
@Suite struct DeepNestingTests {
    static func nested(_ depth: Int) -> Package {
        var inner = Executable("Level\(depth)", kind: .sequence)
        inner.executables = [RuntimeFixture.record("Leaf")]
        for level in stride(from: depth - 1, through: 1, by: -1) {
            var outer = Executable("Level\(level)", kind: .sequence)
            outer.executables = [RuntimeFixture.record("Side\(level)"), inner]  // no constraint: both ready at once
            inner = outer
        }
        var p = Package(name: "Nested")
        p.executables = [inner]
        return p
    }

    @Test func theDeepestLoadablePackageRuns() throws {
        let f = try RuntimeFixture()
        // Find the deepest nesting the file format accepts, then run what was loaded.
        var depth = 300
        var loaded: Package?
        while loaded == nil && depth > 0 {
            let data = Array(PackageFile.encode(Self.nested(depth)).utf8)
            loaded = try? PackageFile.decode(data)
            if loaded == nil { depth -= 10 }
        }
        let package = try #require(loaded)
        #expect(depth >= 200)
        let result = f.run(package)
        #expect(result.result == .success)
        #expect(f.log.entries.count == depth)  // one Side per level but the last, plus the Leaf
        #expect(f.log.entries.contains("Leaf"))
    }
}

import Foundation
import SluiceCore
import SluiceRegistry
@testable import SluiceRuntime
import SluiceTestSupport
import Testing

/// Expressions are compiled once, at validation, and bound to the slots of the variables they
/// read and set; what a run then evaluates is those compiled forms. Also: strings cannot grow
/// without bound through expressions or variables.
@Suite struct CompiledExpressionReuseTests {
    static func loop(_ iterations: Int, _ body: [Executable]) -> Executable {
        var loop = Executable(
            "Loop",
            kind: .forLoop(ForLoopSpecification(
                init: "@[User::I] = 0", eval: "@[User::I] < \(iterations)", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = body
        return loop
    }

    static func expressionTask(_ name: String, _ expression: String) -> Executable {
        .task(name, component: "sluice.expression", properties: [("expression", .string(expression))])
    }

    // MARK: - Compiled once

    @Test func aTaskExpressionIsCompiledOnceAndReused() throws {
        var p = Package(name: "Cache")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        let run = try Run(package: p, registry: ComponentRegistry(), options: RunOptions())
        let cache = TaskExpressionCache()
        var compiled = 0
        func expression(_ text: String) throws -> TaskExpression {
            try cache.expression(text) {
                compiled += 1
                return ScopeEnvironment(run: run, node: run.root)
            }
        }
        for _ in 0..<5 {
            guard case .assignment(let a) = try expression("@[User::N] = @[User::N] + 1") else {
                Issue.record("an assignment compiles as one")
                return
            }
            try a.perform()
        }
        #expect(compiled == 1)
        #expect(try run.root.scope.read("User::N").value == .int(5))
        // Bounded: past its capacity the oldest text goes, and is compiled again when it returns.
        for i in 0..<TaskExpressionCache.capacity { _ = try expression("@[User::N] + \(i)") }
        #expect(compiled == 1 + TaskExpressionCache.capacity)
        _ = try expression("@[User::N] = @[User::N] + 1")
        #expect(compiled == 2 + TaskExpressionCache.capacity)
        // A text that does not compile is not kept: it fails each time.
        for _ in 0..<2 { #expect(throws: SluiceError.self) { try expression("@[User::Missing] + 1") } }
        #expect(compiled == 4 + TaskExpressionCache.capacity)
    }

    @Test func anExpressionTaskInALoopSeesEachIterationsValues() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Loop")
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::Total", type: .i8, value: .int(0))]
        var delayed = Self.expressionTask("Delayed", "@[User::Total] = @[User::Total] + 1000")
        delayed.delayValidation = true
        p.executables = [Self.loop(100, [Self.expressionTask("Add", "@[User::Total] = @[User::Total] + @[User::I]"), delayed])]
        p.executables[0].connect("Add", to: "Delayed")
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(4_950 + 100_000))
    }

    @Test func anExpressionWhoseTextAPropertyExpressionChangesIsCompiledAnew() throws {
        // The Expression task's text itself changes every iteration: the compiled form kept for
        // one text must never be used for another.
        let f = try RuntimeFixture()
        var p = Package(name: "Rewritten")
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::Total", type: .i8, value: .int(0))]
        var task = Self.expressionTask("Add", "@[User::Total] = 0")
        task.propertyExpressions = ["expression": "\"@[User::Total] = @[User::Total] + \" + (DT_WSTR, 12)(@[User::I] * 10)"]
        p.executables = [Self.loop(20, [task])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Total"]?.value == .int(1_900))
    }

    @Test func anExpressionConstraintReadsTheValueAtTheTimeItIsEvaluated() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Late")
        p.variables = [Variable("User::Count", type: .i4, value: .int(0))]
        p.executables = [
            .task("Set", component: "sluice.setVariable", properties: [("variable", "User::Count"), ("value", "12")]),
            RuntimeFixture.record("Big"), RuntimeFixture.record("Small"),
        ]
        p.constraints = [
            PrecedenceConstraint(from: "Set", to: "Big", evaluation: .expressionAndConstraint, expression: "@[User::Count] > 10"),
            PrecedenceConstraint(from: "Set", to: "Small", evaluation: .expressionAndConstraint, expression: "@Count <= 10"),
        ]
        #expect(f.run(p).result == .success)
        #expect(f.log.entries == ["Big"])
    }

    @Test func anInnerDeclarationBindsTheExpressionsInsideIt() throws {
        // Slots are resolved at compile time, innermost first: the Expression task inside the
        // container sets the container's User::N, the For Loop outside reads the package's.
        let f = try RuntimeFixture()
        var p = Package(name: "Shadow")
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::N", type: .i4, value: .int(7))]
        var inner = Executable("Inner", kind: .sequence)
        inner.variables = [Variable("User::N", type: .i4, value: .int(0))]
        inner.executables = [Self.expressionTask("Bump", "@N = @N + 1")]
        p.executables = [Self.loop(3, [inner])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::N"]?.value == .int(7))
        // The container's variable keeps its value from one iteration to the next, as in SSIS.
        let changes = f.sink.events(.information).filter { $0.source.name == "Bump" }.map(\.message)
        #expect(changes == ["@N = @N + 1 → 1", "@N = @N + 1 → 2", "@N = @N + 1 → 3"])
    }

    @Test func parallelBranchesReadAndWriteTheirOwnVariablesWithoutInterference() throws {
        // Four loops at once, each adding into its own variable and reading a shared one that
        // a fifth loop keeps rewriting: every sum must come out exact.
        let f = try RuntimeFixture()
        var p = Package(name: "Parallel")
        p.maxConcurrentExecutables = 5
        p.variables = [Variable("User::Shared", type: .wstr, value: .string("ab"))]
        var loops: [Executable] = []
        for b in 0..<4 {
            var loop = Executable(
                "Loop\(b)",
                kind: .forLoop(ForLoopSpecification(
                    init: "@[User::I\(b)] = 0", eval: "@[User::I\(b)] < 500", assign: "@[User::I\(b)] = @[User::I\(b)] + 1")))
            loop.variables = [Variable("User::I\(b)", type: .i4, value: .int(0)), Variable("User::Sum\(b)", type: .i8, value: .int(0))]
            loop.executables = [Self.expressionTask("Add\(b)", "@[User::Sum\(b)] = @[User::Sum\(b)] + @[User::I\(b)] + LEN(@[User::Shared]) - 2")]
            loops.append(loop)
        }
        var writer = Executable(
            "Writer", kind: .forLoop(ForLoopSpecification(init: "@[User::W] = 0", eval: "@[User::W] < 500", assign: "@[User::W] = @[User::W] + 1")))
        writer.variables = [Variable("User::W", type: .i4, value: .int(0))]
        writer.executables = [Self.expressionTask("Flip", "@[User::Shared] = @[User::W] % 2 == 0 ? \"ba\" : \"ab\"")]
        p.executables = loops + [writer]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        let sums = f.sink.events(.information).filter { $0.source.name.hasPrefix("Add") }.count
        #expect(sums == 2_000)
        for b in 0..<4 {
            let last = f.sink.events(.information).last { $0.source.name == "Add\(b)" }?.message
            #expect(last?.hasSuffix("→ \(499 * 500 / 2)") == true, "\(last ?? "none")")
        }
    }

    // MARK: - Strings cannot grow without bound

    @Test func aLoopThatDoublesAStringStopsAtTheLimitWithACodedError() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Doubling")
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::S", type: .wstr, value: .string("x"))]
        p.executables = [Self.loop(64, [Self.expressionTask("Double", "@[User::S] = @[User::S] + @[User::S]")])]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes.first == SluiceMessage.expressionStringTooLong.code, "\(result.errors.map(\.message))")
        // 2^26 characters is the last doubling within 100,000,000; the 27th fails and ends the loop.
        guard case .string(let s) = result.variables["User::S"]?.value else {
            Issue.record("User::S is not a string")
            return
        }
        #expect(s.utf8.count == 1 << 26)
        #expect(result.variables["User::I"]?.value == .int(26))
        // The task's information events show the start of the value, not all of it.
        let shown = f.sink.events(.information).filter { $0.source.name == "Double" }.map(\.message.count)
        #expect(shown.count == 26 && shown.allSatisfy { $0 < 400 }, "\(shown)")
    }

    @Test func aVariableRefusesAStringPastTheLimit() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "TooLong")
        p.variables = [Variable("User::S", type: .wstr, value: .string("kept"))]
        p.executables = [RuntimeFixture.record("Write", variable: "User::S", value: String(repeating: "y", count: StringLimit.maximumLength + 1))]
        let result = f.run(p)
        #expect(result.result == .failure)
        #expect(f.errorCodes == [SluiceMessage.variableValueTooLong.code])
        #expect(result.variables["User::S"]?.value == .string("kept"))
    }
}

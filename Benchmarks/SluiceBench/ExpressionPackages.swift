import SluiceCore

/// Packages that time expressions where a run really evaluates them: through `PackageRunner`,
/// the runtime's variable scopes and the stock Expression task, not a fixed test environment.
extension BenchPackages {
    /// The constraint expression of the scalar expression benchmark, here on real variables.
    static let constraintExpression = "@[User::Count] > 10 && @[User::Name] != \"x\""

    /// A For Loop of `iterations` iterations (`@[User::I]` from 0 while below `iterations`),
    /// whose body is one stock Expression task adding the counter to `User::Total`, or nothing.
    static func forLoop(iterations: Int, withExpressionTask: Bool) -> Package {
        var p = Package(name: withExpressionTask ? "LoopWithExpression" : "EmptyLoop")
        p.variables = [Variable("User::I", type: .i4, value: .int(0)), Variable("User::Total", type: .i8, value: .int(0))]
        var loop = Executable(
            "Loop",
            kind: .forLoop(ForLoopSpecification(
                init: "@[User::I] = 0", eval: "@[User::I] < \(iterations)", assign: "@[User::I] = @[User::I] + 1")))
        if withExpressionTask {
            loop.executables = [
                .task("Add", component: "sluice.expression", properties: [("expression", "@[User::Total] = @[User::Total] + @[User::I]")])
            ]
        }
        p.executables = [loop]
        return p
    }

    /// The sum the loop's Expression task leaves in `User::Total`.
    static func forLoopTotal(iterations: Int) -> Int64 { Int64(iterations) * Int64(iterations - 1) / 2 }

    /// Tasks in the chain of ``constraintLoop(iterations:expressions:)``.
    static let constraintChainLength = 10

    /// A For Loop of `iterations` iterations whose body is a chain of no-op tasks; with
    /// `expressions`, every constraint of the chain is Expression-and-Constraint with
    /// ``constraintExpression`` (true throughout), so each iteration evaluates it
    /// `constraintChainLength - 1` times.
    static func constraintLoop(iterations: Int, expressions: Bool) -> Package {
        var p = Package(name: expressions ? "ExpressionConstraints" : "PlainConstraints")
        p.variables = [
            Variable("User::I", type: .i4, value: .int(0)), Variable("User::Count", type: .i4, value: .int(42)),
            Variable("User::Name", type: .wstr, value: .string("Sluice")),
        ]
        var loop = Executable(
            "Loop",
            kind: .forLoop(ForLoopSpecification(
                init: "@[User::I] = 0", eval: "@[User::I] < \(iterations)", assign: "@[User::I] = @[User::I] + 1")))
        loop.executables = (0..<constraintChainLength).map { .task("T\($0)", component: noop) }
        loop.constraints = (1..<constraintChainLength).map {
            expressions
                ? PrecedenceConstraint(from: "T\($0 - 1)", to: "T\($0)", evaluation: .expressionAndConstraint, expression: constraintExpression)
                : PrecedenceConstraint(from: "T\($0 - 1)", to: "T\($0)")
        }
        p.executables = [loop]
        return p
    }
}

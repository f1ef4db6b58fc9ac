// Expression benchmarks: the cost of one scalar evaluation of a compiled constraint, and batch
// evaluation of a numeric expression over a million rows against a hand-written Swift loop over
// the same Arrow buffers. Called from main.swift:
//
//     for row in expressionBenchmarkRows(quick: quick) { print(row.name, row.value, row.unit) }
//
// Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceExpressions

/// Runs the expression benchmarks and returns one row per figure (best of several repetitions).
/// - Parameter quick: a tenth of the work (a smoke run; not the published figures).
func expressionBenchmarkRows(quick: Bool = false) -> [(name: String, value: Double, unit: String)] {
    let scalar = scalarConstraintNanoseconds(evaluations: quick ? 200_000 : 2_000_000)
    let batch = batchVersusHandLoop(rows: quick ? 100_000 : 1_000_000, reps: quick ? 3 : 9)
    return [
        ("expr-scalar-constraint", scalar, "ns/eval"),
        ("expr-batch-a*(1-b)", batch.batch * 1e3, "ms/1M rows"),
        ("expr-handloop-a*(1-b)", batch.hand * 1e3, "ms/1M rows"),
        ("expr-batch/handloop", batch.batch / batch.hand, "x"),
    ].map { row in
        // Per million rows whatever the size run, so quick and full runs compare.
        row.2 == "ms/1M rows" ? (row.0, row.1 * (quick ? 10 : 1), row.2) : row
    }
}

/// (a) `@[User::Count] > 10 && @[User::Name] != "x"` compiled once, with its variables bound
/// through a fixed environment, evaluated `evaluations` times: nanoseconds per evaluation.
private func scalarConstraintNanoseconds(evaluations: Int) -> Double {
    let environment = FixedEnvironment(variables: [
        "User::Count": TypedValue(.i4, .int(42)), "User::Name": TypedValue(.wstr, .string("Sluice")),
    ])
    let expression: CompiledExpression
    do {
        expression = try CompiledExpression("@[User::Count] > 10 && @[User::Name] != \"x\"", environment: environment)
    } catch {
        fatalError("expression benchmark: \(error)")
    }
    var trues = 0
    let best = expressionBenchBest(reps: 5) {
        for _ in 0..<evaluations where (try? expression.evaluate()) == .bool(true) { trues += 1 }
    }
    precondition(trues == evaluations * 6, "the constraint should hold on every evaluation")
    return best * 1e9 / Double(evaluations)
}

/// (b) `a * (1 - b)` over `rows` DT_R8 rows: the batch evaluator, and a hand-written loop over
/// the same buffers writing a freshly allocated buffer (as the evaluator writes a fresh column).
/// Seconds, best of `reps`.
private func batchVersusHandLoop(rows: Int, reps: Int) -> (batch: Double, hand: Double) {
    var generator = SystemRandomNumberGenerator()
    let a = Column((0..<rows).map { _ in Double.random(in: 0..<1, using: &generator) } as [Double?])
    let b = Column((0..<rows).map { _ in Double.random(in: 0..<1, using: &generator) } as [Double?])
    let batch: ColumnBatch
    let expression: BatchExpression
    do {
        batch = try ColumnBatch([("a", a), ("b", b)])
        expression = try BatchExpression("a * (1 - b)", schema: ["a": .r8, "b": .r8])
    } catch {
        fatalError("expression benchmark: \(error)")
    }
    precondition(expression.isFullyVectorized, "a * (1 - b) should run vectorized")

    var result: Column?
    let batchTime = expressionBenchBest(reps: reps) { result = try? expression.evaluate(batch) }
    var hand: ColumnBuffer?
    let handTime = expressionBenchBest(reps: reps) {
        let out = ColumnBuffer(byteCount: rows * 8, zeroed: false)
        let r = out.bytes.bindMemory(to: Double.self, capacity: rows)
        a.withValues(as: Double.self) { x in
            b.withValues(as: Double.self) { y in
                for i in 0..<rows { r[i] = x[i] * (1 - y[i]) }
            }
        }
        hand = out
    }
    // The two must agree, bit for bit.
    guard let result, let hand else { fatalError("expression benchmark: no result") }
    result.withValues(as: Double.self) { values in
        let expected = hand.typed(Double.self, count: rows)
        precondition(values.elementsEqual(expected) { $0.bitPattern == $1.bitPattern }, "batch and hand loop disagree")
    }
    return (batchTime, handTime)
}

/// The fastest of `reps` timed runs of `body`, after one warm-up run, in seconds.
private func expressionBenchBest(reps: Int, _ body: () -> Void) -> Double {
    body()
    let clock = ContinuousClock()
    var best = Double.infinity
    for _ in 0..<reps {
        let d = clock.measure(body)
        best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    return best
}

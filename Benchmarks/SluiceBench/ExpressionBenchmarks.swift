// Expression benchmarks: the cost of one scalar evaluation of a compiled constraint, and batch
// evaluation of a numeric expression over a million rows against a hand-written Swift loop over
// the same Arrow buffers (medians of interleaved runs into pre-faulted memory). Called from main.swift:
//
//     for row in expressionBenchmarkRows(quick: quick) { print(row.name, row.value, row.unit) }
//
// Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceExpressions

/// Runs the expression benchmarks and returns one row per figure.
/// - Parameter quick: a tenth of the work (a smoke run; not the published figures).
func expressionBenchmarkRows(quick: Bool = false) -> [(name: String, value: Double, unit: String)] {
    let scalar = scalarConstraintNanoseconds(evaluations: quick ? 200_000 : 2_000_000)
    let batch = batchVersusHandLoop(rows: quick ? 100_000 : 1_000_000, reps: quick ? 5 : 21)
    return [
        ("expr-scalar-constraint", scalar, "ns/eval"),
        ("expr-batch-a*(1-b)", batch.batch * 1e3, "ms/1M rows"),
        ("expr-handloop-a*(1-b)", batch.hand * 1e3, "ms/1M rows"),
        ("expr-batch/handloop", batch.batch / batch.hand, "x"),
        ("expr-batch-fresh-column-a*(1-b)", batch.fresh * 1e3, "ms/1M rows"),
        ("expr-batch-fresh-column/handloop", batch.fresh / batch.hand, "x"),
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

/// (b) `a * (1 - b)` over `rows` DT_R8 rows: the batch evaluator against a hand-written loop
/// over the same input buffers. Fair to both: each writes into memory allocated and touched
/// before timing (the hand loop into one pre-faulted buffer, the evaluator into the buffers it
/// keeps in ``BatchExpression/ResultBuffers``), both warmed up, each timed alone, their
/// repetitions interleaved (which one goes first alternates), and the median taken. A third
/// figure times the evaluator making a fresh column each time, as `evaluate(_:)` does.
/// Seconds per evaluation (medians).
private func batchVersusHandLoop(rows: Int, reps: Int) -> (batch: Double, hand: Double, fresh: Double) {
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

    let hand = ColumnBuffer(byteCount: rows * 8, zeroed: true)  // zeroed: every page touched now
    let handLoop = {
        let r = hand.bytes.bindMemory(to: Double.self, capacity: rows)
        a.withValues(as: Double.self) { x in
            b.withValues(as: Double.self) { y in
                for i in 0..<rows { r[i] = x[i] * (1 - y[i]) }
            }
        }
    }
    let buffers = BatchExpression.ResultBuffers()
    // The result is released before the next evaluation, so the buffers are reused.
    let batchRun = { _ = try? expression.evaluate(batch, reusing: buffers) }
    let freshRun = { _ = try? expression.evaluate(batch) }
    for _ in 0..<3 {
        handLoop()
        batchRun()
        freshRun()
    }
    var handTimes: [Double] = [], batchTimes: [Double] = [], freshTimes: [Double] = []
    for rep in 0..<reps {
        if rep % 2 == 0 {
            handTimes.append(expressionBenchTime(handLoop))
            batchTimes.append(expressionBenchTime(batchRun))
        } else {
            batchTimes.append(expressionBenchTime(batchRun))
            handTimes.append(expressionBenchTime(handLoop))
        }
        freshTimes.append(expressionBenchTime(freshRun))
    }
    // The two must agree, bit for bit.
    guard let result = try? expression.evaluate(batch, reusing: buffers) else { fatalError("expression benchmark: no result") }
    result.withValues(as: Double.self) { values in
        let expected = hand.typed(Double.self, count: rows)
        precondition(values.elementsEqual(expected) { $0.bitPattern == $1.bitPattern }, "batch and hand loop disagree")
    }
    return (median(batchTimes), median(handTimes), median(freshTimes))
}

private func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Seconds one run of `body` takes.
private func expressionBenchTime(_ body: () -> Void) -> Double {
    let d = ContinuousClock().measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
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

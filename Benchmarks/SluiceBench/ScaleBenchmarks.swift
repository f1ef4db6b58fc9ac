import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// The shapes outside testing used to find non-linear passes: a failure at the head of a long
/// chain, a wide fan-in and fan-out, deep nesting and 200,000 tasks. Each shape runs at `n` and
/// `4n`; the linearity line divides the per-task cost at `4n` by the one at `n` (about 1 when the
/// passes are linear, about 4 when one is quadratic). Nothing is asserted: the figures are printed.

/// Succeeds after raising nothing, or fails: lets a shape start with a failure.
final class FailingTask: TaskComponent {
    static let descriptor = ComponentDescriptor(
        id: "bench.fail", kind: .task, displayName: "Fail", description: "Fails (benchmark task).", version: "1.0.0")
    func validate(in context: any TaskContext) throws {}
    func execute(in context: any TaskContext) throws -> TaskOutcome { .failure }
}

extension BenchPackages {
    /// A failing task followed by a chain of `n` no-op tasks, every one of which is skipped.
    static func failingChain(_ n: Int) -> Package {
        var p = chain(n + 1, name: "FailingChain")
        p.root.maximumErrorCount = 0  // the failure alone does not fail the package
        p.executables[0] = .task("T0", component: FailingTask.descriptor.id)
        return p
    }

    /// `k` no-op tasks all joined (AND, on Success) into one.
    static func fanIn(_ k: Int) -> Package {
        var p = independent(k)
        p.executables.append(.task("Join", component: noop))
        p.constraints = (0..<k).map { PrecedenceConstraint(from: "T\($0)", to: "Join") }
        return p
    }

    /// One no-op task leading to `k` no-op tasks.
    static func fanOut(_ k: Int) -> Package {
        var p = independent(k)
        p.executables.append(.task("Root", component: noop))
        p.constraints = (0..<k).map { PrecedenceConstraint(from: "Root", to: "T\($0)") }
        return p
    }

    /// `depth` Sequence containers, each holding a no-op task and the next container.
    static func nested(_ depth: Int) -> Package {
        var inner = Executable("Level\(depth)", kind: .sequence)
        inner.executables = [.task("T", component: noop)]
        for level in stride(from: depth - 1, through: 1, by: -1) {
            var outer = Executable("Level\(level)", kind: .sequence)
            outer.executables = [.task("T", component: noop), inner]
            outer.constraints = [PrecedenceConstraint(from: "T", to: inner.name)]
            inner = outer
        }
        var p = Package(name: "Nested")
        p.executables = [inner]
        return p
    }
}

/// Runs every scale shape at `n` and `4n`; returns the linearity lines for the report.
@MainActor func runScaleBenchmarks(quick: Bool) -> [String] {
    let shapes: [(id: String, title: String, n: Int, make: (Int) -> Package, tasks: (Int) -> Int, expect: (Int) -> Int)] = [
        ("scale-failing-chain", "failing head, chain of", 50_000, BenchPackages.failingChain, { $0 + 1 }, { _ in 1 }),
        ("scale-fan-in", "fan-in of", 10_000, BenchPackages.fanIn, { $0 + 1 }, { $0 + 1 }),
        ("scale-fan-out", "fan-out to", 10_000, BenchPackages.fanOut, { $0 + 1 }, { $0 + 1 }),
        // Two executables a level; 60 → 240 levels stays under the file format's nesting limit.
        ("scale-nesting", "nesting depth", 60, BenchPackages.nested, { $0 * 2 }, { $0 * 2 }),
        ("scale-chain", "chain of", 50_000, { BenchPackages.chain($0) }, { $0 }, { $0 }),
    ]
    var lines: [String] = []
    for shape in shapes where wanted(shape.id) {
        let small = quick ? max(shape.n / 10, 4) : shape.n
        var perTask: [Double] = []
        for n in [small, small * 4] {
            let package = shape.make(n)
            let title = "(g) \(shape.title) \(n.formatted())"
            log("  \(title) …")
            var samples: [Double] = []
            for rep in 0...min(reps, 3) {
                let (r, s) = timed { runner.run(package, options: RunOptions()) }
                let ran = r.executableResults.count - 1  // minus the package itself
                guard r.result == .success, ran == shape.expect(n) else {
                    abortBench("\(title): result \(r.result.rawValue), \(ran) executables ran, expected \(shape.expect(n))")
                }
                if rep > 0 { samples.append(s) }
            }
            let result = BenchResult(id: "\(shape.id)-\(n)", title: title, tasks: shape.tasks(n), samples: samples)
            perTask.append(result.usPerTaskMedian)
            results.append(result)
        }
        let growth = perTask[1] / perTask[0]
        lines.append("\(shape.id): per-task cost at 4n / at n = \(fmt(growth))\(growth > 2 ? "  NON-LINEAR" : "")")
    }
    return lines
}

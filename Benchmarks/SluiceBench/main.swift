// sluice-bench: the control-flow benchmarks of Sluice.
//
// Measures the host's own cost per task (no-op tasks: everything measured is scheduling,
// events, validation and bookkeeping), and the time to load and validate a large package file.
// Each benchmark runs once to warm up, then `--reps` times; the table shows median and min.
//
//     swift build -c release --product sluice-bench --scratch-path .build-bench
//     .build-bench/release/sluice-bench [--reps 7] [--json] [--json-out FILE] [--quick]
//
// scripts/bench.sh runs it beside the Python peers (Prefect, Airflow, Dask, a plain loop);
// docs/benchmarks.md has the figures and how to read them. Nothing here asserts a time.
import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime

// MARK: - Command line

var reps = 7
var jsonToStdout = false
var jsonPath: String?
var quick = false
var only: [String] = []
var dataFlowOnly = false
var aggregateOnly = false
var graphOnly = false
var joinsOnly = false
var arguments = CommandLine.arguments.dropFirst()
while let arg = arguments.popFirst() {
    switch arg {
    case "--reps":
        guard let n = arguments.popFirst().flatMap(Int.init), n > 0 else { abortBench("--reps needs a positive number") }
        reps = n
    case "--json": jsonToStdout = true
    case "--json-out":
        guard let p = arguments.popFirst() else { abortBench("--json-out needs a file") }
        jsonPath = p
    case "--quick": quick = true
    case "--dataflow": dataFlowOnly = true
    case "--aggregate": aggregateOnly = true
    case "--graph": graphOnly = true
    case "--joins": joinsOnly = true
    case "--only":
        guard let list = arguments.popFirst() else { abortBench("--only needs a list of benchmark ids") }
        only = list.split(separator: ",").map(String.init)
    case "-h", "--help":
        print("""
            usage: sluice-bench [--reps N] [--json] [--json-out FILE] [--quick] [--dataflow] [--aggregate] [--graph] [--only ID,...]
              --reps N         timed repetitions per benchmark after one warm-up (default 7)
              --json           print the results as JSON instead of the table
              --json-out FILE  also write the JSON to FILE
              --quick          one tenth of the sizes (a smoke run; not the published figures)
              --graph          run only the benchmark of sluice graph's DOT writer (50,000 and 200,000 tasks)
              --dataflow       run only the data flow benchmark (Derived Column + Conditional Split), alone
                               in the process so its peak RSS is the flow's
              --aggregate      run only the q1-shaped Aggregate (~6M rows) and Sort (~2M rows) benchmarks
              --joins          run only the Merge Join, Merge and Lookup benchmarks (~2M rows a side)
              --only ID,...    run only the benchmarks whose id contains one of these (for profiling):
                               chain, branches, containers, independent, file, sink, setvariable, scale, checkpoint,
                               forloop, constraints
            """)
        exit(0)
    default: abortBench("unknown argument \(arg) (try --help)")
    }
}

if aggregateOnly {
    print("Aggregate (issue 8): TPC-H q1's shape over generated lineitem-like rows; then Sort, in memory and spilling")
    for row in aggregateBenchmarkRows(quick: quick) + sortBenchmarkRows(quick: quick) {
        print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)")
    }
    exit(0)
}

if joinsOnly {
    print("Merge Join, Merge and Lookup (issue 8): generated sorted rows, 2 M a side")
    for row in joinBenchmarkRows(quick: quick) { print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)") }
    exit(0)
}

if graphOnly {
    print("sluice graph: PackageGraph.dot, median of \(reps) runs")
    for row in graphBenchmarkRows(reps: reps) { print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)") }
    exit(0)
}

if dataFlowOnly {
    print("Data flow (issue 8): lineitem-like rows through Derived Column + Conditional Split + counting destinations")
    for row in dataFlowBenchmarkRows(quick: quick) { print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)") }
    exit(0)
}

/// Sizes from the issue: 10,000-task chain, 100 × 100 branches, 5,000-task file, 1,000 Set Variable tasks.
let scale = quick ? 10 : 1
let chainN = 10_000 / scale
let branchCount = 100 / (quick ? 2 : 1)
let branchLength = 100 / (quick ? 5 : 1)
let fileN = 5_000 / scale
let setVarN = 1_000 / scale

let registry = BenchPackages.makeRegistry()
let runner = PackageRunner(registry: registry)
let machine = MachineInfo()
let defaultConcurrency = ProcessInfo.processInfo.activeProcessorCount + 2
let loadBefore = MachineInfo.loadAverage
var results: [BenchResult] = []

@MainActor func log(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

/// Whether `--only` selects the benchmark `id`.
@MainActor func wanted(_ id: String) -> Bool { only.isEmpty || only.contains { id.contains($0) } }

// MARK: - Checks (outside the timed region)

/// Aborts unless the run succeeded and every executable in it ran and succeeded.
@MainActor func check(_ r: RunResult, _ package: Package, _ what: String) {
    guard r.result == .success else {
        let why = r.errors.first.map { "\($0.source.path): \($0.message)" } ?? "no error event"
        abortBench("\(what): result \(r.result.rawValue), expected Success (\(why))")
    }
    let expected = package.executableCount + 1  // the package itself is recorded too
    guard r.executableResults.count == expected else {
        abortBench("\(what): \(r.executableResults.count) executables ran, expected \(expected)")
    }
    if let bad = r.executableResults.first(where: { $0.value != .success }) {
        abortBench("\(what): \(bad.key) ended \(bad.value.rawValue)")
    }
}

@MainActor func checkValid(_ r: RunResult, _ what: String) {
    guard r.result == .success else {
        let why = r.errors.first.map { "\($0.source.path): \($0.message)" } ?? "no error event"
        abortBench("\(what): validation gave \(r.result.rawValue), expected Success (\(why))")
    }
}

// MARK: - Benchmarks

/// Times `runner.run` of `package` (validation and execution: what a caller pays per task).
@MainActor func benchRun(
    _ id: String, _ title: String, _ package: Package, tasks: Int, note: String = "",
    options: @escaping () -> RunOptions = { RunOptions() }, after: (RunResult) -> Void = { _ in }
) {
    guard wanted(id) else { return }
    log("  \(title) …")
    var samples: [Double] = []
    for rep in 0...reps {
        let opts = options()
        let (r, s) = timed { runner.run(package, options: opts) }
        check(r, package, title)
        after(r)
        if rep > 0 { samples.append(s) }  // rep 0 warms up
    }
    results.append(BenchResult(id: id, title: title, tasks: tasks, samples: samples, note: note))
}

/// Times `runner.validate` of `package` alone.
@MainActor func benchValidate(_ id: String, _ title: String, _ package: Package, tasks: Int) {
    guard wanted(id) else { return }
    log("  \(title) …")
    var samples: [Double] = []
    for rep in 0...reps {
        let (r, s) = timed { runner.validate(package) }
        checkValid(r, title)
        if rep > 0 { samples.append(s) }
    }
    results.append(BenchResult(id: id, title: title, tasks: tasks, samples: samples))
}

/// A row computed as `a − b` (median from the medians, min from the mins) of two timed rows;
/// never timed itself.
@MainActor func derive(_ id: String, _ title: String, _ a: String, minus b: String, note: String) {
    guard let ra = results.first(where: { $0.id == a }), let rb = results.first(where: { $0.id == b }) else { return }
    results.append(BenchResult(
        id: id, title: title, tasks: ra.tasks, derivedMedian: Swift.max(ra.median - rb.median, 0),
        derivedMin: Swift.max(ra.min - rb.min, 0), note: note))
}

log("sluice-bench: \(machine.build) build, \(machine.cpus) CPUs, \(reps) repetitions (+1 warm-up)\(quick ? ", QUICK sizes" : "")")
if machine.build == "debug" { log("warning: a debug build: the figures say nothing about a release build") }

// (a) One chain: every task waits for the one before; no parallelism, no hand-offs.
let chain = BenchPackages.chain(chainN)
benchRun("chain-\(chainN)", "(a) chain of \(chainN.formatted()), run", chain, tasks: chainN)
benchValidate("chain-\(chainN)-validate", "(a) chain of \(chainN.formatted()), validate only", chain, tasks: chainN)
derive(
    "chain-\(chainN)-execute", "(a) chain, execution only (run − validate)", "chain-\(chainN)",
    minus: "chain-\(chainN)-validate", note: "median of run minus median of validate")

// (b) Parallel branches: 100 chains of 100 side by side in one container.
let branches = BenchPackages.branches(branchCount, length: branchLength)
let branchTasks = branchCount * branchLength
benchRun(
    "branches-\(branchCount)x\(branchLength)-default",
    "(b) \(branchCount) branches × \(branchLength), default concurrency (\(defaultConcurrency))", branches, tasks: branchTasks)
for n in [4, 1] {
    benchRun(
        "branches-\(branchCount)x\(branchLength)-max\(n)", "(b) \(branchCount) branches × \(branchLength), max concurrent \(n)",
        branches, tasks: branchTasks, options: { RunOptions(maxConcurrentExecutables: n) })
}
let branchesID = "branches-\(branchCount)x\(branchLength)"
benchValidate("\(branchesID)-validate", "(b) \(branchCount) branches × \(branchLength), validate only", branches, tasks: branchTasks)
for suffix in ["default", "max4", "max1"] {
    derive(
        "\(branchesID)-\(suffix)-execute", "(b) branches, \(suffix == "default" ? "default concurrency" : "max concurrent \(suffix.dropFirst(3))"), execution only",
        "\(branchesID)-\(suffix)", minus: "\(branchesID)-validate", note: "median of run minus median of validate")
}
let containerBranches = BenchPackages.containerBranches(branchCount, length: branchLength)
benchRun(
    "containers-\(branchCount)x\(branchLength)-default",
    "(b') \(branchCount) Sequence containers × \(branchLength), default concurrency", containerBranches, tasks: branchTasks,
    note: "each branch in its own Sequence container")

// (c) No constraints at all: every task is ready at once.
let independent = BenchPackages.independent(chainN)
benchRun("independent-\(chainN)", "(c) \(chainN.formatted()) independent tasks, default concurrency", independent, tasks: chainN)
benchValidate("independent-\(chainN)-validate", "(c) \(chainN.formatted()) independent tasks, validate only", independent, tasks: chainN)
derive(
    "independent-\(chainN)-execute", "(c) independent, execution only", "independent-\(chainN)",
    minus: "independent-\(chainN)-validate", note: "median of run minus median of validate")

// (d) Load and validate a package file.
let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-bench-\(getpid())")
try? FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: tmp) }

@MainActor func benchFile(_ key: String, _ label: String, _ package: Package, tasks: Int) {
    guard wanted("file-\(key)") else { return }
    let path = tmp.appendingPathComponent("\(key).sluice.json").path
    do { try PackageFile.save(package, to: path) } catch { abortBench("cannot save \(path): \(error)") }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    log("  (d) \(label) file, \(bytes / 1024) KiB …")
    var load: [Double] = [], validate: [Double] = [], both: [Double] = []
    for rep in 0...reps {
        let (loaded, l) = timed { () -> Package in
            do { return try PackageFile.load(from: path) } catch { abortBench("cannot load \(path): \(error)") }
        }
        let (r, v) = timed { runner.validate(loaded) }
        checkValid(r, "\(label) file")
        guard loaded == package else { abortBench("\(label): the loaded package differs from the saved one") }
        if rep > 0 {
            load.append(l)
            validate.append(v)
            both.append(l + v)
        }
    }
    let note = "\(bytes / 1024) KiB file"
    results.append(BenchResult(id: "file-\(key)-load", title: "(d) \(label): PackageFile.load", tasks: tasks, samples: load, note: note))
    results.append(BenchResult(id: "file-\(key)-validate", title: "(d) \(label): validate", tasks: tasks, samples: validate, note: note))
    results.append(BenchResult(id: "file-\(key)-total", title: "(d) \(label): load + validate", tasks: tasks, samples: both, note: note))
}

let fileContainers = Swift.max(fileN / 100, 1)
benchFile(
    "\(fileN)-staged", "\(fileN.formatted()) Set Variable tasks in \(fileContainers) containers",
    BenchPackages.realistic(containers: fileContainers, perContainer: fileN / fileContainers), tasks: fileN)
benchFile("\(fileN)-chain", "\(fileN.formatted())-task no-op chain", BenchPackages.chain(fileN, name: "FileChain"), tasks: fileN)

// (e) Events: the same chain with a sink that keeps every event, and with one that drops them.
// Pre/post validate and pre/post execute for each task and for the package itself.
let eventsPerRun = (chainN + 1) * 4
/// The sink of the latest run, to check afterwards that it saw every event.
final class LastSink: @unchecked Sendable { var sink: RecordingEventSink? }
let lastSink = LastSink()
benchRun(
    "chain-\(chainN)-recording-sink", "(e) chain of \(chainN.formatted()) + RecordingEventSink", chain, tasks: chainN,
    note: "\(eventsPerRun.formatted()) events kept per run",
    options: {
        let sink = RecordingEventSink()
        lastSink.sink = sink
        return RunOptions(eventSink: sink)
    },
    after: { _ in
        let count = lastSink.sink?.events.count ?? 0
        guard count == eventsPerRun else { abortBench("RecordingEventSink kept \(count) events, expected \(eventsPerRun)") }
    })
benchRun(
    "chain-\(chainN)-closure-sink", "(e) chain of \(chainN.formatted()) + no-op ClosureEventSink", chain, tasks: chainN,
    options: { RunOptions(eventSink: ClosureEventSink { _ in }) })
derive(
    "chain-\(chainN)-recording-cost", "(e) cost of RecordingEventSink (vs no sink)", "chain-\(chainN)-recording-sink",
    minus: "chain-\(chainN)", note: "median with sink minus median without")

// (f) A real stock task: Set Variable (variable write, type conversion, an information event).
let setVars = BenchPackages.setVariableChain(setVarN)
benchRun(
    "setvariable-chain-\(setVarN)", "(f) chain of \(setVarN.formatted()) Set Variable tasks", setVars, tasks: setVarN,
    after: { r in
        guard case .int(let last) = r.variables["User::Counter"]?.value, last == Int64(setVarN - 1) else {
            abortBench("Set Variable chain: User::Counter is \(r.variables["User::Counter"]?.value.description ?? "missing")")
        }
    })

// (g) Scale shapes with a linearity check (see ScaleBenchmarks.swift).
var linearity = runScaleBenchmarks(quick: quick)

// (h) Checkpointed long chain: the chain of (a) with a checkpoint file (one record appended per
// task), at N and 4N. A journal is linear in the tasks, so the time ratio should be about 4
// (the old format rewrote the whole file after every task: quadratic).
if wanted("checkpoint") {
    var medians: [Double] = []
    for n in [chainN, chainN * 4] {
        var p = BenchPackages.chain(n, name: "Checkpointed")
        let file = tmp.appendingPathComponent("chain-\(n).ckpt").path
        p.checkpoint = CheckpointSettings(fileName: file)
        benchRun(
            "checkpoint-chain-\(n)", "(h) chain of \(n.formatted()) with a checkpoint file", p, tasks: n,
            note: "one record per task; the file is removed after each successful run",
            after: { _ in if FileManager.default.fileExists(atPath: file) { abortBench("the checkpoint \(file) was not removed") } })
        medians.append(results.last?.median ?? .nan)
    }
    derive(
        "checkpoint-chain-\(chainN)-cost", "(h) cost of the checkpoint (vs (a), no checkpoint)", "checkpoint-chain-\(chainN)",
        minus: "chain-\(chainN)", note: "median with checkpoint minus median without")
    let growth = medians[1] / medians[0] / 4
    linearity.append("checkpoint-chain: per-task cost at 4n / at n = \(fmt(growth))\(growth > 2 ? "  NON-LINEAR" : "")")
}

/// Times two packages in alternation (base, variant, base, …: the machine's drift hits both),
/// adds a row for each, and a row for the variant's extra cost per one of `count` things it
/// does more (the median of the paired differences).
@MainActor func benchPair(
    _ base: (id: String, title: String, package: Package), _ variant: (id: String, title: String, package: Package),
    tasks: Int, extra: (id: String, title: String, count: Int, note: String), check: (String, RunResult) -> Void
) {
    guard wanted(base.id) || wanted(variant.id) else { return }
    log("  \(base.title) / \(variant.title) …")
    var baseSamples: [Double] = [], variantSamples: [Double] = [], differences: [Double] = []
    for rep in 0...reps {
        let (rb, tb) = timed { runner.run(base.package, options: RunOptions()) }
        let (rv, tv) = timed { runner.run(variant.package, options: RunOptions()) }
        check(base.id, rb)
        check(variant.id, rv)
        guard rep > 0 else { continue }  // rep 0 warms up
        baseSamples.append(tb)
        variantSamples.append(tv)
        differences.append(tv - tb)
    }
    results.append(BenchResult(id: base.id, title: base.title, tasks: tasks, samples: baseSamples))
    results.append(BenchResult(id: variant.id, title: variant.title, tasks: tasks, samples: variantSamples))
    let sorted = differences.sorted()
    results.append(BenchResult(
        id: extra.id, title: extra.title, tasks: extra.count, derivedMedian: Swift.max(sorted[sorted.count / 2], 0),
        derivedMin: Swift.max(sorted[0], 0), note: extra.note))
}

// (i) Expressions on the real path: a For Loop whose body is one stock Expression task, and
// the same loop empty (its own eval and assign expressions each iteration); per iteration.
let loopN = 10_000 / scale
benchPair(
    ("forloop-\(loopN)-empty", "(i) For Loop of \(loopN.formatted()) iterations, empty body",
     BenchPackages.forLoop(iterations: loopN, withExpressionTask: false)),
    ("forloop-\(loopN)-expression-task", "(i) For Loop of \(loopN.formatted()) iterations, one Expression task",
     BenchPackages.forLoop(iterations: loopN, withExpressionTask: true)),
    tasks: loopN,
    extra: ("forloop-\(loopN)-expression-task-cost", "(i) the Expression task, per iteration", loopN,
            "median of paired differences (with task − empty)"),
    check: { id, r in
        guard r.result == .success else { abortBench("\(id): \(r.result.rawValue) (\(r.errors.first?.message ?? "no error"))") }
        let total = r.variables["User::Total"]?.value
        if id.hasSuffix("expression-task"), total != .int(BenchPackages.forLoopTotal(iterations: loopN)) {
            abortBench("\(id): User::Total is \(total?.description ?? "missing")")
        }
    })

// (j) Expression constraints in a real run: a For Loop whose body is a chain of ten no-op
// tasks, its nine constraints plain or Expression-and-Constraint on
// `@[User::Count] > 10 && @[User::Name] != "x"`; the difference is nine evaluations per iteration.
let constraintLoopN = 2_000 / scale
let evaluations = constraintLoopN * (BenchPackages.constraintChainLength - 1)
benchPair(
    ("constraints-\(constraintLoopN)-plain", "(j) For Loop of \(constraintLoopN.formatted()) × chain of 10, plain constraints",
     BenchPackages.constraintLoop(iterations: constraintLoopN, expressions: false)),
    ("constraints-\(constraintLoopN)-expression", "(j) For Loop of \(constraintLoopN.formatted()) × chain of 10, expression constraints",
     BenchPackages.constraintLoop(iterations: constraintLoopN, expressions: true)),
    tasks: constraintLoopN * BenchPackages.constraintChainLength,
    extra: ("constraints-\(constraintLoopN)-per-evaluation", "(j) one constraint expression evaluation", evaluations,
            "median of paired differences over \(evaluations.formatted()) evaluations"),
    check: { id, r in
        guard r.result == .success else { abortBench("\(id): \(r.result.rawValue) (\(r.errors.first?.message ?? "no error"))") }
    })

// MARK: - Report

let controlFlowTarget = 20.0  // µs per task
let fileTarget = 100.0  // ms for load + validate of 5,000 tasks
@MainActor func row(_ id: String) -> BenchResult? { results.first { $0.id == id } }
var targets: [[String: Any]] = []
for id in ["chain-\(chainN)", "branches-\(branchCount)x\(branchLength)-default", "branches-\(branchCount)x\(branchLength)-max4"] {
    guard let r = row(id) else { continue }
    targets.append([
        "benchmark": id, "target": "< \(Int(controlFlowTarget)) µs/task", "value": round3(r.usPerTaskMedian),
        "display": fmt(r.usPerTaskMedian), "unit": "µs/task", "met": r.usPerTaskMedian < controlFlowTarget,
    ])
}
for key in ["\(fileN)-staged", "\(fileN)-chain"] {
    guard let r = row("file-\(key)-total") else { continue }
    targets.append([
        "benchmark": "file-\(key)-total", "target": "< \(Int(fileTarget)) ms", "value": round3(r.median * 1e3),
        "display": fmt(r.median * 1e3), "unit": "ms",
        "met": r.median * 1e3 < fileTarget,
    ])
}

let document: [String: Any] = [
    "tool": "sluice-bench",
    "date": ISO8601DateFormatter().string(from: Date()),
    "machine": [
        "cpus": machine.cpus, "cpu_model": machine.cpuModel, "os": machine.os, "build": machine.build,
        "default_max_concurrent": defaultConcurrency, "peak_rss_mib": round3(MachineInfo.peakRSSMiB),
        "load_average_before": loadBefore, "load_average_after": MachineInfo.loadAverage,
    ] as [String: Any],
    "repetitions": reps, "warmup": 1, "quick": quick,
    "results": results.map(\.json),
    "targets": targets,
    "linearity": linearity,
]
let json = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
if let jsonPath {
    do { try json.write(to: URL(fileURLWithPath: jsonPath)) } catch { abortBench("cannot write \(jsonPath): \(error)") }
}
if jsonToStdout {
    FileHandle.standardOutput.write(json)
    print()
} else {
    print("Sluice control-flow benchmarks: \(machine.build) build, \(machine.cpus) × \(machine.cpuModel)")
    print("median and min of \(reps) runs after one warm-up; per-task figures divide by the tasks column\n")
    print(table(results), terminator: "")
    print(quick ? "\nTargets (issue; QUICK sizes, so only indicative):" : "\nTargets (issue):")
    if targets.isEmpty { print("  (none of the target benchmarks ran)") }
    for t in targets {
        print("  \(t["benchmark"]!): \(t["display"]!) \(t["unit"]!) (target \(t["target"]!)): \((t["met"] as! Bool) ? "met" : "MISSED")")
    }
    print("\nLinearity (per-task cost at 4n over the cost at n; about 1 is linear):")
    for line in linearity { print("  \(line)") }
    print("\npeak RSS \(fmt(MachineInfo.peakRSSMiB)) MiB; load average before \(loadBefore), after \(MachineInfo.loadAverage)")
    // Expression language (issue 3): scalar constraint < 200 ns; batch a*(1-b) within 1.5x of a hand loop.
    print("\nExpressions:")
    for row in expressionBenchmarkRows(quick: quick) { print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)") }
    // Data flow plugin boundary (issue 8): a batch exported to Arrow and imported back, no copy.
    print("\nArrow batches:")
    for row in arrowBenchmarkRows(quick: quick) { print("  \(row.name)  \(String(format: "%.3f", row.value)) \(row.unit)") }
}

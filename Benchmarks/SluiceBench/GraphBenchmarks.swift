import SluiceCore

/// `sluice graph`'s DOT writer at 50,000 and 200,000 tasks (containers of 1,000 chained tasks)
/// and 3,000 nested containers: median seconds of `reps` runs after a warm-up, the cost per
/// task, and the linearity ratio (per-task cost at 200,000 over the one at 50,000).
@MainActor func graphBenchmarkRows(reps: Int) -> [(name: String, value: Double, unit: String)] {
    func chained(_ tasks: Int) -> Package {
        var p = Package(name: "Graph")
        for c in 0..<(tasks / 1_000) {
            var container = Executable("C\(c)", kind: .sequence)
            container.executables = (0..<1_000).map { .task("T\($0)", component: "sluice.setVariable") }
            container.constraints = (1..<1_000).map { PrecedenceConstraint(from: "T\($0 - 1)", to: "T\($0)") }
            p.executables.append(container)
        }
        p.constraints = (1..<(tasks / 1_000)).map { PrecedenceConstraint(from: "C\($0 - 1)", to: "C\($0)") }
        return p
    }
    func median(_ package: Package) -> (seconds: Double, bytes: Int) {
        var samples: [Double] = []
        var bytes = 0
        for rep in 0...reps {
            let (dot, s) = timed { PackageGraph.dot(package) }
            bytes = dot.utf8.count
            if rep > 0 { samples.append(s) }
        }
        return (samples.sorted()[samples.count / 2], bytes)
    }
    var rows: [(name: String, value: Double, unit: String)] = []
    var perTask: [Double] = []
    for n in [50_000, 200_000] {
        let (s, bytes) = median(chained(n))
        perTask.append(s / Double(n))
        rows += [("graph-\(n)-tasks", s * 1e3, "ms"), ("graph-\(n)-per-task", s / Double(n) * 1e9, "ns"), ("graph-\(n)-dot-size", Double(bytes) / 1e6, "MB")]
    }
    rows.append(("graph-linearity-200k-over-50k", perTask[1] / perTask[0], "×"))
    var inner = Executable.task("Leaf", component: "sluice.setVariable")
    for depth in 0..<3_000 {
        var container = Executable("D\(depth)", kind: .sequence)
        container.executables = [inner]
        inner = container
    }
    var deep = Package(name: "Deep")
    deep.executables = [inner]
    rows.append(("graph-3000-nested", median(deep).seconds * 1e3, "ms"))
    return rows
}

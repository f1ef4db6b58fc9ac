import Foundation

/// Seconds elapsed while `body` runs, on the monotonic clock.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    var value: T?
    let elapsed = try clock.measure { value = try body() }
    return (value!, elapsed.seconds)
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// One benchmark's samples (seconds per repetition) and how to read them.
struct BenchResult {
    /// Stable key for machine output (`chain-10000`).
    var id: String
    var title: String
    /// Tasks the measured operation covers; per-task figures divide by this.
    var tasks: Int
    var samples: [Double]
    var note = ""
    /// For a figure computed from other rows (not timed on its own): its median and min.
    var derivedFigures: (median: Double, min: Double)?
    var derived: Bool { derivedFigures != nil }

    init(id: String, title: String, tasks: Int, samples: [Double], note: String = "") {
        self.id = id
        self.title = title
        self.tasks = tasks
        self.samples = samples
        self.note = note
    }

    init(id: String, title: String, tasks: Int, derivedMedian: Double, derivedMin: Double, note: String) {
        self.init(id: id, title: title, tasks: tasks, samples: [], note: note)
        derivedFigures = (derivedMedian, derivedMin)
    }

    var sorted: [Double] { samples.sorted() }
    var median: Double {
        if let derivedFigures { return derivedFigures.median }
        let s = sorted
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var min: Double { derivedFigures?.min ?? samples.min() ?? .nan }
    var mean: Double { samples.isEmpty ? median : samples.reduce(0, +) / Double(samples.count) }
    var usPerTaskMedian: Double { median * 1e6 / Double(Swift.max(tasks, 1)) }
    var usPerTaskMin: Double { min * 1e6 / Double(Swift.max(tasks, 1)) }

    var json: [String: Any] {
        var o: [String: Any] = [
            "id": id, "title": title, "tasks": tasks, "derived": derived,
            "median_ms": round3(median * 1e3), "min_ms": round3(min * 1e3), "mean_ms": round3(mean * 1e3),
            "us_per_task_median": round3(usPerTaskMedian), "us_per_task_min": round3(usPerTaskMin),
            "samples_ms": samples.map { round3($0 * 1e3) },
        ]
        if !note.isEmpty { o["note"] = note }
        return o
    }
}

func round3(_ x: Double) -> Double { x.isFinite ? (x * 1000).rounded() / 1000 : 0 }

/// What the numbers were measured on.
struct MachineInfo {
    var cpus = ProcessInfo.processInfo.activeProcessorCount
    var cpuModel = MachineInfo.readCPUModel()
    var os = ProcessInfo.processInfo.operatingSystemVersionString
    var build: String = {
        #if DEBUG
            "debug"
        #else
            "release"
        #endif
    }()

    static func readCPUModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    /// The 1-, 5- and 15-minute load averages (other work on the machine skews the figures).
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// Peak resident set size of this process so far, in MiB.
    static var peakRSSMiB: Double {
        var usage = rusage()
        getrusage(0, &usage)  // RUSAGE_SELF
        return Double(usage.ru_maxrss) / 1024  // Linux reports KiB
    }
}

/// Formats the results as an aligned text table.
func table(_ results: [BenchResult]) -> String {
    let header = ["benchmark", "tasks", "median ms", "min ms", "µs/task med", "µs/task min"]
    var rows: [[String]] = [header]
    for r in results {
        rows.append([
            (r.derived ? "  = " : "") + r.title, r.tasks.formatted(), fmt(r.median * 1e3), fmt(r.min * 1e3),
            fmt(r.usPerTaskMedian), fmt(r.usPerTaskMin),
        ])
    }
    let widths = (0..<header.count).map { c in rows.map { $0[c].count }.max()! }
    var out = ""
    for (i, row) in rows.enumerated() {
        let cells = row.enumerated().map { c, cell in
            c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[c] - cell.count) + cell
        }
        out += cells.joined(separator: "  ") + "\n"
        if i == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    return out
}

func fmt(_ x: Double) -> String {
    guard x.isFinite else { return "-" }
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    return String(format: "%.2f", x)
}

extension Int {
    func formatted() -> String {
        let digits = String(self)
        var out = ""
        for (i, ch) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }
}

/// Stops the harness: a benchmark whose run did not succeed measured nothing worth reporting.
func abortBench(_ message: String) -> Never {
    FileHandle.standardError.write(Data("sluice-bench: \(message)\n".utf8))
    exit(2)
}

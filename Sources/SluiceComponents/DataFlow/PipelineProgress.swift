import Foundation
import SluiceCore
import SluiceDataFlow
import Synchronization

/// Watches a running data flow from its own thread: passes the run's cancellation on to the
/// engine (checked every 50 ms), and raises `OnPipelineProgress` (rows read by the sources, and
/// MB/s read by the process) at most once a second.
final class PipelineProgress: DataFlowEventSink, @unchecked Sendable {
    // @unchecked Sendable: `rowsRead` is atomic, `running` a Mutex; the rest is immutable.
    private let sources: Set<Int>
    private let context: any TaskContext
    private let cancellation: FlowCancellation
    private let rowsRead = Atomic<Int>(0)
    private let running = Mutex(true)
    private let done = DispatchSemaphore(value: 0)

    init(graph: FlowGraph, context: any TaskContext, cancellation: FlowCancellation) {
        // Paths leaving a component no path enters: its rows are rows read.
        let entered = Set(graph.paths.map(\.to.index))
        sources = Set(graph.paths.map(\.from.index).filter { !entered.contains($0) })
        self.context = context
        self.cancellation = cancellation
    }

    func rowsMoved(along path: FlowPath, rows: Int) {
        if sources.contains(path.from.index) { rowsRead.add(rows, ordering: .relaxed) }
    }

    func start() {
        Thread.detachNewThread { [self] in watch() }
    }

    func stop() {
        running.withLock { $0 = false }
        done.wait()
    }

    private func watch() {
        defer { done.signal() }
        let start = Date()
        let startBytes = Self.bytesRead()
        var lastReport = start
        while running.withLock({ $0 }) {
            usleep(50_000)
            if context.isCanceled { cancellation.cancel() }
            let now = Date()
            guard now.timeIntervalSince(lastReport) >= 1 else { continue }
            lastReport = now
            let seconds = now.timeIntervalSince(start)
            let megabytes = Double(Self.bytesRead() - startBytes) / 1e6
            let rate = (megabytes / max(seconds, 0.001) * 10).rounded() / 10
            context.raise(.custom(name: "OnPipelineProgress", text: "\(context.executableName): \(rowsRead.load(ordering: .relaxed)) rows read, \(rate) MB/s"))
        }
    }

    /// Bytes the process has read so far (`rchar` of /proc/self/io); 0 where it is not there.
    private static func bytesRead() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("rchar:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}

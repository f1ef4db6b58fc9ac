import Foundation

/// What a previous run did, drawn over a package graph: each executable's result and duration
/// (from its OnPostExecute events), and each data flow path's row count.
///
/// ```swift
/// var overlay = GraphOverlay(events: records)           // `sluice run --events-json` lines
/// overlay.setRows([path: 1_200], inDataFlow: task.id)   // rows that passed along each path
/// let dot = PackageGraph.dot(package, overlay: overlay)
/// ```
/// Executables are matched by id, so an executable that ran several times (in a loop) shows
/// its last result, its total duration and how many times it ran.
public struct GraphOverlay: Sendable {
    public struct Execution: Sendable, Hashable {
        public var result: ExecutionResult
        /// The sum over every execution, saturating rather than overflowing.
        public var durationMicroseconds: Int64
        public var count: Int
    }

    /// A data flow path inside one Data Flow task (by the task's id).
    public struct PathKey: Sendable, Hashable {
        public var dataFlow: UUID
        public var path: DataFlowPath
    }

    public private(set) var executions: [UUID: Execution] = [:]
    public private(set) var pathRows: [PathKey: Int64] = [:]

    public init() {}

    /// The overlay of a run's events; events other than OnPostExecute, and events of child
    /// packages (whose executables are not in this package), change nothing.
    public init(events: some Sequence<EventRecord>) {
        for event in events { record(event) }
    }

    public var isEmpty: Bool { executions.isEmpty && pathRows.isEmpty }

    /// Takes one event into account.
    public mutating func record(_ event: EventRecord) {
        guard event.event == .postExecute, let source = event.source, let result = event.result else { return }
        let duration = max(0, event.durationMicroseconds ?? 0)
        if var seen = executions[source.id] {
            seen.result = result
            let (sum, overflow) = seen.durationMicroseconds.addingReportingOverflow(duration)
            seen.durationMicroseconds = overflow ? Int64.max : sum
            seen.count += 1
            executions[source.id] = seen
        } else {
            executions[source.id] = Execution(result: result, durationMicroseconds: duration, count: 1)
        }
        // The Data Flow task's row counts per path are not in the events yet: when they are,
        // read them here and pass them to `setRows(_:inDataFlow:)`.
    }

    /// The rows that passed along each path of the Data Flow task `dataFlow` (its executable id).
    /// The one door for row counts: a later call for the same path replaces the count.
    public mutating func setRows(_ rows: [DataFlowPath: Int64], inDataFlow dataFlow: UUID) {
        for (path, count) in rows { pathRows[PathKey(dataFlow: dataFlow, path: path)] = count }
    }

    /// `Success, 12 ms`, `Failure ×3, 1.5 s`: a label line for one executable.
    static func describe(_ e: Execution) -> String {
        let times = e.count > 1 ? " ×\(e.count)" : ""
        return "\(e.result.rawValue)\(times), \(describeDuration(e.durationMicroseconds))"
    }

    /// A duration in the unit that reads best, computed in integers so output never depends
    /// on the locale or on floating-point formatting.
    static func describeDuration(_ micros: Int64) -> String {
        switch micros {
        case ..<1_000: return "\(micros) µs"
        case ..<10_000: return "\(micros / 1_000).\(micros % 1_000 / 100) ms"
        case ..<1_000_000: return "\(micros / 1_000) ms"
        case ..<60_000_000: return "\(micros / 1_000_000).\(micros % 1_000_000 / 100_000) s"
        default:
            let seconds = micros / 1_000_000
            return seconds < 3_600 ? "\(seconds / 60) min \(seconds % 60) s" : "\(seconds / 3_600) h \(seconds % 3_600 / 60) min"
        }
    }
}

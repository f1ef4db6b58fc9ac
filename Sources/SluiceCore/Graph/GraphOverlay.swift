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
    /// The same, by path (`\\Package\\Load`): a package file without ids gets new ones on each
    /// load, so a run's events can only name its executables by path.
    public private(set) var executionsByPath: [String: Execution] = [:]
    public private(set) var pathRows: [PathKey: Int64] = [:]
    /// Row counts from a run's `OnPipelineRowsSent` events ("From.Output → To.Input: N rows"),
    /// by Data Flow task and label: matched against the package's own paths when drawing, so a
    /// name with a dot or an arrow in it cannot be misread.
    public private(set) var rowsByLabel: [UUID: [String: Int64]] = [:]
    /// The same, by the Data Flow task's path.
    public private(set) var rowsByLabelAtPath: [String: [String: Int64]] = [:]
    /// The run the events belong to: the execution id of the first event. Paths are matched only
    /// for its events — a child package's executables have paths of their own package
    /// (`\\Package…`) that would otherwise land on this package's.
    public private(set) var rootExecution: UUID?

    public init() {}

    /// The overlay of a run's events; events other than OnPostExecute, and events of child
    /// packages (whose executables are not in this package), change nothing.
    public init(events: some Sequence<EventRecord>) {
        for event in events { record(event) }
    }

    public var isEmpty: Bool { executions.isEmpty && pathRows.isEmpty && rowsByLabel.isEmpty && executionsByPath.isEmpty }

    /// Takes one event into account.
    public mutating func record(_ event: EventRecord) {
        if rootExecution == nil { rootExecution = event.executionID }
        let ofThisRun = event.executionID != nil && event.executionID == rootExecution
        if event.event == .custom, event.customEvent == Self.rowsSentEvent, let source = event.source {
            recordRowsSent(event.message, in: source.id, at: ofThisRun ? source.path : nil)
            return
        }
        guard event.event == .postExecute, let source = event.source, let result = event.result else { return }
        let duration = max(0, event.durationMicroseconds ?? 0)
        if ofThisRun { executionsByPath[source.path] = Self.adding(result, duration, to: executionsByPath[source.path]) }
        if var seen = executions[source.id] {
            seen.result = result
            let (sum, overflow) = seen.durationMicroseconds.addingReportingOverflow(duration)
            seen.durationMicroseconds = overflow ? Int64.max : sum
            seen.count += 1
            executions[source.id] = seen
        } else {
            executions[source.id] = Execution(result: result, durationMicroseconds: duration, count: 1)
        }
    }

    /// The custom event a Data Flow task raises once per path when it ends.
    public static let rowsSentEvent = "OnPipelineRowsSent"

    /// The label a Data Flow task gives `path` in its `OnPipelineRowsSent` events.
    public static func label(of path: DataFlowPath) -> String { "\(path.from).\(path.output) → \(path.to).\(path.input)" }

    /// "LABEL: N rows", the count after the last ": " (a label may hold ": " itself).
    private mutating func recordRowsSent(_ text: String, in dataFlow: UUID, at path: String?) {
        guard let colon = text.range(of: ": ", options: .backwards), text.hasSuffix(" rows") else { return }
        let count = text[colon.upperBound...].dropLast(" rows".count)
        guard let rows = Int64(count), rows >= 0 else { return }
        rowsByLabel[dataFlow, default: [:]][String(text[..<colon.lowerBound])] = rows
        if let path { rowsByLabelAtPath[path, default: [:]][String(text[..<colon.lowerBound])] = rows }
    }

    /// One more execution of an executable: the last result, the summed duration (saturating).
    private static func adding(_ result: ExecutionResult, _ duration: Int64, to seen: Execution?) -> Execution {
        guard var seen else { return Execution(result: result, durationMicroseconds: duration, count: 1) }
        seen.result = result
        let (sum, overflow) = seen.durationMicroseconds.addingReportingOverflow(duration)
        seen.durationMicroseconds = overflow ? Int64.max : sum
        seen.count += 1
        return seen
    }

    /// What the run did with an executable: found by id, else by path.
    public func execution(id: UUID, path: String) -> Execution? { executions[id] ?? executionsByPath[path] }

    /// The rows that passed along `path` of the Data Flow task `dataFlow`: a count set with
    /// ``setRows(_:inDataFlow:)`` first, else one read from the run's events.
    public func rows(of path: DataFlowPath, inDataFlow dataFlow: UUID, at taskPath: String? = nil) -> Int64? {
        let label = Self.label(of: path)
        return pathRows[PathKey(dataFlow: dataFlow, path: path)] ?? rowsByLabel[dataFlow]?[label]
            ?? taskPath.flatMap { rowsByLabelAtPath[$0]?[label] }
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

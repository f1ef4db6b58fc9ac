import SluiceCore

/// `sluice.log.jsonl`: one event record a line, the same line `sluice run --events-json`
/// prints for the event (docs/events.md).
final class JSONLinesLogWriter: LogWriter, @unchecked Sendable {
    static let descriptor = ComponentDescriptor(
        id: "sluice.log.jsonl", kind: .logProvider, displayName: "JSON lines",
        description: "One JSON event record a line, in the format of docs/events.md.", version: "1.0.0")

    private let file: AppendingFile
    init(_ settings: LogProviderSettings) { file = AppendingFile(path: settings.path) }

    func open(in context: any TaskContext) throws { try file.open(header: nil) }
    func close() { file.close() }

    func write(_ r: EventRecord) throws { try file.append(r.jsonLine) }
}

import SluiceCore

/// `sluice.log.text`: comma-separated lines, as SSIS's text file log provider writes them.
final class TextLogWriter: LogWriter, @unchecked Sendable {
    static let descriptor = ComponentDescriptor(
        id: "sluice.log.text", kind: .logProvider, displayName: "Text file",
        description: "Comma-separated lines with a #Fields header, as SSIS's text file log provider writes them.",
        version: "1.0.0")

    private let file: AppendingFile
    init(_ settings: LogProviderSettings) { file = AppendingFile(path: settings.path) }

    func open(in context: any TaskContext) throws {
        try file.open(header: "#Fields: event,source,sourceid,executionid,time,code,message")
    }
    func close() { file.close() }

    func write(_ r: EventRecord) throws {
        let fields = [
            r.eventName, r.source?.path ?? "", r.source?.id.uuidString ?? "", r.executionID?.uuidString ?? "",
            DateText.format(r.time), String(r.pluginCode ?? r.code ?? 0), r.message,
        ]
        try file.append(fields.map(Self.quote).joined(separator: ","))
    }

    private static func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

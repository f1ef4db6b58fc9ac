import Foundation
import SluiceCore

/// One log entry, as every provider receives it.
struct LogEntry: Sendable {
    let event: String
    let code: Int32
    let source: EventSource
    let executionID: UUID
    let message: String
    let time: Date
}

/// A log provider at run time: opened when the run starts (appending, so a provider opened
/// again in the same run or by a child package keeps what it had), written to per entry,
/// closed at the end.
protocol LogWriter: AnyObject, Sendable {
    func open() throws
    func write(_ entry: LogEntry) throws
    func close()
}

/// Appends lines to a log file shared with concurrent runs (see ``AppendOnlyFile``): opened
/// when the run starts, closed when it ends.
final class AppendingFile: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var file: AppendOnlyFile?

    init(path: String) { self.path = path }

    func open(header: String?) throws {
        let opened = try AppendOnlyFile(path: path, header: header)  // the router names the provider
        lock.lock()
        file = opened
        lock.unlock()
    }

    func append(_ line: String) throws {
        lock.lock()
        let file = self.file
        lock.unlock()
        try file?.append(line)
    }

    func close() {
        lock.lock()
        file?.close()
        file = nil
        lock.unlock()
    }
}

/// `sluice.log.text`: comma-separated lines, as SSIS's text file log provider writes them.
final class TextLogWriter: LogWriter, @unchecked Sendable {
    private let file: AppendingFile
    init(path: String) { file = AppendingFile(path: path) }

    func open() throws { try file.open(header: "#Fields: event,source,sourceid,executionid,time,code,message") }
    func close() { file.close() }

    func write(_ e: LogEntry) throws {
        let fields = [e.event, e.source.path, e.source.id.uuidString, e.executionID.uuidString, DateText.format(e.time), String(e.code), e.message]
        try file.append(fields.map(Self.quote).joined(separator: ","))
    }

    private static func quote(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

/// `sluice.log.jsonl`: one JSON object per line.
final class JSONLinesLogWriter: LogWriter, @unchecked Sendable {
    private let file: AppendingFile
    init(path: String) { file = AppendingFile(path: path) }

    func open() throws { try file.open(header: nil) }
    func close() { file.close() }

    func write(_ e: LogEntry) throws {
        var o = JSONObject()
        o["event"] = .string(e.event)
        o["time"] = .string(DateText.format(e.time))
        o["source"] = .string(e.source.path)
        o["sourceId"] = .string(e.source.id.uuidString)
        o["executionId"] = .string(e.executionID.uuidString)
        if e.code != 0 { o["code"] = .int(Int64(e.code)) }
        o["message"] = .string(e.message)
        try file.append(JSONWriter.compact(.object(o)))
    }
}

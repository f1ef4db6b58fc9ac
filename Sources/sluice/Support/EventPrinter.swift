import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// Prints events for people (standard error) or as JSON lines (standard output).
final class EventPrinter: EventSink, @unchecked Sendable {
    private let kinds: Set<EventKind>
    private let json: Bool
    private let lock = NSLock()

    init(_ options: OutputOptions) throws {
        json = options.eventsJSON
        var kinds: Set<EventKind> = []
        for letter in options.report.uppercased() {
            switch letter {
            case "N": break
            case "E": kinds.formUnion([.error, .taskFailed])
            case "W": kinds.insert(.warning)
            case "I": kinds.insert(.information)
            case "C": kinds.insert(.custom)
            case "P": kinds.insert(.progress)
            case "V": kinds.formUnion(EventKind.allCases)
            case ",", ";", " ": continue
            default:
                let e = SluiceError(.commandLineInvalid, ["reason": "--report takes the letters N, E, W, I, C, P, V; got '\(letter)'"])
                FileHandle.standardError.write(Data("\(e)\n".utf8))
                throw ExitStatus.badCommandLine
            }
        }
        self.kinds = kinds
    }

    func receive(_ event: RuntimeEvent) {
        if json {
            write(JSONWriter.compact(EventPrinter.json(event)) + "\n", to: STDOUT_FILENO)
        } else if kinds.contains(event.kind) {
            write(EventPrinter.line(event) + "\n", to: STDERR_FILENO)
        }
    }

    /// A failure before the run starts (load, command line): always printed.
    func fatal(_ error: SluiceError) {
        if json {
            var o = JSONObject()
            o["event"] = "OnError"
            o["code"] = .int(Int64(error.code))
            o["name"] = .string(error.name)
            o["message"] = .string(error.text)
            write(JSONWriter.compact(.object(o)) + "\n", to: STDOUT_FILENO)
        }
        write("Error: \(error)\n", to: STDERR_FILENO)
    }

    func pluginWarning(_ rejected: RejectedLibrary) {
        write("Warning: plugin library \(rejected.path) was rejected: \(rejected.error)\n", to: STDERR_FILENO)
    }

    func summary(package: String, result: ExecutionResult, validateOnly: Bool, duration: Double) {
        let what = validateOnly ? "Validation of" : "Package"
        write("\(what) \"\(package)\" finished: \(result.rawValue) (\(Self.seconds(duration)) s)\n", to: STDERR_FILENO)
    }

    /// `0.042`: seconds with three decimals, as `%.3f` gives them, without `String(format:)`,
    /// whose first call (locale, varargs) costs a noticeable part of a short run's start-up.
    static func seconds(_ duration: Double) -> String {
        guard duration.isFinite, duration >= 0, duration < 1e12 else { return "\(duration)" }
        let millis = Int((duration * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    func variables(_ values: [String: TypedValue]) {
        for (name, v) in values.sorted(by: { $0.key < $1.key }) where name.hasPrefix("User::") {
            write("\(name) = \(v.value) (\(v.type.rawValue))\n", to: STDERR_FILENO)
        }
    }

    static func line(_ e: RuntimeEvent) -> String {
        let label: String =
            switch e.kind {
            case .error: "Error"
            case .warning: "Warning"
            case .information: "Information"
            case .progress: "Progress"
            case .custom: "Custom event \(e.customName ?? "")"
            default: e.kind.rawValue
            }
        var text = e.message
        if let name = e.codeName, !text.hasPrefix(name) { text = "\(name) (\(e.code)): \(text)" }
        if let p = e.percent { text = "\(p)% \(text)" }
        if let r = e.result { text = text.isEmpty ? r.rawValue : "\(r.rawValue) \(text)" }
        return "\(label) at \(e.source.path): \(text)"
    }

    static func json(_ e: RuntimeEvent) -> JSONValue {
        var o = JSONObject()
        o["event"] = .string(e.kind.rawValue)
        o["time"] = .string(DateText.format(e.time))
        o["source"] = .string(e.source.name)
        o["sourceId"] = .string(e.source.id.uuidString)
        o["path"] = .string(e.source.path)
        if e.code != 0 { o["code"] = .int(Int64(e.code)) }
        if let n = e.codeName { o["name"] = .string(n) }
        if !e.message.isEmpty { o["message"] = .string(e.message) }
        if let p = e.percent { o["percent"] = .int(Int64(p)) }
        if let c = e.customName { o["customEvent"] = .string(c) }
        if let r = e.result { o["result"] = .string(r.rawValue) }
        if e.inHandler { o["inHandler"] = true }
        return .object(o)
    }

    private func write(_ text: String, to fd: Int32) {
        lock.lock()
        Console.emit(text, to: fd)
        lock.unlock()
    }
}

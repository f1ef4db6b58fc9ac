import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// Prints events for people (standard error) or as event records, one JSON line each, on
/// standard output (docs/events.md).
final class EventPrinter: EventSink, @unchecked Sendable {
    private let kinds: Set<EventKind>
    private let json: Bool
    private let quiet: Bool
    /// `OnPipelineRowsSent` texts, printed with the summary.
    private var pipelineRows: [String] = []
    private let lock = NSLock()
    /// The redactor of the run's sensitive values, also given to the run: what the printer
    /// prints itself (failures before the run) is masked with it too.
    let secrets = SensitiveTexts()

    init(_ options: OutputOptions) throws {
        json = options.eventsJSON
        quiet = options.quiet
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
            write(EventRecord(event).jsonLine + "\n", to: STDOUT_FILENO)
        } else if kinds.contains(event.kind) {
            write(EventPrinter.line(event) + "\n", to: STDERR_FILENO)
        } else if !quiet, event.kind == .custom, event.customName == "OnPipelineProgress" {
            // Long data flows show progress at most once a second unless --quiet.
            write("Progress: \(event.message)\n", to: STDERR_FILENO)
        }
        if !quiet, event.kind == .custom, event.customName == "OnPipelineRowsSent" {
            lock.withLock { pipelineRows.append("\(event.source.path): \(event.message)") }
        }
    }

    /// A failure before the run starts (load, command line): always printed.
    func fatal(_ error: SluiceError) {
        let message = secrets.redact(error.description)
        if json {
            let record = EventRecord(.error, time: Date(), code: error.code, pluginCode: error.pluginCode, message: message)
            write(record.jsonLine + "\n", to: STDOUT_FILENO)
        }
        write("Error: \(message)\n", to: STDERR_FILENO)
    }

    func pluginWarning(_ rejected: RejectedLibrary) {
        write("Warning: plugin library \(rejected.path) was rejected: \(rejected.error)\n", to: STDERR_FILENO)
    }

    func summary(package: String, result: ExecutionResult, validateOnly: Bool, duration: Double) {
        let what = validateOnly ? "Validation of" : "Package"
        write("\(what) \"\(package)\" finished: \(result.rawValue) (\(Self.seconds(duration)) s)\n", to: STDERR_FILENO)
        for line in lock.withLock({ pipelineRows }) { write("  rows: \(line)\n", to: STDERR_FILENO) }
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
            // A sensitive value is masked; so is a secret's text inside any other value.
            write("\(name) = \(v.sensitive ? SensitiveTexts.mask : secrets.redact(v.value.description)) (\(v.type.rawValue))\n", to: STDERR_FILENO)
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

    private func write(_ text: String, to fd: Int32) {
        lock.lock()
        Console.emit(text, to: fd)
        lock.unlock()
    }
}

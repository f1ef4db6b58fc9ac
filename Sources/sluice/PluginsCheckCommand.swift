#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import SluiceCommandLine
import SluiceCore
import SluicePluginHost
import SluiceRegistry

/// `sluice plugins check LIB`: the plugin contract as a test a plugin author runs.
///
/// The checks run in a second `sluice` process (the hidden `--check-child` mode), so a plugin
/// that crashes or hangs is a reported breach, not the end of the checker.
enum PluginsCheckCommand {
    static let spec = CommandSpec(
        "check", abstract: "Check one plugin library against the plugin contract; exit 0 only if it keeps it.",
        discussion: """
            Every breach prints one line: its code, its symbolic name, the component, what the
            contract expects and what the plugin did. See docs/plugin-conformance.md.
              sluice plugins check ./libacme.so
              sluice plugins check ./libacme.so --property acme.filelog.path=/tmp/x.log --json
            Exit codes: 0 no breach, 1 breaches, 6 bad command line.
            """,
        arguments: [ArgumentSpec("library", help: "The plugin library (.so) to check.")],
        options: [
            .flag("json", help: "Print the report as one JSON object."),
            .flag("execute", help: "Call each task's execute too (off by default: a task may have side effects)."),
            .repeated(
                "property", valueName: "id.name=value",
                help: "A property value for the checks (repeatable): required properties without a default need one, a connection manager its ConnectionString."),
            .integer("timeout", valueName: "seconds", help: "How long one plugin call may take before it counts as hung (default 10)."),
            .integer("max-items", valueName: "n", help: "Items an enumerator may give before it counts as endless (default 100000)."),
            .value("check-child", valueName: "request", help: "Run the checks in this process (the check process).").hidden(),
        ])

    static func run(_ parsed: ParsedCommand) throws {
        let path = URL(fileURLWithPath: parsed.argument("library") ?? "").path
        if let request = parsed.value("check-child") { return try runChild(path: path, request: request) }
        let options = try options(parsed)
        let report = ConformanceSupervisor.check(path: path, options: options, executable: selfExecutable()) { request in
            ["plugins", "check", path, "--check-child", request]
        }
        if parsed.flag("json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(JSONReport(report))) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(text(report))
        }
        throw report.passed ? ExitStatus.success : ExitStatus.failure
    }

    private static func options(_ parsed: ParsedCommand) throws -> ConformanceOptions {
        var options = ConformanceOptions()
        options.execute = parsed.flag("execute")
        for assignment in parsed.values("property") where !options.addProperty(assignment) {
            throw parsed.invalid("--property expects COMPONENT.PROPERTY=VALUE (acme.filelog.path=/tmp/x.log); got \"\(assignment)\"")
        }
        if let seconds = parsed.integer("timeout") {
            guard seconds > 0 else { throw parsed.invalid("--timeout takes a positive number of seconds; got \(seconds)") }
            options.stepTimeout = Double(seconds)
        }
        if let items = parsed.integer("max-items") {
            guard items > 0 else { throw parsed.invalid("--max-items takes a positive number; got \(items)") }
            options.maxItems = items
        }
        return options
    }

    /// The check process: the report goes to the original standard output, and the plugin's own
    /// prints to standard error, so they cannot garble it.
    private static func runChild(path: String, request: String) throws {
        let report = dup(STDOUT_FILENO)
        guard report >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else {
            throw SluiceError(.commandLineInvalid, ["reason": "the check process could not set up its output (errno \(errno))"])
        }
        guard ConformanceChecker.runChild(path: path, request: request, output: report) else {
            throw SluiceError(.commandLineInvalid, ["reason": "--check-child is the check process's own option; run 'sluice plugins check LIB'"])
        }
    }

    /// This very binary (so a check uses the same host as a run would).
    private static func selfExecutable() -> URL {
        URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    }

    private static func text(_ report: ConformanceReport) -> String {
        var lines = ["Checking \(report.path)" + (report.components.isEmpty ? "" : ": " + report.components.joined(separator: ", "))]
        lines += report.breaches.map(\.line)
        lines += report.notes.map(\.line)
        let summary = report.summary
        lines.append("\(summary.code) \(summary.name) \(summary.text)")
        return lines.joined(separator: "\n")
    }

    /// The `--json` shape: the report, with `passed` and the summary spelled out.
    private struct JSONReport: Encodable {
        let path: String
        let passed: Bool
        let components: [String]
        let checks: Int
        let breaches: [ConformanceBreach]
        let notes: [ConformanceNote]
        let summary: Summary

        struct Summary: Encodable {
            let code: Int32
            let name: String
            let message: String
        }

        init(_ r: ConformanceReport) {
            path = r.path
            passed = r.passed
            components = r.components
            checks = r.checks
            breaches = r.breaches
            notes = r.notes
            summary = Summary(code: r.summary.code, name: r.summary.name, message: r.summary.text)
        }
    }
}

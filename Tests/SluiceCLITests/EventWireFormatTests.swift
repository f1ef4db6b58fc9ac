import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// One wire format for events (docs/events.md): the real `sluice run --events-json` and the
/// JSON-lines log provider of the same run write the same lines, and both read back.
@Suite struct EventWireFormatTests {
    /// A plugin task (progress, information), an expression failing at run time (an error with
    /// a code), a Completion successor, and every event logged to `log`.
    private func package(log: String) -> Package {
        var p = Package(name: "Wire")
        p.variables = [
            Variable("User::Greeting", type: .wstr, value: .string("")), Variable("User::Zero", type: .i4, value: .int(0)),
            Variable("User::N", type: .i4, value: .int(0)),
        ]
        p.logProviders = [LogProvider("Json", kind: "sluice.log.jsonl", path: log)]
        p.root.logging = LoggingOptions(providers: ["Json"])
        p.executables = [
            .task("Greet", component: "examples.hello-c", properties: [("name", "Ada, \"the first\""), ("variable", "User::Greeting")]),
            .task("Divide", component: "sluice.expression", properties: [("expression", "@[User::N] = 1 / @[User::Zero]")]),
            .task("After", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "7")]),
        ]
        p.connect("Greet", to: "Divide")
        p.constraints.append(PrecedenceConstraint(from: "Divide", to: "After", value: .completion))
        return p
    }

    @Test func eventsJSONAndTheJSONLinesLogAgreeLineForLine() throws {
        let f = try CLIFixture()
        let log = f.directory.appendingPathComponent("run.jsonl").path
        let r = try f.sluice(["run", try f.save(package(log: log)), "--events-json"])
        #expect(r.status == 1, "\(r.standardError)")

        let printed = r.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(printed.last == "" && logged.last == "", "each output ends with a line break")
        #expect(printed.count > 10)
        #expect(printed == logged)

        let records = try printed.dropLast().map { try EventRecord(jsonLine: $0) }
        #expect(records.map(\.jsonLine) == Array(printed.dropLast()), "what is read back writes the same bytes")
        #expect(Set(records.map(\.executionID)).count == 1 && records.first?.executionID != nil)
        #expect(records.allSatisfy { $0.version == 1 && $0.source != nil })
        let error = try #require(records.first { $0.event == .error })
        #expect(error.code == SluiceMessage.expressionDivideByZero.code)
        #expect(error.name == "SLUICE_E_EXPRESSION_DIVIDE_BY_ZERO")
        #expect(error.source?.path == "\\Package\\Divide" && error.source?.component == "sluice.expression")
        #expect(records.contains { $0.event == .progress && $0.percent != nil && $0.source?.component == "examples.hello-c" })
        let last = try #require(records.last)
        #expect(last.event == .postExecute && last.source?.kind == .package && last.result == .failure)
        #expect(last.durationMicroseconds != nil)
    }

    @Test func aFailureBeforeTheRunIsARecordToo() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["run", f.directory.appendingPathComponent("missing.sluice.json").path, "--events-json"])
        #expect(r.status == 4, "\(r.standardError)")
        let line = try #require(r.standardOutput.split(separator: "\n").first.map(String.init))
        let record = try EventRecord(jsonLine: line)
        #expect(record.event == .error)
        #expect(record.code == SluiceMessage.packageNotFound.code && record.name == "SLUICE_E_PACKAGE_NOT_FOUND")
        #expect(record.source == nil && record.executionID == nil)
    }
}

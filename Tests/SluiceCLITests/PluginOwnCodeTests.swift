import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// A plugin's own code (`err->code`, 100000-199999) from a failed `create` or `set_property`
/// reaches the OnError event (`--events-json`) and the log, for each kind a package uses:
/// through the real binary, with FixtureGood told to fail (see its header comment).
@Suite struct PluginOwnCodeTests {
    /// A failing call: the component, how to make it fail, and the code it gives.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let component: String
        /// The function named in the error's text.
        let function: String
        let code: Int32
        /// A property value the plugin refuses in `set_property`; nil: its `create` is refused.
        let refused: (String, JSONValue)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "task create", component: "fixtures.good.echo", function: "create", code: 100_111, refused: nil),
        Case(name: "task set_property", component: "fixtures.good.echo", function: "set_property(count)", code: 100_112, refused: ("count", -1)),
        Case(name: "enumerator create", component: "fixtures.good.numbers", function: "create", code: 100_411, refused: nil),
        Case(name: "enumerator set_property", component: "fixtures.good.numbers", function: "set_property(failAt)", code: 100_412, refused: ("failAt", -1)),
        Case(name: "log provider create", component: "fixtures.good.filelog", function: "create", code: 100_611, refused: nil),
        Case(name: "log provider set_property", component: "fixtures.good.filelog", function: "set_property(failValidate)", code: 100_612, refused: ("failValidate", 2)),
    ]

    /// A package that uses `c.component` (with the refused value, if any) and logs every event
    /// to the JSON-lines file `log` and, through the plugin provider, to `pluginLog`.
    private func package(_ c: Case, log: String, pluginLog: String) -> Package {
        var p = Package(name: "OwnCode")
        p.variables = [Variable("User::Out", type: .wstr, value: .string("")), Variable("User::N", type: .i8, value: .int(0))]
        let refused = c.refused.map { [$0] } ?? []
        let pluginProperties = c.component == "fixtures.good.filelog" ? refused : []
        p.logProviders = [
            LogProvider("Json", kind: "sluice.log.jsonl", path: log),
            LogProvider("File", kind: "fixtures.good.filelog", path: pluginLog, properties: JSONObject(pluginProperties)),
        ]
        p.root.logging = LoggingOptions(providers: ["Json", "File"])
        switch c.component {
        case "fixtures.good.echo":
            p.executables = [.task("Echo", component: c.component, properties: [("message", "hi")] + refused)]
        case "fixtures.good.numbers":
            var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
                .plugin(component: c.component, properties: JSONObject(refused)), mappings: [VariableMapping("User::N")])))
            loop.executables = [.task("Inner", component: "sluice.expression", properties: [("expression", "@[User::Out] = \"x\"")])]
            p.executables = [loop]
        default:
            p.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "1")])]
        }
        return p
    }

    @Test(arguments: cases)
    func aPluginsOwnCodeReachesTheErrorEventAndTheLog(_ c: Case) throws {
        let f = try CLIFixture(plugins: ["FixtureGood"])
        let log = f.directory.appendingPathComponent("run.jsonl").path
        let pluginLog = f.directory.appendingPathComponent("plugin.log").path
        let path = try f.save(package(c, log: log, pluginLog: pluginLog))
        let environment = c.refused == nil ? ["SLUICE_FIXTURE_REFUSE_CREATE": c.component] : [:]
        let r = try f.sluice(["run", path, "--events-json"], environment: environment)
        #expect(r.status == 1, "\(r.transcript)")

        // The event: the plugin's code, the host's message code, and the text naming the call.
        let printed = try r.standardOutput.split(separator: "\n").map { try EventRecord(jsonLine: String($0)) }
        let errors = printed.filter { $0.event == .error }
        #expect(errors.count == 1, "\(r.transcript)")
        let error = try #require(errors.first)
        #expect(error.pluginCode == c.code, "\(r.transcript)")
        #expect(error.code == SluiceMessage.pluginCallFailed.code)
        let text = "SLUICE_E_PLUGIN_CALL_FAILED (30009): \(c.component): \(c.function) failed: "
        #expect(error.message.hasPrefix(text) && error.message.hasSuffix(" [plugin code \(c.code)]"), "\(error.message)")

        if c.component == "fixtures.good.filelog" {
            // A provider that cannot be made fails validation before any provider opens.
            #expect(!FileManager.default.fileExists(atPath: log) && !FileManager.default.fileExists(atPath: pluginLog))
        } else {
            // The logs: the JSON-lines provider writes the same record; the plugin provider gets
            // the plugin's code as the entry's code ("event|source|code|message").
            let logged = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { try EventRecord(jsonLine: String($0)) }
            #expect(logged.filter { $0.event == .error }.map(\.jsonLine) == [error.jsonLine], "the log has the same OnError")
            let entries = try String(contentsOfFile: pluginLog, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("OnError|") }
            #expect(entries.count == 1, "\(entries)")
            #expect(entries.allSatisfy { $0.hasPrefix("OnError|\(error.source?.name ?? "?")|\(c.code)|\(text)") }, "\(entries)")
        }

        // The console of a plain run, and of `sluice validate`, prints the same error.
        for command in ["run", "validate"] {
            let plain = try f.sluice([command, path], environment: environment)
            #expect(plain.status == 1, "\(command)")
            #expect(plain.standardError.contains(": \(error.message)"), "\(plain.transcript)")
        }
    }
}

import Foundation
import SluiceComponents
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// One meaning per status (issue 7, row 2): the end of an enumerator's items is not an error
/// code, and SLUICE_E_CANCELED means canceled only when a cancel was asked for.
@Suite struct PluginStatusTests {
    private func registry() throws -> ComponentRegistry {
        let registry = ComponentRegistry()
        try BuiltInComponents.register(into: registry)
        registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        return registry
    }

    private func loop(limit: Int64, failAt: Int64) -> Package {
        var p = Package(name: "Numbers")
        p.variables = [Variable("User::N", type: .i8, value: .int(0)), Variable("User::Sum", type: .i8, value: .int(0))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "fixtures.good.numbers", properties: JSONObject([("limit", .int(limit)), ("failAt", .int(failAt))])),
            mappings: [VariableMapping("User::N")])))
        loop.executables = [.task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::N]")])]
        p.executables = [loop]
        return p
    }

    @Test func noMoreItemsEndsTheLoopNormally() throws {
        let result = PackageRunner(registry: try registry()).run(loop(limit: 4, failAt: 0))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(10))
    }

    @Test func notFoundFromNextFailsTheLoopInsteadOfEndingIt() throws {
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry()).run(loop(limit: 4, failAt: 3), options: RunOptions(eventSink: sink))
        #expect(result.result == .failure)
        #expect(result.variables["User::Sum"]?.value == .int(3), "items 1 and 2 ran, then the loop failed")
        let errors = sink.events(.error)
        // The plugin's own code (err->code) is the event's; the host's message code stays in the text.
        #expect(errors.contains { $0.code == 100_404 && $0.message.contains("SLUICE_E_PLUGIN_CALL_FAILED") && $0.message.contains("the next number is missing") },
                "\(errors.map { "\($0.code) \($0.message)" })")
    }

    @Test func aPluginsOwnCodeReachesTheErrorEventOfAFailedExecute() throws {
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry()).run(statusTask(4), options: RunOptions(eventSink: sink))  // SLUICE_E_FAILED
        #expect(result.executableResults["\\Package\\Echo"] == .failure)
        #expect(sink.events(.error).contains { $0.code == 100_004 && $0.message.contains("[plugin code 100004]") },
                "\(sink.events(.error).map { "\($0.code) \($0.message)" })")
    }

    /// A refused `set_property` of each kind: the event's code is the plugin's, the host's
    /// message code rides along (the real binary's view: Tests/SluiceCLITests/PluginOwnCodeTests).
    @Test(arguments: [("task", 100_112), ("enumerator", 100_412), ("log provider", 100_612)] as [(String, Int32)])
    func aPluginsOwnCodeFromARefusedSetPropertyIsTheErrorEventsCode(kind: String, code: Int32) throws {
        var p = Package(name: "Refused")
        switch kind {
        case "task":
            p = statusTask(0)
            p.executables[0].set("count", -1)
        case "enumerator":
            p = loop(limit: 3, failAt: -1)
        default:
            p.logProviders = [LogProvider("File", kind: "fixtures.good.filelog", path: "/nonexistent/refused.log", properties: JSONObject([("failValidate", .int(2))]))]
            p.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "1")])]
            p.variables = [Variable("User::N", type: .i8, value: .int(0))]
        }
        let sink = RecordingEventSink()
        #expect(PackageRunner(registry: try registry()).run(p, options: RunOptions(eventSink: sink)).result == .failure)
        let errors = sink.events(.error)
        #expect(errors.map(\.code) == [code], "\(errors.map { "\($0.code) \($0.message)" })")
        #expect(errors.first?.messageCode == SluiceMessage.pluginCallFailed.code)
    }

    @Test func onlyCodesInThePluginRangeOrTheReferenceAreKept() {
        #expect(PluginCodes.accepted(100_000) == 100_000)
        #expect(PluginCodes.accepted(199_999) == 199_999)
        #expect(PluginCodes.accepted(SluiceMessage.sqlFailed.code) == SluiceMessage.sqlFailed.code)
        #expect(PluginCodes.accepted(0) == nil)
        #expect(PluginCodes.accepted(42) == nil)
        #expect(PluginCodes.accepted(200_000) == nil)
        #expect(PluginCodes.accepted(-1) == nil)
    }

    private func statusTask(_ status: Int64) -> Package {
        var p = Package(name: "Status")
        p.root.maximumErrorCount = 0
        p.variables = [Variable("User::Out", type: .wstr, value: .string(""))]
        p.executables = [
            .task("Echo", component: "fixtures.good.echo", properties: [("message", "hi"), ("status", .int(status))]),
            .task("After", component: "fixtures.good.echo", properties: [("message", "after")]),
        ]
        p.constraints = [PrecedenceConstraint(from: "Echo", to: "After", value: .completion)]
        return p
    }

    @Test func canceledWithoutACancelRequestIsAFailure() throws {
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry()).run(statusTask(5), options: RunOptions(eventSink: sink))  // SLUICE_E_CANCELED
        #expect(result.executableResults["\\Package\\Echo"] == .failure)
        #expect(sink.events(.error).contains { $0.code == SluiceMessage.pluginCanceledUnasked.code }, "\(sink.events(.error).map(\.message))")
        // A Failure, so the Completion constraint holds: the successor runs (it was skipped before).
        #expect(result.executableResults["\\Package\\After"] == .success)
        #expect(result.variables["User::Out"]?.value == .string("after"))
    }
}

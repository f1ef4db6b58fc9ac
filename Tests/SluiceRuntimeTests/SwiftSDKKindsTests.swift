import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Every component kind of the Swift SDK, loaded from a real shared library
/// (`Tests/Fixtures/FixtureSwiftKinds`) and run through packages.
@Suite struct SwiftSDKKindsTests {
    private func fixture() throws -> RuntimeFixture {
        let f = try RuntimeFixture()
        let report = f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureSwiftKinds"]).path])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error))")
        return f
    }

    /// A Foreach Loop over `fixtures.swift.countdown` summing the numbers and joining the labels.
    private func countdownPackage(from: Int64, failAt: Int64 = 0) -> Package {
        var p = Package(name: "Countdown")
        p.variables = [
            Variable("User::N", type: .i8, value: .int(0)), Variable("User::Sum", type: .i8, value: .int(0)),
            Variable("User::Label", type: .wstr, value: .string("")), Variable("User::Labels", type: .wstr, value: .string("")),
        ]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "fixtures.swift.countdown", properties: JSONObject([("from", .int(from)), ("failAt", .int(failAt))])),
            mappings: [VariableMapping("User::N"), VariableMapping("User::Label", index: 1)])))
        loop.executables = [
            .task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::N]")]),
            .task("Join", component: "sluice.expression", properties: [("expression", "@[User::Labels] = @[User::Labels] + @[User::Label] + \";\"")]),
        ]
        p.executables = [loop]
        return p
    }

    @Test func aSwiftEnumeratorDrivesAForeachLoopWithEveryColumn() throws {
        let f = try fixture()
        let result = f.run(countdownPackage(from: 3))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(6))
        #expect(result.variables["User::Labels"]?.value == .string("item 3;item 2;item 1;"), "the second column, a string")
    }

    @Test func anErrorThrownByASwiftEnumeratorFailsTheLoopWithItsOwnCode() throws {
        let f = try fixture()
        let result = f.run(countdownPackage(from: 5, failAt: 3))
        #expect(result.result == .failure)
        #expect(result.variables["User::Sum"]?.value == .int(9), "items 5 and 4 ran before the failure")
        #expect(f.sink.events(.error).contains { $0.code == 100_042 && $0.message.contains("item 3 is unreadable") },
                "\(f.sink.events(.error).map { "\($0.code) \($0.message)" })")
    }

    @Test func aSwiftEnumeratorsValidationRunsBeforeAnythingExecutes() throws {
        let f = try fixture()
        let result = f.run(countdownPackage(from: -1))
        #expect(result.result == .failure)
        #expect(f.sink.events(.error).contains { $0.code == 100_041 }, "\(f.sink.events(.error).map { "\($0.code) \($0.message)" })")
        #expect(f.sink.events(.preExecute).filter { $0.source.name == "Sum" }.isEmpty)
    }

    @Test func aSwiftLogProviderGetsItsSettingsAndEveryEntryBetweenOpenAndClose() throws {
        let dir = try BuildProducts.temporaryDirectory("swiftlog")
        let path = dir.appendingPathComponent("lines.log").path
        let f = try fixture()
        var p = Package(name: "Logged")
        p.logProviders = [LogProvider("Lines", kind: "fixtures.swift.lines", path: path)]
        p.root.logging = LoggingOptions(providers: ["Lines"], events: [.error, .postExecute])
        p.root.maximumErrorCount = 0
        p.executables = [.task("Broken", component: "fixtures.swift.throws")]
        _ = f.run(p)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "open")
        #expect(lines.last == "close")
        #expect(lines.filter { $0 == "open" }.count == 1 && lines.filter { $0 == "close" }.count == 1)
        #expect(lines.contains { $0.hasPrefix("OnError|Broken|100077|") && $0.contains("the fixture failed on purpose") }, "\(lines)")
        #expect(lines.contains("OnPostExecute|Logged|0|"), "\(lines)")
    }

    @Test func aSwiftLogProviderThatCannotOpenIsAWarningAndNeverClosed() throws {
        let dir = try BuildProducts.temporaryDirectory("swiftlog")
        let path = dir.appendingPathComponent("lines.log").path
        let f = try fixture()
        var p = Package(name: "Logged")
        p.logProviders = [LogProvider("Lines", kind: "fixtures.swift.lines", path: path, properties: JSONObject([("failOpen", true)]))]
        p.root.logging = LoggingOptions(providers: ["Lines"])
        p.executables = [RuntimeFixture.record("A")]
        #expect(f.run(p).result == .success)
        // The warning carries the plugin's own code; the host's code stays in the message.
        let warnings = f.sink.events(.warning)
        #expect(warnings.contains { $0.code == 100_051 && $0.message.contains("SLUICE_W_LOG_PROVIDER_FAILED") },
                "\(warnings.map { "\($0.code) \($0.message)" })")
        let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(!lines.contains("open") && !lines.contains("close"), "\(lines)")
    }

    @Test func aSwiftConnectionManagerKindIsValidatedAndItsStringReachesASwiftTask() throws {
        let f = try fixture()
        var p = Package(name: "Connected")
        p.connections = [ConnectionManager("Store", kind: "fixtures.swift.memory", connectionString: "memory:orders")]
        p.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        p.executables = [.task("Use", component: "fixtures.swift.connected", properties: [("connection", "Store"), ("variable", "User::Seen")])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Seen"]?.value == .string("memory:orders"))
    }

    @Test(arguments: [(false, Int32(100_077), "the fixture failed on purpose"), (true, Int32(0), "the disk is full")])
    func errorsThrownInSwiftBecomeAFailureWithTheirMessage(plainSwiftError: Bool, code: Int32, message: String) throws {
        let f = try fixture()
        var p = Package(name: "Throws")
        p.executables = [.task("Throw", component: "fixtures.swift.throws", properties: [("swift", .bool(plainSwiftError))])]
        let result = f.run(p)
        #expect(result.result == .failure)
        let errors = f.sink.events(.error).filter { $0.source.name == "Throw" }
        #expect(errors.count == 1, "\(errors.map(\.message))")
        #expect(errors.first?.message.contains(message) == true, "\(errors.map(\.message))")
        if code != 0 { #expect(errors.first?.code == code) }
    }

    /// SDK/README.md, "Instances": inside a loop a task's instance executes every iteration,
    /// unless the task has property expressions, which make a new instance before each execution.
    @Test(arguments: [(false, Int64(3)), (true, Int64(1))])
    func aTaskInstanceLivesAcrossLoopIterationsUnlessItHasPropertyExpressions(withExpression: Bool, count: Int64) throws {
        let f = try fixture()
        var p = Package(name: "Loop")
        p.variables = [Variable("User::Count", type: .i8, value: .int(0))]
        var counter = Executable.task("Count", component: "fixtures.swift.counter", properties: [("variable", "User::Count")])
        if withExpression { counter.propertyExpressions = ["label": "\"iteration\""] }
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(.items([[1], [2], [3]]), mappings: [])))
        loop.executables = [counter]
        p.executables = [loop]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Count"]?.value == .int(count))
    }

    /// SDK/README.md, "Instances": an enumerator's loop that runs again (inside an outer loop)
    /// walks a new instance, so each instance sees exactly one `begin`.
    @Test func anInnerLoopsEnumeratorIsANewInstanceEachTimeTheLoopRuns() throws {
        let f = try fixture()
        var p = Package(name: "Nested")
        p.variables = [Variable("User::Walks", type: .i8, value: .int(0)), Variable("User::Sum", type: .i8, value: .int(0))]
        var inner = Executable("Inner", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "fixtures.swift.countdown", properties: JSONObject([("from", 1)])),
            mappings: [VariableMapping("User::Walks", index: 2)])))
        inner.executables = [.task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::Walks]")])]
        var outer = Executable("Outer", kind: .foreachLoop(ForeachLoopSpecification(.items([[1], [2], [3]]), mappings: [])))
        outer.executables = [inner]
        p.executables = [outer]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(3), "1 + 1 + 1: every instance began once")
    }
}

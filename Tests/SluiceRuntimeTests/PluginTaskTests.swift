import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Plugin tasks run through the C ABI: the same greeting task written in C and in Swift.
@Suite struct PluginTaskTests {
    static let greeters = [("SluiceHelloC", "examples.hello-c"), ("SluiceHelloSwift", "examples.hello-swift")]

    private func registry(_ products: [String]) throws -> ComponentRegistry {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: products).path])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error))")
        return registry
    }

    private func greetingPackage(_ component: String, steps: Int64 = 4, delayMs: Int64 = 0) -> Package {
        var p = Package(name: "Greeting")
        p.variables = [Variable("User::Greeting", type: .wstr, value: .string("")), Variable("User::Value", type: .wstr, value: .string(""))]
        var task = Executable.task("Greet", component: component, properties: [
            ("name", "Ada"), ("variable", "User::Greeting"), ("steps", .int(steps)), ("delayMs", .int(delayMs)),
        ])
        task.executionValueVariable = "User::Value"
        p.executables = [task]
        return p
    }

    @Test(arguments: greeters)
    func greetingTaskWritesItsVariableAndRaisesEvents(product: String, component: String) throws {
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry([product])).run(greetingPackage(component), options: RunOptions(eventSink: sink))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Greeting"]?.value == .string("Hello, Ada!"))
        #expect(result.variables["User::Value"]?.value == .string("Hello, Ada!"), "the execution value")
        #expect(sink.events(.progress).map(\.percent) == [25, 50, 75, 100])
        #expect(sink.events(.information).contains { $0.message == "Hello, Ada!" && $0.source.name == "Greet" })
    }

    @Test(arguments: greeters)
    func greetingTaskHonoursCancellation(product: String, component: String) throws {
        let cancel = RunCancellation()
        let sink = RecordingEventSink()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { cancel.cancel() }
        let result = PackageRunner(registry: try registry([product])).run(
            greetingPackage(component, steps: 1000, delayMs: 10), options: RunOptions(eventSink: sink, cancellation: cancel))
        #expect(result.result == .canceled)
        #expect(result.variables["User::Greeting"]?.value == .string(""))
        #expect(sink.events(.progress).count < 1000)
    }

    @Test(arguments: greeters)
    func pluginValidationErrorIsReportedOnce(product: String, component: String) throws {
        var p = greetingPackage(component)
        p.executables[0].set("steps", 0)
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry([product])).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .failure)
        #expect(sink.events(.error).count == 1, "\(sink.events(.error).map(\.message))")
        #expect(sink.events(.preExecute).isEmpty)
    }

    @Test func pluginWritingAReadOnlyVariableGetsAClearError() throws {
        var p = greetingPackage("examples.hello-c")
        p.executables[0].set("variable", "System::PackageName")
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry(["SluiceHelloC"])).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .failure)
        #expect(sink.events(.error).contains { $0.message.contains("read-only") })
    }

    @Test func customEventsAndIntegerExecutionValuesCrossTheABI() throws {
        var p = Package(name: "Echo")
        p.variables = [Variable("User::Out", type: .wstr, value: .string("")), Variable("User::Count", type: .i4, value: .int(0))]
        var echo = Executable.task("Echo", component: "fixtures.good.echo", properties: [("message", "ping"), ("count", 7)])
        echo.executionValueVariable = "User::Count"
        p.executables = [echo]
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry(["FixtureGood"])).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .success)
        #expect(result.variables["User::Out"]?.value == .string("ping"))
        #expect(result.variables["User::Count"]?.value == .int(7))
        #expect(sink.events(.custom).filter { $0.customName == "Echoed" }.count == 1)
    }

    /// `set_property` hands the whole value with its length (it was cut at the first NUL), and
    /// `variable_set` takes every byte back.
    @Test func aPropertyWithANulInsideCrossesTheABIWhole() throws {
        var p = Package(name: "Nul")
        p.variables = [Variable("User::Out", type: .wstr, value: .string(""))]
        p.executables = [.task("Echo", component: "fixtures.good.echo", properties: [("message", .string("A\u{0}B"))])]
        let result = PackageRunner(registry: try registry(["FixtureGood"])).run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Out"]?.value == .string("A\u{0}B"))
    }

    /// `write_log` does what the header says: a `PluginLog` custom entry at every level, DEBUG
    /// included, and no OnInformation/OnWarning/OnError (an ERROR line counts no error).
    @Test func writeLogWritesCustomLogEntriesAtEveryLevelAndRaisesNoOtherEvent() throws {
        var p = Package(name: "Echo")
        p.variables = [Variable("User::Out", type: .wstr, value: .string(""))]
        p.executables = [.task("Echo", component: "fixtures.good.echo", properties: [("message", "ping")])]
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry(["FixtureGood"])).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .success)
        let lines = sink.events(.custom).filter { $0.customName == "PluginLog" }.map(\.message)
        #expect(lines == ["DEBUG: ping", "INFO: ping", "WARNING: ping", "ERROR: ping"])
        #expect(sink.events(.error).isEmpty)
        #expect(sink.events(.warning).isEmpty)
        #expect(sink.events(.information).map(\.message) == ["ping"], "only the task's own fire_information")
    }

    @Test func aPluginComponentOfAnotherKindCannotBeUsedAsATask() throws {
        var p = Package(name: "Kind")
        p.executables = [.task("Numbers", component: "fixtures.good.numbers")]
        let sink = RecordingEventSink()
        let result = PackageRunner(registry: try registry(["FixtureGood"])).run(p, options: RunOptions(eventSink: sink))
        #expect(result.result == .failure)
        #expect(sink.events(.error).map(\.code) == [SluiceMessage.componentKindMismatch.code])
    }
}

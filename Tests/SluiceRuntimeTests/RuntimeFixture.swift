import Foundation
import SluiceComponents
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport

/// A registry with the test components, a log of what ran, and a helper to run packages.
struct RuntimeFixture {
    let log = TestLog()
    let probe = ConcurrencyProbe()
    let registry = ComponentRegistry()
    let sink = RecordingEventSink()

    init() throws {
        try TestComponents.register(into: registry, log: log, probe: probe)
        try BuiltInComponents.register(into: registry)
    }

    func run(_ package: Package, _ options: RunOptions = RunOptions()) -> RunResult {
        var options = options
        options.eventSink = sink
        return PackageRunner(registry: registry).run(package, options: options)
    }

    func validate(_ package: Package) -> RunResult {
        PackageRunner(registry: registry).validate(package, options: RunOptions(eventSink: sink))
    }

    static func record(_ name: String, variable: String? = nil, value: String? = nil) -> Executable {
        var props: [(String, JSONValue)] = [("label", .string(name))]
        if let variable { props.append(("variable", .string(variable))) }
        if let value { props.append(("value", .string(value))) }
        return .task(name, component: "test.record", properties: props)
    }

    static func fail(_ name: String, errors: Int64 = 1, result: String = "Failure") -> Executable {
        .task(name, component: "test.fail", properties: [("errors", .int(errors)), ("result", .string(result))])
    }

    /// The error codes raised during the run.
    var errorCodes: [Int32] { sink.events(.error).map(\.code) }
}

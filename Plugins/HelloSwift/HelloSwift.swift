// The example Swift plugin: the same greeting task as Plugins/HelloC, written with SluiceSDK.
//
//     swift build --product SluiceHelloSwift      # .build/debug/libSluiceHelloSwift.so
//
// The library exports one symbol, sluice_plugin_entry; everything else is reached through the
// descriptor it returns.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SluiceSDK

/// Greets `name` in `steps` steps, stores "Hello, <name>!" in a variable and returns it.
///
/// ```json
/// { "type": "examples.hello-swift", "properties": { "name": "Ada", "variable": "User::Greeting" } }
/// ```
final class HelloTask: PluginTask {
    static let id = "examples.hello-swift"
    static let displayName = "Hello (Swift)"
    static let summary = "Stores \"Hello, <name>!\" in a variable, reporting progress step by step."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "name", type: .string, defaultValue: "world", description: "Who to greet."),
        PluginProperty(
            name: "variable", type: .string, required: true,
            description: "The variable that receives the greeting, qualified like User::Greeting."),
        PluginProperty(name: "steps", type: .int64, defaultValue: "4", description: "How many progress steps."),
        PluginProperty(
            name: "delayMs", type: .int64, defaultValue: "0", description: "Milliseconds to wait in each step."),
    ]

    private var name = "world"
    private var variable = ""
    private var steps: Int64 = 4
    private var delayMs: Int64 = 0

    init() {}

    func setProperty(_ property: String, _ value: PluginValue) throws {
        switch (property, value) {
        case ("name", .string(let text)): name = text
        case ("variable", .string(let text)): variable = text
        case ("steps", .int64(let number)): steps = number
        case ("delayMs", .int64(let number)): delayMs = number
        default: throw PluginError(.invalidArgument, "property '\(property)' cannot be set to \(value)")
        }
    }

    func validate(_ context: PluginContext) throws {
        guard !variable.isEmpty else {
            throw PluginError(
                .invalidArgument, "property 'variable' is required: the variable to receive the greeting, like User::Greeting")
        }
        guard steps >= 1 else {
            throw PluginError(.invalidArgument, "property 'steps' must be at least 1, got \(steps)")
        }
        guard delayMs >= 0 else {
            throw PluginError(.invalidArgument, "property 'delayMs' must not be negative, got \(delayMs)")
        }
    }

    func execute(_ context: PluginContext) throws -> PluginValue? {
        let total = max(steps, 1)  // validate refuses steps < 1; never divide by zero regardless
        for step in 1...total {
            if context.isCanceled {
                throw PluginError(.canceled, "canceled before step \(step) of \(total)")
            }
            context.fireProgress(Int(step * 100 / total), "step \(step) of \(total)")
            if delayMs > 0 { sleep(milliseconds: delayMs) }
        }
        let greeting = "Hello, \(name)!"
        try context.setVariable(variable, .string(greeting))
        context.fireInformation(greeting)
        return .string(greeting)
    }

    private func sleep(milliseconds: Int64) {
        var request = timespec(tv_sec: Int(milliseconds / 1000), tv_nsec: Int(milliseconds % 1000) * 1_000_000)
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}

private let plugin = PluginDefinition(
    name: "examples.hello-swift", version: "1.0.0", vendor: "Sluice examples",
    description: "The greeting task of the C example, written in Swift with SluiceSDK.",
    tasks: [HelloTask.self])

/// The one exported symbol. The first call builds the descriptor (see `PluginDefinition`); every
/// call returns the same static `const sluice_plugin_descriptor *`.
@_cdecl("sluice_plugin_entry")
public func sluicePluginEntry() -> UnsafeRawPointer? {
    plugin.descriptorPointer
}

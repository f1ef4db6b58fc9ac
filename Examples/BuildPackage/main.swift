// Builds a package object by object in Swift, validates it, saves it, loads it back, checks the
// copy is identical, and runs it: SPEC §1.1–1.3 in one page.
//
//     swift run sluice-example-build /tmp/nightly.sluice.json
import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime

let output = CommandLine.arguments.dropFirst().first ?? FileManager.default.temporaryDirectory.appendingPathComponent("nightly.sluice.json").path
let workDirectory = URL(fileURLWithPath: output).deletingLastPathComponent().path

// 1. Build: variables, a parameter, a SQLite connection, tasks in a sequence, constraints, a handler.
var package = Package(name: "Nightly", description: "Built in Swift by Examples/BuildPackage")
package.parameters = [Parameter("Region", type: .wstr, value: .string("EMEA"))]
package.connections = [ConnectionManager("Warehouse", kind: "sluice.sqlite", connectionString: workDirectory + "/nightly.db")]
package.variables = [
    Variable("User::Region", type: .wstr, value: .string("")),
    Variable("User::Rows", type: .i8, value: .int(0)),
]

var load = Executable("Load", kind: .sequence)
load.executables = [
    .task("Read region", component: "sluice.setVariable", properties: [("variable", "User::Region"), ("sourceParameter", "Region")]),
    .task("Create table", component: "sluice.executeSQL", properties: [
        ("connection", "Warehouse"),
        ("statement", "CREATE TABLE IF NOT EXISTS sales(region TEXT, amount REAL); DELETE FROM sales"),
    ]),
    .task("Insert", component: "sluice.executeSQL", properties: [
        ("connection", "Warehouse"),
        ("statement", "INSERT INTO sales VALUES (?1, 10.5), (?1, 20.25)"),
        ("parameters", ["User::Region"]),
    ]),
]
load.executables[2].executionValueVariable = "User::Rows"
load.connect("Read region", to: "Insert")
load.connect("Create table", to: "Insert")
package.executables = [load, .task("Announce", component: "sluice.executeProcess", properties: [
    ("executable", "echo"), ("arguments", ["nightly load finished"]),
])]
package.connect("Load", to: "Announce")

var onError = EventHandler(.error)
onError.container.executables = [.task("Log failure", component: "sluice.executeProcess", properties: [
    ("executable", "echo"), ("arguments", ["the nightly load failed"]),
])]
package.eventHandlers = [onError]

// 2. Save, load back, compare.
try PackageFile.save(package, to: output)
let loaded = try PackageFile.load(from: output)
precondition(loaded == package, "a saved package loads back identically")
print("saved \(output) (\(package.executableCount) executables); loaded back identically")

// 3. Validate and run with an event sink.
let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
let events = RecordingEventSink()
let result = PackageRunner(registry: registry).run(loaded, options: RunOptions(eventSink: events))
for e in events.events where e.kind == .error { print("error at \(e.source.path): \(e.message)") }
print("result: \(result.result.rawValue); User::Rows = \(result.variables["User::Rows"]?.value.description ?? "?")")
exit(result.result == .success ? 0 : 1)

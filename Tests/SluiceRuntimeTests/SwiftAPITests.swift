import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// SPEC §1.3: build a package object by object in Swift, validate it, save it, load it back
/// identically, run it.
@Suite struct SwiftAPITests {
    @Test func packageBuiltInSwiftSavesLoadsAndRuns() throws {
        let dir = try BuildProducts.temporaryDirectory("api")
        var package = Package(name: "Built")
        package.parameters = [Parameter("Greeting", type: .wstr, value: .string("hello"))]
        package.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: dir.appendingPathComponent("api.db").path)]
        package.variables = [Variable("User::Text", type: .wstr, value: .string("")), Variable("User::Rows", type: .i8, value: .int(0))]
        var body = Executable("Body", kind: .sequence)
        body.executables = [
            .task("Take parameter", component: "sluice.setVariable", properties: [("variable", "User::Text"), ("sourceParameter", "Greeting")]),
            .task("Store", component: "sluice.executeSQL", properties: [
                ("connection", "Db"), ("statement", "CREATE TABLE t(x TEXT); INSERT INTO t VALUES (?1)"), ("parameters", ["User::Text"]),
            ]),
        ]
        body.executables[1].executionValueVariable = "User::Rows"
        body.connect("Take parameter", to: "Store")
        package.executables = [body]

        let (registry, _) = BuiltInComponents.makeRegistry(pluginDirectories: [])
        let runner = PackageRunner(registry: registry)
        #expect(runner.validate(package).result == .success)

        let path = dir.appendingPathComponent("built.sluice.json").path
        try PackageFile.save(package, to: path)
        let loaded = try PackageFile.load(from: path)
        #expect(loaded == package)
        #expect(PackageFile.encode(loaded) == (try String(contentsOfFile: path, encoding: .utf8)))

        let result = runner.run(loaded, options: RunOptions(parameterValues: ["Greeting": "bonjour"]))
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Text"]?.value == .string("bonjour"))
        #expect(result.variables["User::Rows"]?.value == .int(1))
    }
}

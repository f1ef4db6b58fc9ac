import Foundation
import SluiceCore
import SluiceTestSupport

/// Runs the real `sluice` binary in a fresh directory with a controlled plugin directory.
struct CLIFixture {
    let directory: URL
    let plugins: URL

    init(plugins products: [String] = ["SluiceHelloC"]) throws {
        directory = try BuildProducts.temporaryDirectory("cli")
        plugins = try BuildProducts.pluginDirectory(with: products)
    }

    /// Saves `package` as `name` in the fixture directory and returns its path.
    func save(_ package: Package, as name: String = "package.sluice.json") throws -> String {
        let path = directory.appendingPathComponent(name).path
        try PackageFile.save(package, to: path)
        return path
    }

    func write(_ text: String, as name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The fixture's own plugin cache, so tests neither read nor fill the user's.
    var pluginCache: URL { directory.appendingPathComponent("plugins-cache.json") }

    /// The environment every `sluice` of the fixture gets: only the fixture's plugin directory on
    /// the search path (not even `plugins/` beside the binary, which the demo script fills).
    var environment: [String: String] {
        ["SLUICE_PLUGIN_PATH": plugins.path, "SLUICE_DEFAULT_PLUGIN_DIR": "none", "SLUICE_PLUGIN_CACHE": pluginCache.path]
    }

    /// `sluice ARGS…` in the fixture's environment, `extra` added to it.
    func sluice(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ChildProcess {
        try ChildProcess.run(BuildProducts.sluice, arguments, environment: environment.merging(extra) { $1 }, currentDirectory: directory)
    }

    /// Starts `sluice ARGS…` as `sluice` does, without waiting: for tests that signal it.
    /// Its output goes nowhere.
    func start(_ arguments: [String]) throws -> SpawnedProcess {
        try SpawnedProcess(BuildProducts.sluice, arguments, environment: environment, currentDirectory: directory)
    }

    /// A package with one Set Variable task and one greeting task from the C plugin.
    static func greetingPackage(name: String = "Ada") -> Package {
        var p = Package(name: "Greeting")
        p.variables = [Variable("User::Greeting", type: .wstr, value: .string("")), Variable("User::Limit", type: .i4, value: .int(1))]
        p.executables = [.task("Greet", component: "examples.hello-c", properties: [("name", .string(name)), ("variable", "User::Greeting")])]
        return p
    }
}

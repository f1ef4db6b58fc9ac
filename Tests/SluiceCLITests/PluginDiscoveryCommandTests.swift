import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// Crash-safe discovery through the real `sluice`: libraries that crash, hang or abort while
/// loading are scanned in a child, rejected with the signal or the timeout, and never take down
/// `plugins list`, `validate` or a run that does not use them; verdicts are cached.
@Suite struct PluginDiscoveryCommandTests {
    static let misbehaving = ["FixtureInitCrashes", "FixtureInitHangs", "FixtureEntryAborts"]
    /// Short enough to keep the suite quick, long enough for a loaded machine to scan a good library.
    static let quickTimeout = ["SLUICE_PLUGIN_SCAN_TIMEOUT": "3"]

    /// The lines of the fixture's scan log (one per scanner child started), after running `body`.
    private func scans(_ f: CLIFixture, log: URL) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private func builtInOnlyPackage() -> Package {
        var p = Package(name: "BuiltInOnly")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        p.executables = [.task("Set", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", "7")])]
        return p
    }

    private func packageUsing(_ component: String) -> Package {
        var p = Package(name: "UsesPlugin")
        p.executables = [.task("Use", component: component, properties: [])]
        return p
    }

    @Test func pluginsListSurvivesLibrariesThatCrashHangOrAbortAndGivesEachRejectionItsCode() throws {
        let f = try CLIFixture(plugins: Self.misbehaving + ["SluiceHelloC"])
        let list = try f.sluice(["plugins", "list"], environment: Self.quickTimeout)
        #expect(list.status == 0, "\(list.transcript)")
        #expect(list.standardOutput.contains("examples.hello-c"))
        #expect(!list.standardOutput.contains("fixtures.init-crashes"))
        #expect(list.standardError.contains("libFixtureInitCrashes.so was rejected: SLUICE_E_PLUGIN_SCAN_CRASHED (30030)"))
        #expect(list.standardError.contains("signal SIGSEGV (11)"))
        #expect(list.standardError.contains("signal SIGABRT (6)"))
        #expect(list.standardError.contains("libFixtureInitHangs.so was rejected: SLUICE_E_PLUGIN_SCAN_TIMEOUT (30031)"))

        let rejected = try f.sluice(["plugins", "list", "--rejected"], environment: Self.quickTimeout)
        #expect(rejected.status == 0, "\(rejected.transcript)")
        let rows = rejected.standardOutput.split(separator: "\n").dropFirst()
        #expect(rows.count == 3, "\(rejected.transcript)")
        #expect(rows.contains { $0.contains("libFixtureInitCrashes.so") && $0.contains("SLUICE_E_PLUGIN_SCAN_CRASHED (30030)") && $0.contains("SIGSEGV") })
        #expect(rows.contains { $0.contains("libFixtureEntryAborts.so") && $0.contains("SLUICE_E_PLUGIN_SCAN_CRASHED (30030)") && $0.contains("SIGABRT") })
        #expect(rows.contains { $0.contains("libFixtureInitHangs.so") && $0.contains("SLUICE_E_PLUGIN_SCAN_TIMEOUT (30031)") && $0.contains("within 3 s") })
    }

    @Test func validateAndRunOfAPackageNotUsingThemSucceedWithTheRejectionsAsWarnings() throws {
        let f = try CLIFixture(plugins: Self.misbehaving + ["SluiceHelloC"])
        let path = try f.save(CLIFixture.greetingPackage())
        for command in ["validate", "run"] {
            let r = try f.sluice([command, path, "--report", "EWI"], environment: Self.quickTimeout)
            #expect(r.status == 0, "\(command): \(r.transcript)")
            #expect(r.standardError.contains("SLUICE_E_PLUGIN_SCAN_CRASHED (30030)"), "\(command): \(r.transcript)")
            #expect(r.standardError.contains("SLUICE_E_PLUGIN_SCAN_TIMEOUT (30031)"), "\(command): \(r.transcript)")
        }
    }

    @Test func aRunOfAPackageUsingACrashingLibraryFailsWithACodedError() throws {
        let f = try CLIFixture(plugins: ["FixtureInitCrashes"])
        let r = try f.sluice(["run", try f.save(packageUsing("fixtures.init-crashes.task"))])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_PLUGIN_SCAN_CRASHED (30030)"), "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_COMPONENT_UNKNOWN"), "\(r.transcript)")
    }

    @Test func aWarmCacheStartsNoScannerAndLeavesTheCacheFileAlone() throws {
        let f = try CLIFixture(plugins: ["SluiceHelloC", "FixtureGood", "FixtureInitCrashes"])
        let log = f.directory.appendingPathComponent("scans.log")
        let env = ["SLUICE_PLUGIN_SCAN_LOG": log.path]
        let cold = try f.sluice(["plugins", "list"], environment: env)
        #expect(cold.status == 0, "\(cold.transcript)")
        #expect(scans(f, log: log).count == 3)
        let written = try FileManager.default.attributesOfItem(atPath: f.pluginCache.path)[.modificationDate] as? Date

        let warm = try f.sluice(["plugins", "list"], environment: env)
        #expect(warm.status == 0, "\(warm.transcript)")
        #expect(scans(f, log: log).count == 3, "a warm cache scans nothing")
        #expect(warm.standardOutput == cold.standardOutput)
        #expect(warm.standardError.contains("SIGSEGV"), "the cached rejection keeps its reason")
        let after = try FileManager.default.attributesOfItem(atPath: f.pluginCache.path)[.modificationDate] as? Date
        #expect(written == after, "nothing new: the cache is not rewritten")
    }

    @Test func touchingALibraryScansItAgainAndOnlyIt() throws {
        let f = try CLIFixture(plugins: ["SluiceHelloC", "FixtureGood"])
        let log = f.directory.appendingPathComponent("scans.log")
        let env = ["SLUICE_PLUGIN_SCAN_LOG": log.path]
        #expect(try f.sluice(["plugins", "list"], environment: env).status == 0)
        let touched = f.plugins.appendingPathComponent("libFixtureGood.so")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: touched.path)
        #expect(try f.sluice(["plugins", "list"], environment: env).status == 0)
        let lines = scans(f, log: log)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.last?.hasSuffix("libFixtureGood.so") == true)
    }

    @Test func aCorruptCacheIsIgnoredAndRewritten() throws {
        let f = try CLIFixture(plugins: ["SluiceHelloC"])
        for garbage in ["{not json", #"{"format": "sluice-plugin-cache", "version": 1, "host": "x", "libraries": 7}"#, ""] {
            try garbage.write(to: f.pluginCache, atomically: true, encoding: .utf8)
            let r = try f.sluice(["plugins", "list"])
            #expect(r.status == 0, "\(r.transcript)")
            #expect(r.standardOutput.contains("examples.hello-c"))
            let value = try JSONParser.parse(Array(try Data(contentsOf: f.pluginCache)))
            #expect(value.objectValue?["libraries"]?.arrayValue?.count == 1, "rewritten with the one library")
        }
    }

    @Test func aCacheWrittenByAnotherHostIsIgnored() throws {
        let f = try CLIFixture(plugins: ["SluiceHelloC"])
        let log = f.directory.appendingPathComponent("scans.log")
        let env = ["SLUICE_PLUGIN_SCAN_LOG": log.path]
        #expect(try f.sluice(["plugins", "list"], environment: env).status == 0)
        let text = try String(contentsOf: f.pluginCache, encoding: .utf8)
        let foreign = text.replacingOccurrences(of: #""host": "sluice "#, with: #""host": "sluice 0.0.1-other "#)
        #expect(foreign != text)
        try foreign.write(to: f.pluginCache, atomically: true, encoding: .utf8)
        #expect(try f.sluice(["plugins", "list"], environment: env).status == 0)
        #expect(scans(f, log: log).count == 2, "another host's verdicts are not used")
    }

    @Test func aLibraryWhoseDescriptorDiffersFromTheScanIsACodedErrorNotACrash() throws {
        let f = try CLIFixture(plugins: ["FixtureLoadProbe"])
        #expect(try f.sluice(["plugins", "list"]).status == 0)
        // The cache (same file stamp) now claims another display name than the library declares.
        let text = try String(contentsOf: f.pluginCache, encoding: .utf8)
        let forged = text.replacingOccurrences(of: #""displayName": "Load probe""#, with: #""displayName": "Forged""#)
        #expect(forged != text)
        try forged.write(to: f.pluginCache, atomically: true, encoding: .utf8)
        let r = try f.sluice(["run", try f.save(packageUsing("fixtures.probe.noop"))])
        #expect(r.status == 1, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_E_PLUGIN_CHANGED_SINCE_SCAN (30035)"), "\(r.transcript)")
    }

    @Test func onlyARunThatUsesALibraryOpensIt() throws {
        let f = try CLIFixture(plugins: ["FixtureLoadProbe", "SluiceHelloC"])
        let loads = f.directory.appendingPathComponent("loads.log")
        let env = ["SLUICE_FIXTURE_LOAD_LOG": loads.path]
        let loadCount = { ((try? String(contentsOf: loads, encoding: .utf8)) ?? "").split(separator: "\n").count }
        #expect(try f.sluice(["plugins", "list"], environment: env).status == 0)
        #expect(loadCount() == 1, "the scanner child opened it once")

        let builtIn = try f.save(builtInOnlyPackage(), as: "builtin.sluice.json")
        for args in [["plugins", "list"], ["validate", builtIn], ["run", builtIn]] {
            let r = try f.sluice(args, environment: env)
            #expect(r.status == 0, "\(args): \(r.transcript)")
        }
        #expect(loadCount() == 1, "list, validate and a run that do not use it never dlopen it")

        let uses = try f.sluice(["run", try f.save(packageUsing("fixtures.probe.noop"))], environment: env)
        #expect(uses.status == 0, "\(uses.transcript)")
        #expect(loadCount() == 2, "a run that uses it opens it, once")
    }

    @Test func aProcessAPluginLeftBehindInTheScannerIsKilledWithIt() throws {
        let f = try CLIFixture(plugins: ["FixtureLoadProbe"])
        let daemons = f.directory.appendingPathComponent("daemons.log")
        let env = ["SLUICE_FIXTURE_LOAD_LOG": f.directory.appendingPathComponent("loads.log").path, "SLUICE_FIXTURE_DAEMON_LOG": daemons.path]
        let r = try f.sluice(["plugins", "list"], environment: env)
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardOutput.contains("fixtures.probe.noop"), "a scan that ended well, not a timeout: \(r.transcript)")
        // The scanner's constructor wrote the daemon's pid before the scan could end.
        let pid = ((try? String(contentsOf: daemons, encoding: .utf8)) ?? "").split(separator: "\n").first.flatMap { pid_t($0) }
        let daemon = try #require(pid, "the fixture's daemon never started")
        // Killed with the scanner's process group; gone once its new parent reaps it.
        var alive = true
        for _ in 0..<3000 where alive {  // up to 30 s on a loaded machine
            alive = kill(daemon, 0) == 0 && !Self.isZombie(daemon)
            if alive { usleep(10_000) }
        }
        #expect(!alive, "the daemon \(daemon) outlived the scan")
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        return stat.split(separator: ")").last?.split(separator: " ").first == "Z"
    }

    @Test func concurrentSluiceProcessesShareOneCacheWithoutLosingEntries() throws {
        let f = try CLIFixture(plugins: [])
        let products = ["SluiceHelloC", "FixtureGood", "FixtureLoadProbe", "FixtureInitFails", "FixtureValidateFails", "FixtureInitCrashes"]
        let dirs = try products.map { try BuildProducts.pluginDirectory(with: [$0]) }
        let processes = try dirs.map { dir in
            try SpawnedProcess(BuildProducts.sluice, ["plugins", "list", "--plugin-dir", dir.path], environment: f.environment)
        }
        #expect(processes.map { $0.blockingWait() }.allSatisfy { $0 == 0 })
        let value = try JSONParser.parse(Array(try Data(contentsOf: f.pluginCache)))
        let paths = Set((value.objectValue?["libraries"]?.arrayValue ?? []).compactMap { $0.objectValue?["path"]?.stringValue })
        for (dir, product) in zip(dirs, products) {
            #expect(paths.contains { $0.hasPrefix(dir.resolvingSymlinksInPath().path) && $0.hasSuffix("lib\(product).so") }, "\(product)")
        }
    }

    @Test func theScannerModeIsHiddenAndReportsOneJSONDocument() throws {
        let f = try CLIFixture(plugins: ["FixtureInitFails"])
        let help = try f.sluice(["plugins", "--help"])
        #expect(!help.standardOutput.contains("scan-one"), "\(help.transcript)")
        let r = try f.sluice(["plugins", "scan-one", f.plugins.appendingPathComponent("libFixtureInitFails.so").path])
        #expect(r.status == 0, "\(r.transcript)")
        let doc = try #require(try JSONParser.parse(Array(r.standardOutput.utf8)).objectValue)
        #expect(doc["format"]?.stringValue == "sluice-plugin-scan")
        let rejected = try #require(doc["rejected"]?.objectValue)
        #expect(rejected["name"]?.stringValue == "SLUICE_E_PLUGIN_INIT_FAILED")
        #expect(rejected["pluginCode"]?.intValue == 100123)
        #expect(try f.sluice(["plugins", "scan-one"]).status == 6, "without a path it is not a command")
    }

    @Test func aScanTimeoutThatIsNotANumberIsABadCommandLine() throws {
        let f = try CLIFixture()
        let r = try f.sluice(["plugins", "list"], environment: ["SLUICE_PLUGIN_SCAN_TIMEOUT": "soon"])
        #expect(r.status == 6, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_PLUGIN_SCAN_TIMEOUT"))
    }
}

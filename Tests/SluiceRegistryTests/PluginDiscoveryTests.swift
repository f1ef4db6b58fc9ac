import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceTestSupport
import Testing

/// The registry side of discovery: the scanner value (child process or in process), the cache,
/// and lazy opening, with real libraries and real child processes.
@Suite struct PluginDiscoveryTests {
    private var sluiceScanner: PluginScanner { .childProcess(ChildProcessScanner(executable: BuildProducts.sluice.path)) }

    /// A scanner that runs `/bin/sh -c SCRIPT` instead of sluice: what a broken scanner looks like.
    private func shell(_ script: String, timeout: Double = 10) -> PluginScanner {
        .childProcess(ChildProcessScanner(executable: "/bin/sh", arguments: ["-c", script, "scanner"], timeout: timeout))
    }

    private func rejection(by scanner: PluginScanner) throws -> RejectedLibrary {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path], scanner: scanner)
        #expect(report.loaded.isEmpty)
        #expect(registry.components.isEmpty)
        return try #require(report.rejected.first)
    }

    @Test func aScannerThatPrintsGarbageExitsNonZeroOrCannotStartRejectsWithItsOwnCode() throws {
        #expect(try rejection(by: shell("echo '{\"format\": 1}'")).code == SluiceMessage.pluginScanOutputInvalid.code)
        #expect(try rejection(by: shell("echo not json")).code == SluiceMessage.pluginScanOutputInvalid.code)
        let exited = try rejection(by: shell("echo 'no such plugin' >&2; exit 3"))
        #expect(exited.code == SluiceMessage.pluginScanExited.code)
        #expect(exited.reason.contains("status 3") && exited.reason.contains("no such plugin"), "\(exited.reason)")
        let killed = try rejection(by: shell("kill -SEGV $$"))
        #expect(killed.code == SluiceMessage.pluginScanCrashed.code)
        #expect(killed.reason.contains("SIGSEGV (11)"))
        let missing = try rejection(by: .childProcess(ChildProcessScanner(executable: "/nonexistent/sluice")))
        #expect(missing.code == SluiceMessage.pluginScanStartFailed.code)
    }

    @Test func aScannerThatClosesItsOutputAndHangsIsKilledAtTheTimeout() throws {
        let r = try rejection(by: shell("exec >&- 2>&-; sleep 30", timeout: 0.5))
        #expect(r.code == SluiceMessage.pluginScanTimedOut.code)
        #expect(r.reason.contains("0.5 s"))
    }

    @Test func aReportIsTakenWhenItEndsEvenIfAProcessLeftBehindHoldsStandardError() throws {
        // The scanner hands its standard error to a background sleeper, then reports and exits.
        let document = ScannerMode.report(scanning: BuildProducts.library("FixtureGood").path)
        let quoted = "'" + document.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(
            from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path],
            scanner: shell("(sleep 5 >/dev/null &) ; printf '%s' \(quoted)", timeout: 20))
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        #expect(registry.entry(for: "fixtures.good.echo") != nil)
    }

    @Test func theChildScannerRegistersComponentsWithoutOpeningTheLibrary() throws {
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path], scanner: sluiceScanner)
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        let library = try #require(registry.loadedLibraries.first)
        #expect(library.name == "fixtures.good" && library.version == "1.2.3")
        #expect(registry.entry(for: "fixtures.good.echo")?.descriptor.property(named: "count")?.defaultValue == .int(1))
        #expect(!library.isOpen && library.rawHandle == nil)

        guard case .task(let make) = try #require(registry.entry(for: "fixtures.good.echo")).factory else {
            Issue.record("echo is a task")
            return
        }
        _ = try make(ResolvedProperties(["message": .string("hi")], owner: "Echo"))
        #expect(library.isOpen, "the first instance opens it")
    }

    @Test func theInProcessScannerWithACacheOpensACachedLibraryOnlyOnFirstUse() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let cache = PluginCache(path: try BuildProducts.temporaryDirectory("cache").appendingPathComponent("c.json").path, host: "test host")
        let first = ComponentRegistry()
        #expect(first.loadPlugins(from: [dir.path], cache: cache).scanned.count == 1)
        #expect(first.loadedLibraries.first?.isOpen == true, "an in-process scan opens it")

        let second = ComponentRegistry()
        let report = second.loadPlugins(from: [dir.path], cache: cache)
        #expect(report.scanned.isEmpty && report.loaded.count == 1)
        #expect(second.loadedLibraries.first?.isOpen == false, "known from the cache: not opened")

        let other = PluginCache(path: cache.path, host: "another host")
        #expect(ComponentRegistry().loadPlugins(from: [dir.path], cache: other).scanned.count == 1, "another host's cache is not used")
    }

    @Test func aLibraryReplacedAfterItsScanIsRefusedWithACodeAndNeverOpened() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let registry = ComponentRegistry()
        registry.loadPlugins(from: [dir.path], scanner: sluiceScanner)
        // Another library copied over the scanned one (a rebuild between the scan and the run).
        let target = dir.appendingPathComponent("libFixtureGood.so")
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: BuildProducts.library("FixtureLoadProbe"), to: target)
        guard case .task(let make) = try #require(registry.entry(for: "fixtures.good.echo")).factory else {
            Issue.record("echo is a task")
            return
        }
        for _ in 0..<2 {  // the failure is remembered, and reported again
            #expect {
                _ = try make(ResolvedProperties(["message": .string("hi")], owner: "Echo"))
            } throws: { ($0 as? SluiceError)?.message == .pluginChangedSinceScan }
        }
        #expect(registry.loadedLibraries.first?.isOpen == false)
    }

    @Test func aForgedCacheEntryIsSkippedAndTheLibraryScannedAgain() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureGood"])
        let cacheFile = try BuildProducts.temporaryDirectory("cache").appendingPathComponent("c.json")
        let cache = PluginCache(path: cacheFile.path, host: "test host")
        ComponentRegistry().loadPlugins(from: [dir.path], cache: cache)
        // A kind that does not exist; a property type that does not exist.
        for (from, to) in [(#""kind": "task""#, #""kind": "teapot""#), (#""type": "integer""#, #""type": "bigint""#)] {
            let text = try String(contentsOf: cacheFile, encoding: .utf8)
            try text.replacingOccurrences(of: from, with: to).write(to: cacheFile, atomically: true, encoding: .utf8)
            let registry = ComponentRegistry()
            let report = registry.loadPlugins(from: [dir.path], cache: cache)
            #expect(report.scanned.count == 1, "the damaged entry is not used")
            #expect(registry.entry(for: "fixtures.good.echo")?.descriptor.kind == .task)
        }
    }
}

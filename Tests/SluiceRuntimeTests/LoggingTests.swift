import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

@Suite struct LoggingTests {
    @Test func textAndJSONLinesProvidersGetTheSelectedEvents() throws {
        let dir = try BuildProducts.temporaryDirectory("logs")
        let text = dir.appendingPathComponent("run.log").path
        let jsonl = dir.appendingPathComponent("run.jsonl").path
        let f = try RuntimeFixture()
        var p = Package(name: "Logged")
        p.logProviders = [LogProvider("Text", kind: "sluice.log.text", path: text), LogProvider("Json", kind: "sluice.log.jsonl", path: jsonl)]
        p.root.logging = LoggingOptions(providers: ["Text", "Json"], events: [.preExecute, .postExecute, .error])
        var quiet = RuntimeFixture.record("Quiet")
        quiet.logging = LoggingOptions(.disabled)
        p.executables = [RuntimeFixture.record("A"), quiet]
        p.connect("A", to: "Quiet")
        #expect(f.run(p).result == .success)

        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n")
        let records = try lines.map { try EventRecord(jsonLine: String($0)) }
        let trail = records.map { "\($0.event.rawValue) \($0.source?.path ?? "no source")" }
        #expect(trail == ["OnPreExecute \\Package", "OnPreExecute \\Package\\A", "OnPostExecute \\Package\\A", "OnPostExecute \\Package"])
        let textLines = try String(contentsOfFile: text, encoding: .utf8).split(separator: "\n")
        #expect(textLines.first?.hasPrefix("#Fields: event,source") == true)
        #expect(textLines.count == 5)
    }

    @Test func providersAppendWhenOpenedAgain() throws {
        let dir = try BuildProducts.temporaryDirectory("logs")
        let jsonl = dir.appendingPathComponent("run.jsonl").path
        var p = Package(name: "Twice")
        p.logProviders = [LogProvider("Json", kind: "sluice.log.jsonl", path: jsonl)]
        p.root.logging = LoggingOptions(providers: ["Json"], events: [.postExecute])
        p.executables = [RuntimeFixture.record("A")]
        _ = try RuntimeFixture().run(p)
        _ = try RuntimeFixture().run(p)
        #expect(try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n").count == 4)
    }

    @Test func unknownProviderKindOrNameFailsValidation() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Bad")
        p.logProviders = [LogProvider("X", kind: "acme.nolog", path: "/tmp/x")]
        p.executables = [RuntimeFixture.record("A")]
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.logProviderUnknown.code])

        let g = try RuntimeFixture()
        var q = Package(name: "BadName")
        q.root.logging = LoggingOptions(providers: ["Missing"])
        q.executables = [RuntimeFixture.record("A")]
        #expect(g.run(q).result == .failure)
        #expect(g.errorCodes == [SluiceMessage.logProviderUnknown.code])
    }

    @Test func aProviderThatCannotWriteIsAWarningNotAFailure() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Unwritable")
        p.logProviders = [LogProvider("Text", kind: "sluice.log.text", path: "/nonexistent/dir/run.log")]
        p.root.logging = LoggingOptions(providers: ["Text"])
        p.executables = [RuntimeFixture.record("A")]
        #expect(f.run(p).result == .success)
        #expect(f.sink.events(.warning).filter { $0.code == SluiceMessage.logProviderFailed.code }.count == 1)
    }
}

@Suite struct PluginLogProviderTests {
    @Test func aPluginLogProviderReceivesEntriesThroughTheABI() throws {
        let dir = try BuildProducts.temporaryDirectory("pluginlog")
        let path = dir.appendingPathComponent("plugin.log").path
        let f = try RuntimeFixture()
        f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        var p = Package(name: "PluginLogged")
        p.logProviders = [LogProvider("File", kind: "fixtures.good.filelog", path: path)]
        p.root.logging = LoggingOptions(providers: ["File"], events: [.error, .postExecute])
        p.root.maximumErrorCount = 0
        p.executables = [RuntimeFixture.fail("Broken")]
        _ = f.run(p)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first == "OnError|Broken|\(SluiceMessage.taskFailed.code)|Broken error 1")
        #expect(lines.contains("OnPostExecute|PluginLogged|0|"))
    }

    /// A fixture with FixtureGood loaded, and a one-task package logging OnPostExecute to the
    /// plugin provider writing `path`.
    private func pluginLogged(_ path: String) throws -> (RuntimeFixture, Package) {
        let f = try RuntimeFixture()
        f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        var p = Package(name: "PluginLogged")
        p.logProviders = [LogProvider("File", kind: "fixtures.good.filelog", path: path)]
        p.root.logging = LoggingOptions(providers: ["File"], events: [.postExecute])
        p.executables = [RuntimeFixture.record("A")]
        return (f, p)
    }

    private func lifecycle(_ path: String) throws -> [String] {
        try String(contentsOfFile: path + ".lifecycle", encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func aPluginLogProviderIsClosedAndDestroyedOncePerRun() throws {
        let dir = try BuildProducts.temporaryDirectory("pluginlog")
        let path = dir.appendingPathComponent("plugin.log").path
        let (f, p) = try pluginLogged(path)
        #expect(f.run(p).result == .success)
        #expect(try lifecycle(path) == ["create", "close", "destroy"])
        #expect(f.validate(p).result == .success)
        #expect(try lifecycle(path) == ["create", "close", "destroy", "create", "close", "destroy"])
    }

    @Test func closeIsNotCalledAfterAFailedOpen() throws {
        let dir = try BuildProducts.temporaryDirectory("pluginlog")
        let path = dir.appendingPathComponent("a-directory").path  // fopen(…, "a") fails: EISDIR
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let (f, p) = try pluginLogged(path)
        _ = f.run(p)
        #expect(f.sink.events(.warning).contains { $0.messageCode == SluiceMessage.logProviderFailed.code })
        #expect(try lifecycle(path) == ["create", "destroy"])
    }

    /// The warning for a failed `open` carries the plugin's own code as its event code and says
    /// it once (it said "[plugin code 100051] [plugin code 100051]").
    @Test func aFailedOpenWarnsOnceWithThePluginsOwnCode() throws {
        let dir = try BuildProducts.temporaryDirectory("pluginlog")
        let path = dir.appendingPathComponent("a-directory").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let (f, p) = try pluginLogged(path)
        #expect(f.run(p).result == .success)
        let warnings = f.sink.events(.warning)
        #expect(warnings.map(\.code) == [100_051])
        #expect(warnings.first?.messageCode == SluiceMessage.logProviderFailed.code)
        #expect(warnings.first?.message == """
            SLUICE_W_LOG_PROVIDER_FAILED (20016): Log provider "File" failed: SLUICE_E_PLUGIN_CALL_FAILED (30009): \
            fixtures.good.filelog: open failed: cannot open \(path) [plugin code 100051]
            """)
    }
}

import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// Stock tasks on plugin connections through the real `sluice` binary and real plugin
/// libraries (`FixtureStockConnection` in C, `FixtureSwiftKinds` in Swift).
@Suite struct StockConnectionCommandTests {
    private func package(_ f: CLIFixture, kind: String, database: String) -> Package {
        var p = Package(name: "Stock")
        p.connections = [ConnectionManager("Db", kind: kind, connectionString: database)]
        p.executables = [.task("Create", component: "sluice.executeSQL", properties: [
            ("connection", "Db"), ("statement", "CREATE TABLE t(x); INSERT INTO t VALUES (1)"),
        ])]
        return p
    }

    @Test func runUsesAPluginSQLiteConnectionWhoseAcquireMadeTheDirectory() throws {
        let f = try CLIFixture(plugins: ["FixtureStockConnection"])
        let database = f.directory.appendingPathComponent("made/db.sqlite").path
        let path = try f.save(package(f, kind: "fixtures.stock.sqlite", database: database))
        let validate = try f.sluice(["validate", path])
        #expect(validate.status == 0, "\(validate.transcript)")
        #expect(!FileManager.default.fileExists(atPath: database), "validate acquires nothing")
        let run = try f.sluice(["run", path])
        #expect(run.status == 0, "\(run.transcript)")
        #expect(FileManager.default.fileExists(atPath: database))
    }

    @Test func validateAndRunRefuseAPluginConnectionOfAnotherKindWithTheSameError() throws {
        let f = try CLIFixture(plugins: ["FixtureStockConnection"])
        let file = f.directory.appendingPathComponent("x.txt").path
        let path = try f.save(package(f, kind: "fixtures.stock.file", database: file))
        let validate = try f.sluice(["validate", path])
        let run = try f.sluice(["run", path])
        #expect(validate.status == 1 && run.status == 1, "\(validate.transcript)\n\(run.transcript)")
        let errors = { (output: String) in output.split(separator: "\n").filter { $0.hasPrefix("Error") } }
        let expected = SluiceMessage.connectionKindWrong
        #expect(errors(validate.standardError).contains { $0.contains("\(expected.name) (\(expected.code))") && $0.contains("follows sluice.file") },
                "\(validate.transcript)")
        #expect(errors(validate.standardError) == errors(run.standardError), "\(validate.transcript)\n\(run.transcript)")
        #expect(!FileManager.default.fileExists(atPath: file), "never acquired")
    }

    @Test func pluginsListShowsTheStockKindASwiftConnectionManagerFollows() throws {
        let f = try CLIFixture(plugins: ["FixtureSwiftKinds"])
        let list = try f.sluice(["plugins", "list"])
        #expect(list.status == 0, "\(list.transcript)")
        let line = try #require(list.standardOutput.split(separator: "\n").first { $0.contains("fixtures.swift.scratchfile") })
        #expect(line.contains("connection-manager (sluice.file)"), "\(line)")
        let memory = try #require(list.standardOutput.split(separator: "\n").first { $0.contains("fixtures.swift.memory") })
        #expect(!memory.contains("(sluice."), "\(memory)")
    }
}

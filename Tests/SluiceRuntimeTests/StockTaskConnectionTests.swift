import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Stock tasks on plugin connection managers whose connection strings follow a stock kind
/// (`connection_kind`), through a real plugin (`Tests/Fixtures/FixtureStockConnection`):
/// `fixtures.stock.sqlite` creates the database's directory in `acquire`, `fixtures.stock.file`
/// writes its file in `acquire` and removes it in `release`, `fixtures.stock.plain` follows
/// no stock kind. Each journals its lifecycle to a file.
@Suite struct StockTaskConnectionTests {
    private let directory: URL
    private let journal: String
    private let f: RuntimeFixture

    init() throws {
        directory = try BuildProducts.temporaryDirectory("stockconn")
        journal = directory.appendingPathComponent("journal").path
        f = try RuntimeFixture()
        let report = f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureStockConnection"]).path])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error))")
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// A connection manager; a plugin's journals to `journal` (the built-in kinds take no properties).
    private func connection(_ name: String, _ kind: String, _ string: String, content: String? = nil) -> ConnectionManager {
        var properties: [(String, JSONValue)] = kind.hasPrefix("sluice.") ? [] : [("journal", .string(journal))]
        if let content { properties.append(("content", .string(content))) }
        return ConnectionManager(name, kind: kind, connectionString: string, properties: JSONObject(properties))
    }

    private static func sql(_ name: String, _ connection: String, _ statement: String, into variable: String? = nil) -> Executable {
        var properties: [(String, JSONValue)] = [("connection", .string(connection)), ("statement", .string(statement))]
        if let variable { properties += [("resultSet", "singleRow"), ("resultVariables", .array([.string(variable)]))] }
        return .task(name, component: "sluice.executeSQL", properties: properties)
    }

    private static func copy(_ name: String, sourceConnection: String, to destination: String) -> Executable {
        .task(name, component: "sluice.fileSystem", properties: [
            ("operation", "copyFile"), ("sourceConnection", .string(sourceConnection)), ("destination", .string(destination)),
        ])
    }

    /// A package running `executables` in a chain over `connections`.
    private func chain(_ connections: [ConnectionManager], _ executables: [Executable]) -> Package {
        var p = Package(name: "Stock")
        p.variables = [Variable("User::X", type: .i8, value: .int(0))]
        p.connections = connections
        p.executables = executables
        for (from, to) in zip(executables, executables.dropFirst()) { p.connect(from.name, to: to.name) }
        return p
    }

    private var lines: [String] {
        get throws { try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init) }
    }

    @Test func executeSQLRunsThroughAPluginConnectionWhoseAcquireMadeTheDatabasesDirectory() throws {
        let database = path("made-by-acquire/warehouse.db")
        let p = chain([connection("Db", "fixtures.stock.sqlite", database)], [
            Self.sql("Create", "Db", "CREATE TABLE t(x); INSERT INTO t VALUES (42)"),
            Self.sql("Read", "Db", "SELECT x FROM t", into: "User::X"),
        ])
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::X"]?.value == .int(42))
        #expect(FileManager.default.fileExists(atPath: database))
        #expect(try lines == [
            "create sqlite", "validate \(database)", "acquire \(database)", "release \(database)", "destroy \(database)",
        ])
    }

    @Test func withoutThePluginsAcquireTheSameDatabasePathCannotBeOpened() throws {
        // The control for the test above: a built-in connection does no work before the task.
        let database = path("made-by-acquire/warehouse.db")
        let p = chain([ConnectionManager("Db", kind: "sluice.sqlite", connectionString: database)], [
            Self.sql("Create", "Db", "CREATE TABLE t(x)"),
        ])
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.sqlOpenFailed.code])
    }

    @Test func aFileSystemTaskCopiesTheFileAPluginConnectionWritesOnAcquire() throws {
        let secret = path("decrypted.txt"), copied = path("copy.txt")
        let p = chain([connection("Secret", "fixtures.stock.file", secret, content: "plain text")], [
            Self.copy("Copy", sourceConnection: "Secret", to: copied),
        ])
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(try String(contentsOfFile: copied, encoding: .utf8) == "plain text")
        #expect(!FileManager.default.fileExists(atPath: secret), "release removed the plugin's file")
        #expect(try lines == ["create file", "validate \(secret)", "acquire \(secret)", "release \(secret)", "destroy \(secret)"])
    }

    @Test func aBuiltInFileConnectionServesAsDestinationConnection() throws {
        let source = path("in.txt"), target = path("out.txt")
        try "data".write(toFile: source, atomically: true, encoding: .utf8)
        var p = chain([ConnectionManager("Out", kind: "sluice.file", connectionString: target)], [
            .task("Copy", component: "sluice.fileSystem", properties: [
                ("operation", "copyFile"), ("source", .string(source)), ("destinationConnection", "Out"),
            ]),
        ])
        p.name = "Destination"
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "data")
    }

    @Test func executePackageRunsAChildFileThatAPluginConnectionWritesOnAcquire() throws {
        // The child exists only once acquired: validation checks the kind, not the file.
        let marker = path("child-ran")
        var child = Package(name: "Child")
        child.executables = [.task("Make", component: "sluice.fileSystem", properties: [
            ("operation", "createDirectory"), ("source", .string(marker)),
        ])]
        let childFile = path("child.sluice.json")
        try PackageFile.save(child, to: childFile)
        let content = try String(contentsOfFile: childFile, encoding: .utf8)
        try FileManager.default.removeItem(atPath: childFile)

        let p = chain([connection("Child", "fixtures.stock.file", childFile, content: content)], [
            .task("Run child", component: "sluice.executePackage", properties: [("connection", "Child")]),
        ])
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(try lines.contains("acquire \(childFile)"))
    }

    @Test func executePackageRefusesAPluginConnectionThatFollowsSQLite() throws {
        let p = chain([connection("Child", "fixtures.stock.sqlite", path("child.sluice.json"))], [
            .task("Run child", component: "sluice.executePackage", properties: [("connection", "Child")]),
        ])
        #expect(f.validate(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.connectionKindWrong.code])
        let message = try #require(f.sink.events(.error).first?.message)
        #expect(message.contains("needs a sluice.file connection in connection") && message.contains("follows sluice.sqlite"), "\(message)")
    }

    @Test func aPluginConnectionFollowingAnotherKindFailsValidateAndRunAlikeAndIsNeverAcquired() throws {
        let file = path("x.txt")
        let p = chain([connection("Wrong", "fixtures.stock.file", file, content: "x")], [
            Self.sql("Query", "Wrong", "SELECT 1"),
        ])
        #expect(f.validate(p).result == .failure)
        let validateErrors = f.sink.events(.error).map(\.code)
        let message = try #require(f.sink.events(.error).first?.message)
        #expect(validateErrors == [SluiceMessage.connectionKindWrong.code])
        for kind in ["fixtures.stock.file", "follows sluice.file", "needs a sluice.sqlite connection"] {
            #expect(message.contains(kind), "\(message)")
        }
        #expect(f.run(p).result == .failure)
        #expect(f.errorCodes.dropFirst(validateErrors.count) == validateErrors[...])
        #expect(f.sink.events(.preExecute).filter { $0.source.name == "Query" }.isEmpty, "nothing ran")
        #expect(try !lines.contains { $0.hasPrefix("acquire") })
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test(arguments: [
        ("fixtures.stock.sqlite", "follows sluice.sqlite"), ("fixtures.stock.plain", "follows no stock kind"),
        ("sluice.sqlite", "has kind \"sluice.sqlite\""),
    ])
    func aFileSystemTaskRefusesAConnectionThatDoesNotFollowSluiceFile(kind: String, described: String) throws {
        let p = chain([connection("Wrong", kind, path("x"))], [Self.copy("Copy", sourceConnection: "Wrong", to: path("y"))])
        #expect(f.validate(p).result == .failure)
        #expect(f.run(p).result == .failure)
        let errors = f.sink.events(.error)
        #expect(errors.map(\.code) == [SluiceMessage.connectionKindWrong.code, SluiceMessage.connectionKindWrong.code],
                "validate, then run: \(errors.map(\.message))")
        let message = try #require(errors.first?.message)
        for part in ["needs a sluice.file connection in sourceConnection", "\"Wrong\"", kind, described] {
            #expect(message.contains(part), "\(message)")
        }
    }
}

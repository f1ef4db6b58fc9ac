import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Connections from Swift plugins (`Tests/Fixtures/FixtureSwiftKinds`), through package runs:
/// a Swift task reaches its own library's connection object with
/// `PluginContext.acquireConnection`, and a Swift connection manager that declares
/// `connectionKind` serves a stock task.
@Suite struct SwiftConnectionAccessTests {
    private let f: RuntimeFixture
    private let directory: URL

    init() throws {
        f = try RuntimeFixture()
        directory = try BuildProducts.temporaryDirectory("swiftconn")
        let report = f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureSwiftKinds"]).path])
        #expect(report.rejected.isEmpty, "\(report.rejected.map(\.error))")
    }

    private static func use(_ name: String, _ connection: String, into variable: String) -> Executable {
        .task(name, component: "fixtures.swift.storeuser", properties: [("connection", .string(connection)), ("variable", .string(variable))])
    }

    @Test func aSwiftTaskGetsTheSameConnectionObjectOfItsOwnLibraryInEachTask() throws {
        var p = Package(name: "Store")
        p.connections = [ConnectionManager("Store", kind: "fixtures.swift.memory", connectionString: "memory:orders")]
        p.variables = [Variable("User::First", type: .wstr, value: .string("")), Variable("User::Second", type: .wstr, value: .string(""))]
        p.executables = [Self.use("First", "Store", into: "User::First"), Self.use("Second", "Store", into: "User::Second")]
        p.connect("First", to: "Second")
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::First"]?.value == .string("store=orders uses=1 string=memory:orders"))
        // Acquired once for both users: the second task sees the object the first one used.
        #expect(result.variables["User::Second"]?.value == .string("store=orders uses=2 string=memory:orders"))
    }

    @Test func aBuiltInConnectionGivesASwiftTaskItsStringAndNoObject() throws {
        var p = Package(name: "Plain")
        p.connections = [ConnectionManager("Inbox", kind: "sluice.file", connectionString: "/data/in.csv")]
        p.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        p.executables = [Self.use("Use", "Inbox", into: "User::Seen")]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Seen"]?.value == .string("store=none string=/data/in.csv"))
    }

    @Test func anUnknownConnectionFailsTheSwiftTaskWithTheHostsMessage() throws {
        var p = Package(name: "Unknown")
        p.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        p.executables = [Self.use("Use", "Nowhere", into: "User::Seen")]
        let result = f.run(p)
        #expect(result.result == .failure)
        let messages = f.sink.events(.error).map(\.message)
        #expect(messages.contains { $0.contains("acquiring connection 'Nowhere'") && $0.contains("not defined") }, "\(messages)")
    }

    @Test func aSwiftConnectionManagerDeclaringSluiceFileServesAStockFileSystemTask() throws {
        #expect(f.registry.entry(for: "fixtures.swift.scratchfile")?.descriptor.connectionKind == "sluice.file")
        #expect(f.registry.entry(for: "fixtures.swift.memory")?.descriptor.connectionKind == nil)
        let scratch = directory.appendingPathComponent("scratch.txt").path
        let copy = directory.appendingPathComponent("copy.txt").path
        var p = Package(name: "Scratch")
        p.connections = [ConnectionManager(
            "Scratch", kind: "fixtures.swift.scratchfile", connectionString: scratch,
            properties: JSONObject([("content", "written by acquire")]))]
        p.executables = [.task("Copy", component: "sluice.fileSystem", properties: [
            ("operation", "copyFile"), ("sourceConnection", "Scratch"), ("destination", .string(copy)),
        ])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == "written by acquire")
        #expect(!FileManager.default.fileExists(atPath: scratch), "release removed it")
    }
}

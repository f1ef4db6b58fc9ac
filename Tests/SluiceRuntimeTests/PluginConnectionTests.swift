import Foundation
import SluiceCore
import SluicePluginHost
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Plugin connection managers through a real plugin (FixtureGood's `fixtures.good.connection`,
/// which journals create / validate / acquire / release / destroy to a file, and its
/// `fixtures.good.useconn` task, which asks the host for the connection and journals "use").
@Suite struct PluginConnectionTests {
    private let journal: String
    private let f: RuntimeFixture

    init() throws {
        journal = try BuildProducts.temporaryDirectory("conn").appendingPathComponent("journal").path
        f = try RuntimeFixture()
        f.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood", "FixtureForeignConnection"]).path])
    }

    private func connection(_ name: String, _ string: String, _ more: [(String, JSONValue)] = []) -> ConnectionManager {
        ConnectionManager(name, kind: "fixtures.good.connection", connectionString: string,
                          properties: JSONObject([("journal", .string(journal))] + more))
    }

    private static func use(_ name: String, _ connection: String) -> Executable {
        .task(name, component: "fixtures.good.useconn", properties: [("connection", .string(connection))])
    }

    /// A package running `executables` in a chain, with connections A ("a") and B ("b").
    private func chain(_ executables: [Executable]) -> Package {
        var p = Package(name: "Connected")
        p.variables = [Variable("User::Out", type: .wstr, value: .string(""))]
        p.connections = [connection("A", "a"), connection("B", "b")]
        p.executables = executables
        for (from, to) in zip(executables, executables.dropFirst()) { p.connect(from.name, to: to.name) }
        return p
    }

    private var lines: [String] {
        get throws { try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").map(String.init) }
    }

    private let validated = ["create", "validate a", "create", "validate b"]

    private func expectJournal(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let got = try lines
        #expect(got == expected, sourceLocation: sourceLocation)
    }

    @Test func eachConnectionIsAcquiredBeforeItsFirstUserAndReleasedAfterItsLast() throws {
        let p = chain([Self.use("A1", "A"), Self.use("B1", "B"), Self.use("A2", "A"), Self.use("B2", "B")])
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        try expectJournal(validated + [
            "acquire a", "use A1", "acquire b", "use B1", "use A2", "release a", "use B2", "release b",
            "destroy a", "destroy b",
        ])
    }

    @Test func aConnectionNoTaskUsesIsNeverAcquired() throws {
        let p = chain([Self.use("A1", "A"), RuntimeFixture.record("Other")])
        #expect(f.run(p).result == .success)
        try expectJournal(validated + ["acquire a", "use A1", "release a", "destroy a", "destroy b"])
    }

    @Test func validateMakesValidatesAndDestroysButNeverAcquires() throws {
        #expect(f.validate(chain([Self.use("A1", "A")])).result == .success)
        try expectJournal(validated + ["destroy a", "destroy b"])
    }

    @Test func insideALoopTheConnectionIsAcquiredOncePerRunAndReleasedAfterTheLoop() throws {
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "fixtures.good.numbers", properties: JSONObject([("limit", 3)])), mappings: [])))
        loop.executables = [Self.use("Inner", "A")]
        let p = chain([loop, Self.use("After", "B")])
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        try expectJournal(validated + [
            "acquire a", "use Inner", "use Inner", "use Inner", "release a", "acquire b", "use After", "release b",
            "destroy a", "destroy b",
        ])
    }

    @Test func theTaskSeesTheHandleAndTheConnectionString() throws {
        var p = chain([Self.use("A1", "A")])
        p.connections[0].propertyExpressions = ["ConnectionString": "\"from an expression\""]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Out"]?.value == .string("handle=from an expression string=from an expression"))
    }

    @Test func aStockConnectionGivesItsStringAndNoHandle() throws {
        var p = chain([Self.use("F1", "File")])
        p.connections.append(ConnectionManager("File", kind: "sluice.file", connectionString: "/tmp/in.csv"))
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Out"]?.value == .string("handle=none string=/tmp/in.csv"))
    }

    @Test func anotherLibrarysConnectionIsRefusedAndNotAcquired() throws {
        var p = chain([Self.use("X", "Foreign")])
        p.connections.append(ConnectionManager("Foreign", kind: "fixtures.foreign.connection", connectionString: "f"))
        let result = f.run(p)
        #expect(result.result == .failure)
        let message = try #require(f.sink.events(.error).first?.message)
        #expect(message.contains("SLUICE_E_TYPE_MISMATCH") || message.contains("cannot use the connection of \"Foreign\""), "\(message)")
        #expect(message.contains("fixtures.foreign") || message.contains("FixtureForeignConnection"), "\(message)")
        #expect(result.variables["User::Out"]?.value == .string(""))
    }

    @Test func aConnectionAskedForOutsideThePlanIsHeldUntilTheRunEnds() throws {
        // T names B in the package, but its property expression makes it ask for A at run time.
        var p = chain([Self.use("T", "B"), Self.use("A2", "A"), Self.use("B1", "B")])
        p.executables[0].propertyExpressions = ["connection": "\"A\""]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        try expectJournal(validated + [
            "acquire a", "use T", "use A2", "acquire b", "use B1", "release b", "release a", "destroy a", "destroy b",
        ])
    }

    @Test func aFailedUserAndSkippedUsersStillReleaseAndDestroy() throws {
        // A2 fails (its target is read-only); A3 is then skipped.
        var p = chain([Self.use("A1", "A"), Self.use("A2", "A"), Self.use("A3", "A")])
        p.executables[1].properties["target"] = "System::PackageName"
        #expect(f.run(p).result == .failure)
        try expectJournal(validated + ["acquire a", "use A1", "use A2", "release a", "destroy a", "destroy b"])
    }

    @Test func aSkippedLastUserReleasesBeforeTheRestOfTheRun() throws {
        // A2 follows Fail on success only: skipped, so A is released before B is used.
        var p = chain([Self.use("A1", "A"), RuntimeFixture.fail("Fail"), Self.use("A2", "A")])
        p.executables.append(Self.use("B1", "B"))
        p.connect("Fail", to: "B1", on: .failure)
        p.root.maximumErrorCount = 0
        _ = f.run(p)
        try expectJournal(validated + ["acquire a", "use A1", "release a", "acquire b", "use B1", "release b", "destroy a", "destroy b"])
    }

    @Test func aCanceledRunReleasesAndDestroys() throws {
        let p = chain([Self.use("A1", "A"), .task("Wait", component: "test.waitForCancel"), Self.use("A2", "A")])
        let cancel = RunCancellation()
        let log = f.log
        DispatchQueue.global().async {  // cancels once A1 has used the connection and Wait runs
            while !log.entries.contains("Wait started") { usleep(1_000) }
            cancel.cancel(reason: "test")
        }
        #expect(f.run(p, RunOptions(cancellation: cancel)).result == .canceled)
        try expectJournal(validated + ["acquire a", "use A1", "release a", "destroy a", "destroy b"])
    }

    @Test func aFailedAcquireFailsItsTaskWithTheCodeAndStillDestroys() throws {
        var p = chain([Self.use("A1", "A")])
        p.connections[0] = connection("A", "a", [("failAcquire", 1)])
        #expect(f.run(p).result == .failure)
        let error = try #require(f.sink.events(.error).first)
        #expect(error.message.contains("SLUICE_E_CONNECTION_ACQUIRE_FAILED") || error.message.contains("could not be acquired"), "\(error.message)")
        #expect(error.message.contains("told to fail acquire"))
        try expectJournal(validated + ["destroy a", "destroy b"])
    }

    @Test func aChangedConnectionStringMakesAFreshInstanceBeforeAcquiring() throws {
        var p = chain([.task("Set", component: "sluice.setVariable", properties: [("variable", "User::Cs"), ("value", "later")]), Self.use("A1", "A")])
        p.variables.append(Variable("User::Cs", type: .wstr, value: .string("first")))
        p.connections = [connection("A", "")]
        p.connections[0].propertyExpressions = ["ConnectionString": "@[User::Cs]"]
        #expect(f.run(p).result == .success)
        try expectJournal(["create", "validate first", "create", "validate later", "destroy first", "acquire later", "use A1", "release later", "destroy later"])
    }

    // MARK: validation

    @Test(arguments: [
        ("unknown kind", SluiceMessage.connectionKindUnknown),
        ("unknown property", SluiceMessage.propertyUnknown),
        ("validate fails", SluiceMessage.connectionInvalid),
        ("string twice", SluiceMessage.connectionStringTwice),
    ])
    func aBadConnectionManagerFailsValidationAndRunAlike(_ problem: String, _ expected: SluiceMessage) throws {
        var p = chain([Self.use("A1", "A")])
        switch problem {
        case "unknown kind": p.connections[0].kind = "fixtures.good.nope"
        case "unknown property": p.connections[0].properties["colour"] = "blue"
        case "validate fails": p.connections[0].properties["failValidate"] = 1
        default: p.connections[0].properties["ConnectionString"] = "again"
        }
        #expect(f.validate(p).result == .failure)
        let messages = f.sink.events(.error).map(\.message)
        #expect(messages.contains { $0.hasPrefix("\(expected.name) (\(expected.code))") }, "\(messages)")
        let g = try RuntimeFixture()
        g.registry.loadPlugins(from: [try BuildProducts.pluginDirectory(with: ["FixtureGood"]).path])
        #expect(PackageRunner(registry: g.registry).run(p, options: RunOptions(eventSink: g.sink)).result == .failure)
        #expect(g.errorCodes == f.errorCodes)
        #expect(!(try lines).contains { $0.hasPrefix("acquire") || $0.hasPrefix("use") })
    }

    @Test func aStockConnectionWithAnUnknownPropertyFailsValidation() throws {
        var p = chain([RuntimeFixture.record("R")])
        p.connections = [ConnectionManager("File", kind: "sluice.file", connectionString: "x", properties: JSONObject([("colour", "blue")]))]
        #expect(f.validate(p).result == .failure)
        #expect(f.errorCodes == [SluiceMessage.propertyUnknown.code])
    }
}

import Foundation
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// Enumerators and connection managers are made by the registry, through the factory of their
/// kind: a kind registered in Swift is driven exactly as a plugin's, so the runtime builds no
/// adapter of its own.
@Suite struct ComponentFactoryTests {
    /// What the components below were asked to do, in order.
    final class Journal: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func note(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    final class Countdown: ForeachEnumeratorComponent, @unchecked Sendable {
        private let from: Int64
        private let journal: Journal
        private var left: Int64 = 0
        init(from: Int64, journal: Journal) {
            self.from = from
            self.journal = journal
        }
        func validate(in context: any TaskContext) throws { journal.note("validate") }
        func begin(in context: any TaskContext) throws {
            journal.note("begin")
            left = from
        }
        func next(in context: any TaskContext, capacity: Int) throws -> [Value]? {
            guard left > 0 else { return nil }
            defer { left -= 1 }
            return [.int(left)]
        }
        func end() { journal.note("end") }
    }

    final class Memory: ConnectionManagerComponent, @unchecked Sendable {
        let library: String? = nil
        private let journal: Journal
        private var token = 7
        init(_ settings: ConnectionManagerSettings, journal: Journal) {
            self.journal = journal
            journal.note("make \(settings.name) \(settings.properties.optionalString("ConnectionString") ?? "-")")
        }
        func validate(in context: any TaskContext) throws { journal.note("validate") }
        func acquire(in context: any TaskContext) throws -> UnsafeMutableRawPointer? {
            journal.note("acquire")
            return withUnsafeMutablePointer(to: &token) { UnsafeMutableRawPointer($0) }
        }
        func release(_ handle: UnsafeMutableRawPointer?) { journal.note(handle == nil ? "release nil" : "release") }
    }

    /// Asks the host for its `connection` and notes what it got.
    final class UsesConnection: TaskComponent, @unchecked Sendable {
        private let name: String
        private let journal: Journal
        init(_ properties: ResolvedProperties, journal: Journal) throws {
            name = try properties.string("connection")
            self.journal = journal
        }
        func validate(in context: any TaskContext) throws {}
        func execute(in context: any TaskContext) throws -> TaskOutcome {
            let acquired = try context.acquireConnection(named: name, for: nil)
            journal.note("use \(acquired.connectionString) \(acquired.handle == nil ? "no handle" : "handle")")
            return .success()
        }
    }

    private func registry(_ journal: Journal) throws -> ComponentRegistry {
        let f = try RuntimeFixture()
        try f.registry.register(
            ComponentDescriptor(
                id: "test.countdown", kind: .foreachEnumerator, displayName: "Countdown", description: "test enumerator",
                version: "1.0.0", properties: [PropertySpec("from", .integer, default: 3)])
        ) { properties in Countdown(from: properties.optionalInt("from") ?? 0, journal: journal) }
        try f.registry.register(
            ComponentDescriptor(
                id: "test.memory", kind: .connectionManager, displayName: "Memory", description: "test connection manager",
                version: "1.0.0", properties: [PropertySpec("ConnectionString", .string)])
        ) { settings in Memory(settings, journal: journal) }
        try f.registry.register(
            ComponentDescriptor(
                id: "test.useConnection", kind: .task, displayName: "Use", description: "test task", version: "1.0.0",
                properties: [PropertySpec("connection", .string, required: true)])
        ) { properties in try UsesConnection(properties, journal: journal) }
        return f.registry
    }

    @Test func aSwiftEnumeratorIsMadeByTheRegistryAndDrivesAForeachLoop() throws {
        let journal = Journal()
        var p = Package(name: "Countdown")
        p.variables = [Variable("User::N", type: .i8, value: .int(0)), Variable("User::Sum", type: .i8, value: .int(0))]
        var loop = Executable("Each", kind: .foreachLoop(ForeachLoopSpecification(
            .plugin(component: "test.countdown", properties: JSONObject()), mappings: [VariableMapping("User::N")])))
        loop.executables = [.task("Sum", component: "sluice.expression", properties: [("expression", "@[User::Sum] = @[User::Sum] + @[User::N]")])]
        p.executables = [loop]
        let result = PackageRunner(registry: try registry(journal)).run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(result.variables["User::Sum"]?.value == .int(6), "3 + 2 + 1, the declared default")
        #expect(journal.all == ["validate", "validate", "begin", "end"], "one instance at validation, one for the run")
    }

    @Test func anEnumeratorIdOfAnotherKindIsAKindMismatch() throws {
        let registry = try registry(Journal())
        #expect {
            _ = try registry.makeEnumerator("test.memory", properties: JSONObject(), owner: "Each")
        } throws: { ($0 as? SluiceError)?.message == .componentKindMismatch }
        #expect {
            _ = try registry.makeEnumerator("test.nothing", properties: JSONObject(), owner: "Each")
        } throws: { ($0 as? SluiceError)?.message == .componentUnknown }
    }

    @Test func aSwiftConnectionManagerIsMadeValidatedAcquiredAndReleasedByTheRun() throws {
        let journal = Journal()
        var p = Package(name: "Connected")
        p.connections = [ConnectionManager("Store", kind: "test.memory", connectionString: "memory:orders")]
        p.executables = [.task("Use", component: "test.useConnection", properties: [("connection", "Store")])]
        let result = PackageRunner(registry: try registry(journal)).run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        #expect(journal.all == ["make Store memory:orders", "validate", "acquire", "use memory:orders handle", "release"])
    }

    @Test func aConnectionManagerKindThatIsOnlyDeclaredMakesNoConnections() throws {
        let registry = try registry(Journal())
        #expect(registry.makesConnections(ofKind: "test.memory"))
        #expect(!registry.makesConnections(ofKind: "sluice.sqlite"))
        #expect(!registry.makesConnections(ofKind: "test.useConnection"))
        #expect {
            _ = try registry.makeConnection(for: ConnectionManager("DB", kind: "sluice.sqlite", connectionString: ":memory:"))
        } throws: { ($0 as? SluiceError)?.message == .connectionKindUnknown }
    }
}

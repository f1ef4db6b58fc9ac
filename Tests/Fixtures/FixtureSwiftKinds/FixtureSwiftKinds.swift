// FixtureSwiftKinds: every component kind of the Swift SDK, loaded as a real shared library by
// the runtime and registry tests.
//
//   fixtures.swift.countdown  (foreach enumerator) yields [from, "item <from>", walks], …, [1, "item 1",
//                             walks], walks counting the begin calls of this instance;
//                             `failAt` N throws PluginError code 100042 at item N
//   fixtures.swift.lines      (log provider) appends "open", "<event>|<source>|<code>|<message>"
//                             per entry, then "close" to `path`; `failOpen` makes open throw
//   fixtures.swift.memory     (connection manager) accepts "memory:<name>"; acquire returns a
//                             MemoryStore, release closes it; validate refuses any other string
//   fixtures.swift.connected  (task) copies the connection string of `connection` to `variable`
//   fixtures.swift.storeuser  (task) acquires `connection` and writes "store=<name> uses=<n>
//                             string=<s>" to `variable` for a MemoryStore (n counts the uses of
//                             that one store), "store=none string=<s>" for any other connection
//   fixtures.swift.scratchfile (connection manager, connectionKind sluice.file) acquire writes
//                             `content` to the file its connection string names; release removes it
//   fixtures.swift.counter    (task) counts its executions per instance into `variable`
//   fixtures.swift.throws     (task) throws a PluginError with code 100077 (`swift` false) or a
//                             plain Swift error (`swift` true)
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SluiceSDK
import Synchronization

final class CountdownEnumerator: PluginForeachEnumerator {
    static let id = "fixtures.swift.countdown"
    static let displayName = "Countdown"
    static let summary = "Yields from, from - 1, …, 1, each with a label."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "from", type: .int64, defaultValue: "3"),
        PluginProperty(name: "failAt", type: .int64, defaultValue: "0"),
    ]

    private var from: Int64 = 3
    private var failAt: Int64 = 0
    private var current: Int64 = 0
    private var walks: Int64 = 0

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        switch (name, value) {
        case ("from", .int64(let number)): from = number
        case ("failAt", .int64(let number)): failAt = number
        default: throw PluginError(.invalidArgument, "unexpected \(name) = \(value)")
        }
    }

    func validate(_ context: PluginContext) throws {
        guard from >= 0 else { throw PluginError(.invalidArgument, "from must not be negative, got \(from)", code: 100_041) }
    }

    func begin(_ context: PluginContext) throws {
        current = from
        walks += 1
    }

    func next(_ context: PluginContext) throws -> [PluginValue]? {
        guard current > 0 else { return nil }
        if current == failAt { throw PluginError(.io, "item \(current) is unreadable", code: 100_042) }
        defer { current -= 1 }
        return [.int64(current), .string("item \(current)"), .int64(walks)]
    }
}

final class LinesLogProvider: PluginLogProvider {
    static let id = "fixtures.swift.lines"
    static let displayName = "Lines"
    static let summary = "Appends one line per entry to a file."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "path", type: .string, required: true),
        PluginProperty(name: "failOpen", type: .bool, defaultValue: "false"),
    ]

    private var path = ""
    private var failOpen = false

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        switch (name, value) {
        case ("path", .string(let text)): path = text
        case ("failOpen", .bool(let flag)): failOpen = flag
        default: throw PluginError(.invalidArgument, "unexpected \(name) = \(value)")
        }
    }

    func open(_ context: PluginContext) throws {
        if failOpen { throw PluginError(.io, "cannot open \(path)", code: 100_051) }
        try append("open")
    }

    func write(_ entry: PluginLogEntry) throws {
        try append("\(entry.event)|\(entry.sourceName)|\(entry.code)|\(entry.message)")
    }

    func close() throws { try append("close") }

    private func append(_ line: String) throws {
        guard let file = fopen(path, "a") else { throw PluginError(.io, "cannot append to \(path): errno \(errno)") }
        defer { fclose(file) }
        fputs(line + "\n", file)
    }
}

/// What `fixtures.swift.memory` hands out.
final class MemoryStore {
    let name: String
    /// How many times a task has used this store: tells a test it got the same object again.
    let uses = Mutex<Int>(0)
    init(name: String) { self.name = name }
}

final class MemoryConnectionManager: PluginConnectionManager {
    static let id = "fixtures.swift.memory"
    static let displayName = "Memory"
    static let summary = "An in-memory store named by its connection string, memory:<name>."
    static let version = "1.0.0"
    static let properties = [PluginProperty(name: "ConnectionString", type: .string, required: true)]

    private var connectionString = ""

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        connectionString = value.stringValue ?? ""
    }

    func validate(_ context: PluginContext) throws {
        guard connectionString.hasPrefix("memory:") else {
            throw PluginError(.invalidArgument, "connection string '\(connectionString)' must start with memory:", code: 100_061)
        }
    }

    func acquire(_ context: PluginContext) throws -> AnyObject {
        MemoryStore(name: String(connectionString.dropFirst("memory:".count)))
    }
}

final class ConnectedTask: PluginTask {
    static let id = "fixtures.swift.connected"
    static let displayName = "Connected"
    static let summary = "Copies the connection string of a package connection to a variable."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "connection", type: .string, required: true),
        PluginProperty(name: "variable", type: .string, required: true),
    ]

    private var connection = ""
    private var variable = ""

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        if name == "connection" { connection = value.stringValue ?? "" } else { variable = value.stringValue ?? "" }
    }

    func execute(_ context: PluginContext) throws -> PluginValue? {
        try context.setVariable(variable, .string(try context.connectionString(connection)))
        return nil
    }
}

/// Uses its own library's connection through `connection_acquire`.
final class StoreUserTask: PluginTask {
    static let id = "fixtures.swift.storeuser"
    static let displayName = "Store user"
    static let summary = "Acquires a package connection and reports the memory store behind it."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "connection", type: .string, required: true),
        PluginProperty(name: "variable", type: .string, required: true),
    ]

    private var connection = ""
    private var variable = ""

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        if name == "connection" { connection = value.stringValue ?? "" } else { variable = value.stringValue ?? "" }
    }

    func execute(_ context: PluginContext) throws -> PluginValue? {
        let acquired = try context.acquireConnection(connection)
        let report: String
        if let store = acquired.object(as: MemoryStore.self) {
            let uses = store.uses.withLock { count in
                count += 1
                return count
            }
            report = "store=\(store.name) uses=\(uses) string=\(acquired.connectionString)"
        } else {
            report = "store=none string=\(acquired.connectionString)"
        }
        try context.setVariable(variable, .string(report))
        return nil
    }
}

/// A connection whose string follows sluice.file: stock tasks take it, after its acquire
/// has written the file (as a plugin would decrypt or download one).
final class ScratchFileConnectionManager: PluginConnectionManager {
    static let id = "fixtures.swift.scratchfile"
    static let displayName = "Scratch file"
    static let summary = "A file written on acquire and removed on release."
    static let version = "1.0.0"
    static let connectionKind: String? = "sluice.file"
    static let properties = [
        PluginProperty(name: "ConnectionString", type: .string, required: true),
        PluginProperty(name: "content", type: .string, defaultValue: ""),
    ]

    private var path = ""
    private var content = ""

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        if name == "content" { content = value.stringValue ?? "" } else { path = value.stringValue ?? "" }
    }

    func acquire(_ context: PluginContext) throws -> AnyObject {
        guard let file = fopen(path, "w") else { throw PluginError(.io, "cannot write \(path): errno \(errno)", code: 100_071) }
        defer { fclose(file) }
        fputs(content, file)
        return ScratchFile(path: path)
    }

    func release(_ connection: AnyObject) {
        if let file = connection as? ScratchFile { remove(file.path) }
    }
}

/// What `fixtures.swift.scratchfile` hands out.
final class ScratchFile {
    let path: String
    init(path: String) { self.path = path }
}

/// Counts the executions of this instance: tells a test when the host made a new instance.
final class CounterTask: PluginTask {
    static let id = "fixtures.swift.counter"
    static let displayName = "Counter"
    static let summary = "Writes how many times this instance has executed to a variable."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "variable", type: .string, required: true),
        PluginProperty(name: "label", type: .string, defaultValue: ""),
    ]

    private var variable = ""
    private var executions: Int64 = 0

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        if name == "variable" { variable = value.stringValue ?? "" }
    }

    func execute(_ context: PluginContext) throws -> PluginValue? {
        executions += 1
        try context.setVariable(variable, .int64(executions))
        return nil
    }
}

/// A plain Swift error, neither a PluginError nor CancellationError.
struct DiskFull: Error, CustomStringConvertible {
    var description: String { "the disk is full" }
}

final class ThrowingTask: PluginTask {
    static let id = "fixtures.swift.throws"
    static let displayName = "Throws"
    static let summary = "Fails by throwing."
    static let version = "1.0.0"
    static let properties = [PluginProperty(name: "swift", type: .bool, defaultValue: "false")]

    private var plainSwiftError = false

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        if case .bool(let flag) = value { plainSwiftError = flag }
    }

    func execute(_ context: PluginContext) throws -> PluginValue? {
        if plainSwiftError { throw DiskFull() }
        throw PluginError(.failed, "the fixture failed on purpose", code: 100_077)
    }
}

private let plugin = PluginDefinition(
    name: "fixtures.swift-kinds", version: "1.0.0", vendor: "Sluice tests",
    description: "Every component kind of the Swift SDK.",
    components: [
        CountdownEnumerator.self, LinesLogProvider.self, MemoryConnectionManager.self, ConnectedTask.self, CounterTask.self,
        ThrowingTask.self, StoreUserTask.self, ScratchFileConnectionManager.self,
    ])

@_cdecl("sluice_plugin_entry")
public func sluicePluginEntry() -> UnsafeRawPointer? {
    plugin.descriptorPointer
}

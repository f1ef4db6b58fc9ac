import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Log files as operators use them: shared by concurrent runs, on pipes, FIFOs and /dev/stdout.
@Suite struct LogFileTests {
    /// `tasks` Set Variable tasks in a chain, every Pre/PostExecute logged to `providers`.
    static func loggedPackage(tasks: Int, providers: [LogProvider]) -> Package {
        var p = Package(name: "Logged")
        p.variables = [Variable("User::N", type: .i4, value: .int(0))]
        p.logProviders = providers
        p.root.logging = LoggingOptions(providers: providers.map(\.name), events: [.preExecute, .postExecute])
        p.executables = (0..<tasks).map {
            .task("Set\($0)", component: "sluice.setVariable", properties: [("variable", "User::N"), ("value", .string("\($0)"))])
        }
        p.constraints = (1..<tasks).map { PrecedenceConstraint(from: "Set\($0 - 1)", to: "Set\($0)") }
        return p
    }

    @Test func thirtyConcurrentRunsKeepEveryLineOfASharedLog() throws {
        let f = try CLIFixture()
        let text = f.directory.appendingPathComponent("shared.log").path
        let jsonl = f.directory.appendingPathComponent("shared.jsonl").path
        let tasks = 20
        let path = try f.save(Self.loggedPackage(tasks: tasks, providers: [
            LogProvider("Text", kind: "sluice.log.text", path: text), LogProvider("Json", kind: "sluice.log.jsonl", path: jsonl),
        ]))
        let runs = 30
        let statuses = Statuses(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { i in
            statuses.set(i, (try? f.sluice(["run", path]))?.status ?? -1)
        }
        #expect(statuses.all.allSatisfy { $0 == 0 })

        let perRun = (tasks + 1) * 2  // Pre- and PostExecute of every task and of the package
        let lines = try String(contentsOfFile: jsonl, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")  // ends with a newline: no torn last entry
        var byRun: [String: Int] = [:]
        for line in lines.dropLast() {
            let object = try #require(try JSONParser.parse(Array(line.utf8)).objectValue, "a corrupt line: \(line)")
            byRun[object["executionId"]?.stringValue ?? "?", default: 0] += 1
        }
        #expect(byRun.count == runs)
        #expect(byRun.values.allSatisfy { $0 == perRun })

        let textLines = try String(contentsOfFile: text, encoding: .utf8).split(separator: "\n")
        #expect(textLines.filter { $0.hasPrefix("#Fields:") }.count == 1)  // only the run that created it writes the header
        #expect(textLines.count == runs * perRun + 1)
        #expect(textLines.dropFirst().allSatisfy { $0.hasPrefix("OnPreExecute,") || $0.hasPrefix("OnPostExecute,") })
    }

    @Test func aLogOnDevStdoutReachesTheCallersPipe() throws {
        let f = try CLIFixture()
        let path = try f.save(Self.loggedPackage(tasks: 3, providers: [LogProvider("Out", kind: "sluice.log.jsonl", path: "/dev/stdout")]))
        let r = try f.sluice(["run", path])
        #expect(r.status == 0, "\(r.transcript)")
        let events = r.standardOutput.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(events.count == 8, "\(r.transcript)")
    }

    @Test func aFIFOWithAReaderGetsEveryEntry() throws {
        let f = try CLIFixture()
        let fifo = f.directory.appendingPathComponent("log.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)  // a reader is there before the run starts
        #expect(reader >= 0)
        defer { close(reader) }
        let path = try f.save(Self.loggedPackage(tasks: 3, providers: [LogProvider("Fifo", kind: "sluice.log.jsonl", path: fifo)]))
        let r = try f.sluice(["run", path])
        #expect(r.status == 0, "\(r.transcript)")
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = read(reader, &buffer, buffer.count)
        let text = String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self)
        #expect(text.split(separator: "\n").count == 8, "\(text)")
    }

    @Test func aFIFOWithoutAReaderIsAWarningNotAHang() throws {
        let f = try CLIFixture()
        let fifo = f.directory.appendingPathComponent("nobody.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let path = try f.save(Self.loggedPackage(tasks: 2, providers: [LogProvider("Fifo", kind: "sluice.log.text", path: fifo)]))
        let r = try f.sluice(["run", path])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(r.standardError.contains("SLUICE_W_LOG_PROVIDER_FAILED"), "\(r.transcript)")
        #expect(r.standardError.contains("no process is reading the FIFO"), "\(r.transcript)")
    }
}

/// Exit statuses written from concurrent threads.
private final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32]
    init(count: Int) { values = Array(repeating: -2, count: count) }
    func set(_ i: Int, _ v: Int32) { lock.lock(); values[i] = v; lock.unlock() }
    var all: [Int32] { lock.lock(); defer { lock.unlock() }; return values }
}

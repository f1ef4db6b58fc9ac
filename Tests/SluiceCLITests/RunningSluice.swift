import Foundation
import SluiceTestSupport
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A `sluice` process started in the background, its standard error collected as it comes, so
/// a test can signal it mid-run. Every wait has a limit: a sluice that hangs fails the test and
/// is killed, it never hangs the suite.
final class RunningSluice {
    let pid: pid_t
    private let process: SpawnedProcess
    private let collected = Collected()
    private let finishedReading = DispatchSemaphore(value: 0)

    /// Standard error so far, shared with the reading thread.
    private final class Collected: Sendable {
        let data = Mutex(Data())
    }

    init(_ fixture: CLIFixture, _ arguments: [String]) throws {
        let process = try SpawnedProcess(
            BuildProducts.sluice, arguments, environment: fixture.environment, currentDirectory: fixture.directory, error: .pipe)
        self.process = process
        pid = process.processIdentifier
        let collected = collected
        let finished = finishedReading
        Thread.detachNewThread {
            if let reading = process.standardError {
                while case let chunk = reading.readAvailable(), !chunk.isEmpty {
                    collected.data.withLock { $0.append(contentsOf: chunk) }
                }
            }
            finished.signal()
        }
    }

    var standardError: String { collected.data.withLock { String(decoding: $0, as: UTF8.self) } }

    /// Waits until standard error contains `text`.
    func waitFor(_ text: String, limit: TimeInterval = 30) -> Bool {
        Self.poll(limit) { self.standardError.contains(text) }
    }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the exit and returns its status; after `limit`, kills it and returns nil.
    func exitStatus(limit: TimeInterval = 30) -> Int32? {
        guard Self.poll(limit, { !self.process.isRunning }) else {
            kill(pid, SIGKILL)
            _ = Self.poll(5) { !self.process.isRunning }
            return nil
        }
        _ = finishedReading.wait(timeout: .now() + 5)
        return process.blockingWait()
    }

    /// Polls `condition` every 20 ms for up to `limit` seconds.
    static func poll(_ limit: TimeInterval, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(limit)
        while !condition() {
            if Date() >= end { return false }
            usleep(20_000)
        }
        return true
    }
}

/// Processes seen from outside.
enum ProcessState {
    /// The process id written (by `echo $$ > file`) into `path`, once the file is complete.
    static func pid(in path: String, limit: TimeInterval = 30) -> pid_t? {
        var pid: pid_t?
        _ = RunningSluice.poll(limit) {
            pid = (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
                $0.hasSuffix("\n") ? pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) : nil
            }
            return pid != nil
        }
        return pid
    }

    /// Whether `pid` is gone: `kill(pid, 0)` fails with ESRCH, or only a zombie is left (dead,
    /// waiting for an init process that may not reap promptly in a container).
    static func isGone(_ pid: pid_t) -> Bool {
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state == "Z" || state == "X"
    }

    static func waitUntilGone(_ pid: pid_t, limit: TimeInterval = 10) -> Bool {
        RunningSluice.poll(limit) { isGone(pid) }
    }
}

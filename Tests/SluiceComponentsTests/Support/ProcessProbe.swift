import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Looks at processes from the outside, to check that a task really stopped its child.
enum ProcessProbe {
    /// The process id written (by `echo $$ > file`) into `path`.
    static func pid(in path: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether `pid` is a running process. A zombie (dead, not yet reaped by whoever inherited
    /// it) counts as gone.
    static func isRunning(_ pid: pid_t) -> Bool {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        // The state letter follows the parenthesised command name.
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
        #else
        return kill(pid, 0) == 0
        #endif
    }

    /// Waits (up to `limit`) for `pid` to be gone; a killed grandchild dies asynchronously.
    static func waitUntilGone(_ pid: pid_t, limit: TimeInterval = 10) -> Bool {
        let end = Date().addingTimeInterval(limit)
        while isRunning(pid) {
            if Date() >= end { return false }
            usleep(20_000)
        }
        return true
    }

    /// Cancels `context` from another thread once `path` exists (the child is up) plus ~200 ms.
    static func cancel(_ context: InMemoryTaskContext, whenFileExists path: String) {
        Thread.detachNewThread {
            let end = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: path), Date() < end { usleep(10_000) }
            usleep(200_000)
            context.cancel()
        }
    }
}

import Foundation
import Synchronization

/// Counts failed password checks (login, a user setting their own password) per user name and
/// per client address, and refuses further attempts for the rest of the window once either
/// count reaches its limit: guessing a password costs one window per few tries, and spraying
/// names from one address is stopped by the address's count.
///
/// ```swift
/// if let wait = throttle.refusal(name: "ada", address: "10.0.0.7") { throw rateLimited(wait) }
/// guard let caller = try await store.verifyPassword(...) else { throttle.failed(...); throw loginFailed }
/// throttle.succeeded(name: "ada")
/// ```
///
/// A success clears only its own name's count (never another name's, nor the address's). The
/// table holds at most `capacity` entries: when full, expired ones go first, then the oldest,
/// so memory is bounded whatever names and addresses a client sends. With no address known,
/// one shared key stands for every client: a global ceiling.
final class LoginThrottle: Sendable {
    struct Limits: Sendable {
        /// Failures of one name within `window` before it is refused.
        var perName = 5
        /// Failures from one address (or, with none, from all) within `window`.
        var perAddress = 20
        var window: TimeInterval = 300
        var capacity = 10_000
    }

    private struct Entry {
        var failures: Int
        var windowStart: Date
    }

    let limits: Limits
    private let now: @Sendable () -> Date
    private let entries = Mutex<[String: Entry]>([:])

    init(limits: Limits = Limits(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.limits = limits
        self.now = now
    }

    /// Whole seconds to wait (at least 1) when `name` or `address` is refused now; nil when the
    /// attempt may go ahead.
    func refusal(name: String, address: String?) -> Int? {
        let time = now()
        let checks = [(Self.nameKey(name), limits.perName), (Self.addressKey(address), limits.perAddress)]
        return entries.withLock { table in
            var wait: TimeInterval = 0
            for (key, limit) in checks {
                guard let entry = table[key], entry.failures >= limit else { continue }
                let left = entry.windowStart.addingTimeInterval(limits.window).timeIntervalSince(time)
                if left > 0 { wait = max(wait, left) }
            }
            guard wait > 0 else { return nil }
            return Int(wait.rounded(.up).clamped(1, 86_400))
        }
    }

    func failed(name: String, address: String?) {
        let time = now()
        entries.withLock { table in
            for key in [Self.nameKey(name), Self.addressKey(address)] {
                if var entry = table[key], time.timeIntervalSince(entry.windowStart) < limits.window {
                    entry.failures = entry.failures < Int.max ? entry.failures + 1 : entry.failures
                    table[key] = entry
                } else {
                    makeRoom(&table, at: time)
                    table[key] = Entry(failures: 1, windowStart: time)
                }
            }
        }
    }

    func succeeded(name: String) {
        _ = entries.withLock { $0.removeValue(forKey: Self.nameKey(name)) }
    }

    /// How many names and addresses are counted now (for tests of the bound).
    var count: Int { entries.withLock { $0.count } }

    private func makeRoom(_ table: inout [String: Entry], at time: Date) {
        guard table.count >= limits.capacity else { return }
        table = table.filter { time.timeIntervalSince($0.value.windowStart) < limits.window }
        while table.count >= limits.capacity, let oldest = table.min(by: { $0.value.windowStart < $1.value.windowStart }) {
            table.removeValue(forKey: oldest.key)
        }
    }

    /// Names compare as the catalog compares them; a name is cut short so that a long one
    /// cannot make a large key.
    private static func nameKey(_ name: String) -> String {
        "name:" + String(name.prefix(256)).lowercased().precomposedStringWithCanonicalMapping
    }

    private static func addressKey(_ address: String?) -> String {
        address.map { "address:" + String($0.prefix(64)) } ?? "address:*"
    }
}

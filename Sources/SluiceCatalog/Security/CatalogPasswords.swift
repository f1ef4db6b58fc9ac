import Dispatch
import Foundation
import HummingbirdBcrypt
import SluiceCore
import Synchronization

/// Passwords as the catalog keeps them: bcrypt hashes, never the text.
///
/// ```swift
/// let passwords = CatalogPasswords(cost: 12)
/// let hash = try await passwords.hash("correct horse battery", user: "alice")
/// await passwords.matches("correct horse battery", hash: hash)   // true
/// ```
///
/// bcrypt runs off the cooperative thread pool (a cost-12 hash takes a quarter of a second).
/// bcrypt reads a password as a C string of at most 72 bytes, so a longer one or one holding
/// NUL is refused rather than cut short silently.
public final class CatalogPasswords: Sendable {
    public static let productionCost = 12
    public static let minimumCharacters = 12
    public static let maximumBytes = 72

    /// log2 of bcrypt's rounds, within bcrypt's 4-31.
    public let cost: UInt8
    /// A hash of no one's password at `cost`, checked for an unknown user so that the answer
    /// takes as long as for a known one. Made on first need.
    private let decoy = Mutex<String?>(nil)

    public init(cost: Int) {
        self.cost = UInt8(min(max(cost, 4), 31))
    }

    /// Why `password` is refused for a new password, nil when it is accepted.
    public static func weakness(_ password: String) -> String? {
        if password.count < minimumCharacters { return "it has fewer than \(minimumCharacters) characters" }
        if password.utf8.count > maximumBytes { return "it is longer than \(maximumBytes) bytes of UTF-8, which bcrypt cannot read whole" }
        if password.utf8.contains(0) { return "it holds a NUL character" }
        return nil
    }

    /// The bcrypt hash of an accepted password.
    /// - Throws: `SLUICE_E_CATALOG_PASSWORD_REFUSED`, with the rule, never the password.
    public func hash(_ password: String, user: String) async throws -> String {
        if let reason = Self.weakness(password) {
            throw SluiceError(.catalogPasswordRefused, ["user": CatalogName.escaped(user), "reason": reason])
        }
        let cost = cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` is the one `hash` was made from; with no hash (an unknown user, or one
    /// without a password) checks a decoy, so that the time taken is the same, and answers false.
    public func matches(_ password: String, hash: String?) async -> Bool {
        let readable = password.utf8.count <= Self.maximumBytes && !password.utf8.contains(0)
        guard let hash, readable else {
            let decoy = await decoyHash()
            _ = await Self.offPool { Bcrypt.verify(readable ? password : "", hash: decoy) }
            return false
        }
        return await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    private func decoyHash() async -> String {
        if let made = decoy.withLock({ $0 }) { return made }
        let cost = cost
        let made = await Self.offPool { Bcrypt.hash(UUID().uuidString, cost: cost) }
        return decoy.withLock { stored in
            if let stored { return stored }
            stored = made
            return made
        }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

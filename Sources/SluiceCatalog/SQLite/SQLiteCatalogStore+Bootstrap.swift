import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    /// Who the operations log names for the first start's changes: no user can have this name
    /// (a name cannot start with `@`).
    static let bootstrapCaller = "@bootstrap"

    public func bootstrapAdministrator(name: String, token: String?) async throws -> String? {
        let secret = try await prepare(.createUser, .user, name, by: Self.bootstrapCaller) {
            _ = try CatalogName(name, kind: .user)
            if let token, let reason = CatalogTokenSecret.givenWeakness(token) {
                throw SluiceError(.catalogBootstrapTokenRefused, ["reason": reason])
            }
            return token ?? CatalogTokenSecret.make()
        }
        let caller = Self.bootstrapCaller
        do {
            // One IMMEDIATE write transaction (GRDB's default for writes): a second server
            // starting at once waits for it, then finds the user and does nothing.
            return try await pool.write { db -> String? in
                guard try Int.fetchOne(db, sql: "SELECT count(*) FROM user") == 0 else { return nil }
                let checked = try CatalogName(name, kind: .user)
                let now = Date()
                let user = CatalogUser(id: UUID(), name: checked.value, isAdministrator: true, isDisabled: false, createdBy: nil, createdAt: now)
                try Self.insertUser(db, user, key: checked.key, passwordHash: nil)
                let token = CatalogToken(
                    id: UUID(), user: user.name, description: "first start", createdAt: now,
                    expiresAt: now.addingTimeInterval(Self.longestTokenLife - 60), lastUsedAt: nil, isRevoked: false)
                try Self.insertToken(db, token, userID: db.lastInsertedRowID, digest: CatalogTokenSecret.digest(secret))
                try Self.record(db, .createUser, .user, user.name, caller, now, .succeeded, nil, "created, administrator, at first start")
                try Self.record(
                    db, .createToken, .token, token.id.uuidString, caller, now, .succeeded, nil,
                    "for user \"\(user.name)\", expires \(token.expiresAt.ISO8601Format())")
                return secret
            }
        } catch {
            throw storeFailed(error, "create the first administrator")
        }
    }

    /// Runs what must happen before a change's write transaction (a check, a bcrypt hash) and
    /// records its refusal as the change's failure.
    func prepare<T: Sendable>(
        _ kind: CatalogOperation.Kind, _ type: CatalogOperation.ObjectType, _ object: String, by caller: String,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        do {
            return try await body()
        } catch {
            let failure = storeFailed(error, kind.rawValue.replacingOccurrences(of: "_", with: " "))
            _ = try? await pool.write { db in
                try Self.record(db, kind, type, object, caller, Date(), .failed, failure.code, failure.text)
            }
            throw failure
        }
    }
}

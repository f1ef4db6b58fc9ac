import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func bootstrapAdministrator(name: String, token: String?) async throws -> String? {
        let caller = SQLiteCatalogStore.bootstrapCaller
        let secret = try await prepare(.createUser, .user, name, by: caller) {
            _ = try CatalogName(name, kind: .user)
            if let token, let reason = CatalogTokenSecret.givenWeakness(token) {
                throw SluiceError(.catalogBootstrapTokenRefused, ["reason": reason])
            }
            return token ?? CatalogTokenSecret.make()
        }
        do {
            // Under the writer lock, which every server sharing the catalog takes: a second
            // server starting at once waits for it, then finds the user and does nothing.
            return try await withTransaction(writing: true) { tx -> String? in
                guard try await tx.value("SELECT count(*) FROM catalog_user", as: Int.self) == 0 else { return nil }
                let checked = try CatalogName(name, kind: .user)
                let now = Date()
                let user = CatalogUser(id: UUID(), name: checked.value, isAdministrator: true, isDisabled: false, createdBy: nil, createdAt: now)
                let userID = try await Self.insertUser(tx, user, key: checked.key, passwordHash: nil)
                let token = CatalogToken(
                    id: UUID(), user: user.name, description: "first start", createdAt: now,
                    expiresAt: now.addingTimeInterval(SQLiteCatalogStore.longestTokenLife - 60), lastUsedAt: nil, isRevoked: false)
                try await Self.insertToken(tx, token, userID: userID, digest: CatalogTokenSecret.digest(secret))
                try await tx.record(.createUser, .user, user.name, caller, now, .succeeded, nil, "created, administrator, at first start")
                try await tx.record(
                    .createToken, .token, token.id.uuidString, caller, now, .succeeded, nil,
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
            _ = try? await withTransaction(writing: true) { tx in
                try await tx.record(kind, type, object, caller, Date(), .failed, failure.code, failure.text)
            }
            throw failure
        }
    }
}

import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func createToken(for user: String, expiresAt: Date, description: String, by caller: String) async throws -> CatalogCreatedToken {
        let id = UUID()
        return try await change(.createToken, .token, id.uuidString, by: caller) { tx in
            let row = try await Self.existingUser(tx, user)
            if row.user.isDisabled { throw SluiceError(.catalogUserDisabled, ["user": row.user.name]) }
            let now = Date()
            guard expiresAt > now, expiresAt.timeIntervalSince(now) <= SQLiteCatalogStore.longestTokenLife else {
                throw SluiceError(.catalogTokenExpiryInvalid, ["user": row.user.name, "expiresAt": expiresAt.ISO8601Format()])
            }
            let description = try CatalogDescription.check(description, kind: .token, name: id.uuidString)
            let secret = CatalogTokenSecret.make()
            let info = CatalogToken(
                id: id, user: row.user.name, description: description, createdAt: now, expiresAt: expiresAt, lastUsedAt: nil, isRevoked: false)
            try await Self.insertToken(tx, info, userID: row.id, digest: CatalogTokenSecret.digest(secret))
            return (CatalogCreatedToken(info: info, secret: secret), "for user \"\(row.user.name)\", expires \(expiresAt.ISO8601Format())")
        }
    }

    public func authenticate(token: String) async throws -> CatalogCaller? {
        guard CatalogTokenSecret.isWellFormed(token) else { return nil }
        let digest = CatalogTokenSecret.digest(token)
        let now = Date()
        let found = try await read("check a token") { tx -> TokenCheck? in
            guard let row = try await tx.first(
                """
                SELECT t.id, t.uuid, t.expires_at, t.revoked_at, t.last_used_at, u.name, u.is_administrator, u.is_disabled
                FROM token t JOIN catalog_user u ON u.id = t.user_id WHERE t.secret_sha256 = \(digest)
                """)
            else { return nil }
            let usable = try row("revoked_at", Date?.self) == nil && (try row("expires_at", Date.self)) > now && !(try row("is_disabled", Bool.self))
            guard usable else { return nil }
            let caller = CatalogCaller(user: try row("name"), isAdministrator: try row("is_administrator"), tokenID: try row("uuid", UUID.self))
            return TokenCheck(rowID: try row("id"), caller: caller, lastUsed: try row("last_used_at", Date?.self))
        }
        guard let found else { return nil }
        if found.lastUsed.map({ now.timeIntervalSince($0) >= SQLiteCatalogStore.lastUseResolution }) ?? true {
            // Without the writer lock: one row's time, which no change reads to decide anything.
            _ = try? await withTransaction(writing: true, writerLock: false) { tx in
                try await tx.execute("UPDATE token SET last_used_at = \(now) WHERE id = \(found.rowID)")
            }
        }
        return found.caller
    }

    public func tokens(of user: String) async throws -> [CatalogToken] {
        try await read("list tokens") { tx in
            let row = try await Self.existingUser(tx, user)
            return try await Self.tokens(tx, "t.user_id = $1", [row.id])
        }
    }

    public func token(_ id: UUID) async throws -> CatalogToken? {
        try await read("read token") { tx in try await Self.tokens(tx, "t.uuid = $1", [id]).first }
    }

    public func revokeToken(_ id: UUID, by caller: CatalogCaller) async throws {
        try await change(.revokeToken, .token, id.uuidString, by: caller.user) { tx in
            let notFound = SluiceError(.catalogTokenNotFound, ["token": id.uuidString])
            guard let token = try await Self.tokens(tx, "t.uuid = $1", [id]).first else { throw notFound }
            // Whether the caller is an administrator is read as stored now, not as it was at login.
            let asker = try await Self.userRow(tx, caller.user)
            let isAdministrator = asker.map { Self.isActiveAdministrator($0.user) } ?? false
            guard isAdministrator || CatalogName.key(token.user) == CatalogName.key(caller.user) else { throw notFound }
            if token.isRevoked { return ((), "already revoked") }
            try await tx.execute("UPDATE token SET revoked_at = \(Date()) WHERE uuid = \(id)")
            return ((), "revoked the token of user \"\(token.user)\"")
        }
    }

    // MARK: - Rows

    /// A usable token's row, its caller, and when it was last noted as used.
    struct TokenCheck: Sendable {
        var rowID: Int64
        var caller: CatalogCaller
        var lastUsed: Date?
    }

    static func insertToken(_ tx: PostgresCatalogTransaction, _ token: CatalogToken, userID: Int64, digest: Data) async throws {
        try await tx.execute(
            """
            INSERT INTO token (uuid, user_id, secret_sha256, description, created_at, expires_at)
            VALUES (\(token.id), \(userID), \(digest), \(token.description), \(token.createdAt), \(token.expiresAt))
            """)
    }

    /// The tokens matching `condition` (on `t`, token, with `$1`… bound to `values`), the newest first.
    static func tokens(
        _ tx: PostgresCatalogTransaction, _ condition: String, _ values: [any PostgresDynamicTypeEncodable]
    ) async throws -> [CatalogToken] {
        try await tx.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT t.*, u.name FROM token t JOIN catalog_user u ON u.id = t.user_id
                    WHERE \(condition) ORDER BY t.created_at DESC, t.id DESC
                    """, binds: bindings(values))
        ).map { row in
            CatalogToken(
                id: try row("uuid"), user: try row("name"), description: try row("description"), createdAt: try row("created_at"),
                expiresAt: try row("expires_at"), lastUsedAt: try row("last_used_at", Date?.self),
                isRevoked: try row("revoked_at", Date?.self) != nil)
        }
    }
}

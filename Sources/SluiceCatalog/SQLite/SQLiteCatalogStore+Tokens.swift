import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore {
    /// The longest a token lives (the API's TokenLifetime: a year), with a minute's slack for
    /// the time a request takes to arrive.
    static let longestTokenLife: TimeInterval = 31_536_000 + 60
    /// A token's last use is written at most this often: not a write on every request.
    static let lastUseResolution: TimeInterval = 60

    public func createToken(for user: String, expiresAt: Date, description: String, by caller: String) async throws -> CatalogCreatedToken {
        let id = UUID()
        return try await change(.createToken, .token, id.uuidString, by: caller) { db in
            let row = try Self.existingUser(db, user)
            if row.user.isDisabled { throw SluiceError(.catalogUserDisabled, ["user": row.user.name]) }
            let now = Date()
            guard expiresAt > now, expiresAt.timeIntervalSince(now) <= Self.longestTokenLife else {
                throw SluiceError(.catalogTokenExpiryInvalid, ["user": row.user.name, "expiresAt": expiresAt.ISO8601Format()])
            }
            let description = try CatalogDescription.check(description, kind: .token, name: id.uuidString)
            let secret = CatalogTokenSecret.make()
            let info = CatalogToken(
                id: id, user: row.user.name, description: description, createdAt: now, expiresAt: expiresAt, lastUsedAt: nil, isRevoked: false)
            try Self.insertToken(db, info, userID: row.id, digest: CatalogTokenSecret.digest(secret))
            return (CatalogCreatedToken(info: info, secret: secret), "for user \"\(row.user.name)\", expires \(expiresAt.ISO8601Format())")
        }
    }

    public func authenticate(token: String) async throws -> CatalogCaller? {
        guard CatalogTokenSecret.isWellFormed(token) else { return nil }
        let digest = CatalogTokenSecret.digest(token)
        let now = Date()
        guard let found = try await quickRead("check a token", { db in try Self.checkToken(db, digest: digest, now: now) })
        else { return nil }
        if found.lastUsed.map({ now.timeIntervalSince1970 - $0 >= Self.lastUseResolution }) ?? true {
            _ = try? await pool.write { db in
                try db.execute(sql: "UPDATE token SET last_used_at = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, found.rowID])
            }
        }
        return found.caller
    }

    /// The token whose secret has `digest`, when it is usable `now`: not revoked, not expired,
    /// its user not disabled.
    private static func checkToken(_ db: Database, digest: Data, now: Date) throws -> TokenCheck? {
        // A cached statement: every request checks a token.
        let statement = try db.cachedStatement(sql: """
            SELECT t.id, t.uuid, t.expires_at, t.revoked_at, t.last_used_at, u.name, u.is_administrator, u.is_disabled
            FROM token t JOIN user u ON u.id = t.user_id WHERE t.secret_sha256 = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [digest])
        else { return nil }
        let usable = (row["revoked_at"] as Double?) == nil && (row["expires_at"] as Double) > now.timeIntervalSince1970
            && !(row["is_disabled"] as Bool)
        guard usable else { return nil }
        let caller = CatalogCaller(
            user: row["name"], isAdministrator: row["is_administrator"], tokenID: try CatalogRowInvalid.parse(row, "uuid", UUID.init(uuidString:)))
        return TokenCheck(rowID: row["id"], caller: caller, lastUsed: row["last_used_at"])
    }

    public func tokens(of user: String) async throws -> [CatalogToken] {
        try await read("list tokens") { db in
            let row = try Self.existingUser(db, user)
            return try Self.tokens(db, "t.user_id = ?", [row.id])
        }
    }

    public func token(_ id: UUID) async throws -> CatalogToken? {
        try await read("read token") { db in try Self.tokens(db, "t.uuid = ?", [id.uuidString]).first }
    }

    public func revokeToken(_ id: UUID, by caller: CatalogCaller) async throws {
        try await change(.revokeToken, .token, id.uuidString, by: caller.user) { db in
            let notFound = SluiceError(.catalogTokenNotFound, ["token": id.uuidString])
            guard let token = try Self.tokens(db, "t.uuid = ?", [id.uuidString]).first else { throw notFound }
            // Whether the caller is an administrator is read as stored now, not as it was at login.
            let asker = try Self.userRow(db, caller.user)
            let isAdministrator = asker.map { Self.isActiveAdministrator($0.user) } ?? false
            guard isAdministrator || CatalogName.key(token.user) == CatalogName.key(caller.user) else { throw notFound }
            if token.isRevoked { return ((), "already revoked") }
            try db.execute(sql: "UPDATE token SET revoked_at = ? WHERE uuid = ?", arguments: [Date().timeIntervalSince1970, id.uuidString])
            return ((), "revoked the token of user \"\(token.user)\"")
        }
    }

    // MARK: - Rows

    /// A usable token's row, its caller, and when it was last noted as used.
    struct TokenCheck: Sendable {
        var rowID: Int64
        var caller: CatalogCaller
        var lastUsed: Double?
    }

    static func insertToken(_ db: Database, _ token: CatalogToken, userID: Int64, digest: Data) throws {
        try db.execute(
            sql: """
                INSERT INTO token (uuid, user_id, secret_sha256, description, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                token.id.uuidString, userID, digest, token.description, token.createdAt.timeIntervalSince1970,
                token.expiresAt.timeIntervalSince1970,
            ])
    }

    static func tokens(_ db: Database, _ condition: String, _ arguments: StatementArguments) throws -> [CatalogToken] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.*, u.name FROM token t JOIN user u ON u.id = t.user_id
                WHERE \(condition) ORDER BY t.created_at DESC, t.id DESC
                """, arguments: arguments
        ).map { row in
            CatalogToken(
                id: try CatalogRowInvalid.parse(row, "uuid", UUID.init(uuidString:)), user: row["name"], description: row["description"],
                createdAt: Date(timeIntervalSince1970: row["created_at"]), expiresAt: Date(timeIntervalSince1970: row["expires_at"]),
                lastUsedAt: (row["last_used_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
                isRevoked: (row["revoked_at"] as Double?) != nil)
        }
    }
}

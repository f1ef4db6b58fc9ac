import Foundation
import GRDB
import SluiceCore

extension SQLiteCatalogStore: CatalogSecurityStore {
    @discardableResult
    public func createUser(_ name: String, password: String, isAdministrator: Bool, by caller: String) async throws -> CatalogUser {
        // bcrypt runs before the write transaction, so the writer is never held for it.
        let hash = try await prepare(.createUser, .user, name, by: caller) {
            _ = try CatalogName(name, kind: .user)
            return try await self.passwords.hash(password, user: name)
        }
        return try await change(.createUser, .user, name, by: caller) { db in
            let user = try CatalogName(name, kind: .user)
            if let existing = try String.fetchOne(db, sql: "SELECT name FROM user WHERE name_key = ?", arguments: [user.key]) {
                throw SluiceError(.catalogUserExists, ["existing": existing])
            }
            let created = CatalogUser(
                id: UUID(), name: user.value, isAdministrator: isAdministrator, isDisabled: false, createdBy: caller, createdAt: Date())
            try Self.insertUser(db, created, key: user.key, passwordHash: hash)
            return (created, isAdministrator ? "created, administrator" : "created")
        }
    }

    public func user(_ name: String) async throws -> CatalogUser? {
        guard CatalogName.violation(name) == nil else { return nil }
        return try await read("read user") { db in try Self.userRow(db, name)?.user }
    }

    public func users() async throws -> [CatalogUser] {
        try await read("list users") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name_key").map { try Self.userRecord($0).user }
        }
    }

    @discardableResult
    public func updateUser(_ name: String, _ update: CatalogUserUpdate, by caller: String) async throws -> CatalogUser {
        try await change(.updateUser, .user, name, by: caller) { db in
            let row = try Self.existingUser(db, name)
            var changed = row.user
            changed.isAdministrator = update.isAdministrator ?? changed.isAdministrator
            changed.isDisabled = update.isDisabled ?? changed.isDisabled
            if !Self.isActiveAdministrator(changed) {
                try Self.refuseLosingLastAdministrator(db, row, action: changed.isDisabled ? "disabled" : "demoted")
            }
            try db.execute(
                sql: "UPDATE user SET is_administrator = ?, is_disabled = ? WHERE id = ?",
                arguments: [changed.isAdministrator, changed.isDisabled, row.id])
            return (changed, "administrator: \(changed.isAdministrator), disabled: \(changed.isDisabled)")
        }
    }

    public func deleteUser(_ name: String, by caller: String) async throws {
        try await change(.deleteUser, .user, name, by: caller) { db in
            let row = try Self.existingUser(db, name)
            try Self.refuseLosingLastAdministrator(db, row, action: "deleted")
            // Tokens, permissions and role memberships go with the user (ON DELETE CASCADE).
            try db.execute(sql: "DELETE FROM user WHERE id = ?", arguments: [row.id])
            return ((), "deleted")
        }
    }

    public func setPassword(of name: String, to password: String, by caller: String) async throws {
        let hash = try await prepare(.setUserPassword, .user, name, by: caller) {
            _ = try CatalogName(name, kind: .user)
            return try await self.passwords.hash(password, user: name)
        }
        try await change(.setUserPassword, .user, name, by: caller) { db in
            let row = try Self.existingUser(db, name)
            try db.execute(sql: "UPDATE user SET password_hash = ? WHERE id = ?", arguments: [hash, row.id])
            return ((), "password set")
        }
    }

    public func verifyPassword(name: String, password: String) async throws -> CatalogCaller? {
        var row: UserRow?
        if CatalogName.violation(name) == nil { row = try await read("read user") { db in try Self.userRow(db, name) } }
        // One bcrypt check whatever the user: a decoy's when there is no hash to check.
        let matches = await passwords.matches(password, hash: row?.passwordHash)
        if let row, matches, !row.user.isDisabled {
            return CatalogCaller(user: row.user.name, isAdministrator: row.user.isAdministrator, tokenID: nil)
        }
        // The same words for every refusal: the log does not tell which part was wrong.
        let refusal = SluiceError(.catalogLoginRefused, ["user": CatalogName.escaped(name)])
        _ = try? await pool.write { db in
            try Self.record(db, .login, .user, name, CatalogName.escaped(name), Date(), .failed, refusal.code, refusal.text)
        }
        return nil
    }

    // MARK: - Rows

    struct UserRow: Sendable {
        var id: Int64
        var user: CatalogUser
        var passwordHash: String?
    }

    static func insertUser(_ db: Database, _ user: CatalogUser, key: String, passwordHash: String?) throws {
        try db.execute(
            sql: """
                INSERT INTO user (uuid, name, name_key, password_hash, is_administrator, is_disabled, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                user.id.uuidString, user.name, key, passwordHash, user.isAdministrator, user.isDisabled, user.createdBy,
                user.createdAt.timeIntervalSince1970,
            ])
    }

    /// The user `name`, nil when there is none (or the name breaks the rules).
    static func userRow(_ db: Database, _ name: String) throws -> UserRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM user WHERE name_key = ?", arguments: [CatalogName.key(name)]).map(userRecord)
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_USER_NOT_FOUND`.
    static func existingUser(_ db: Database, _ name: String) throws -> UserRow {
        let checked = try CatalogName(name, kind: .user)
        guard let row = try userRow(db, checked.value) else { throw SluiceError(.catalogUserNotFound, ["user": checked.value]) }
        return row
    }

    static func userRecord(_ row: Row) throws -> UserRow {
        let user = CatalogUser(
            id: try CatalogRowInvalid.parse(row, "uuid", UUID.init(uuidString:)), name: row["name"], isAdministrator: row["is_administrator"],
            isDisabled: row["is_disabled"], createdBy: row["created_by"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
        return UserRow(id: row["id"], user: user, passwordHash: row["password_hash"])
    }

    static func isActiveAdministrator(_ user: CatalogUser) -> Bool { user.isAdministrator && !user.isDisabled }

    /// Refuses a change that would leave the catalog without an enabled administrator.
    static func refuseLosingLastAdministrator(_ db: Database, _ row: UserRow, action: String) throws {
        guard isActiveAdministrator(row.user) else { return }
        let others = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM user WHERE is_administrator = 1 AND is_disabled = 0 AND id != ?", arguments: [row.id]) ?? 0
        if others == 0 { throw SluiceError(.catalogLastAdministrator, ["user": row.user.name, "action": action]) }
    }
}

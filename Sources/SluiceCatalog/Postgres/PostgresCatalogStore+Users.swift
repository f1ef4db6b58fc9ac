import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore: CatalogSecurityStore {
    @discardableResult
    public func createUser(_ name: String, password: String, isAdministrator: Bool, by caller: String) async throws -> CatalogUser {
        // bcrypt runs before the write transaction, so the writer lock is never held for it.
        let hash = try await prepare(.createUser, .user, name, by: caller) {
            _ = try CatalogName(name, kind: .user)
            return try await self.passwords.hash(password, user: name)
        }
        return try await change(.createUser, .user, name, by: caller) { tx in
            let user = try CatalogName(name, kind: .user)
            if let existing = try await tx.value("SELECT name FROM catalog_user WHERE name_key = \(user.key)", as: String.self) {
                throw SluiceError(.catalogUserExists, ["existing": existing])
            }
            let created = CatalogUser(
                id: UUID(), name: user.value, isAdministrator: isAdministrator, isDisabled: false, createdBy: caller, createdAt: Date())
            _ = try await Self.insertUser(tx, created, key: user.key, passwordHash: hash)
            return (created, isAdministrator ? "created, administrator" : "created")
        }
    }

    public func user(_ name: String) async throws -> CatalogUser? {
        guard CatalogName.violation(name) == nil else { return nil }
        return try await read("read user") { tx in try await Self.userRow(tx, name)?.user }
    }

    public func users() async throws -> [CatalogUser] {
        try await read("list users") { tx in
            try await tx.rows("SELECT * FROM catalog_user ORDER BY name_key").map { try Self.userRecord($0).user }
        }
    }

    @discardableResult
    public func updateUser(_ name: String, _ update: CatalogUserUpdate, by caller: String) async throws -> CatalogUser {
        try await change(.updateUser, .user, name, by: caller) { tx in
            let row = try await Self.existingUser(tx, name)
            var changed = row.user
            changed.isAdministrator = update.isAdministrator ?? changed.isAdministrator
            changed.isDisabled = update.isDisabled ?? changed.isDisabled
            if !Self.isActiveAdministrator(changed) {
                try await Self.refuseLosingLastAdministrator(tx, row, action: changed.isDisabled ? "disabled" : "demoted")
            }
            try await tx.execute(
                "UPDATE catalog_user SET is_administrator = \(changed.isAdministrator), is_disabled = \(changed.isDisabled) WHERE id = \(row.id)")
            return (changed, "administrator: \(changed.isAdministrator), disabled: \(changed.isDisabled)")
        }
    }

    public func deleteUser(_ name: String, by caller: String) async throws {
        try await change(.deleteUser, .user, name, by: caller) { tx in
            let row = try await Self.existingUser(tx, name)
            try await Self.refuseLosingLastAdministrator(tx, row, action: "deleted")
            // Tokens, permissions and role memberships go with the user (ON DELETE CASCADE).
            try await tx.execute("DELETE FROM catalog_user WHERE id = \(row.id)")
            return ((), "deleted")
        }
    }

    public func setPassword(of name: String, to password: String, by caller: String) async throws {
        let hash = try await prepare(.setUserPassword, .user, name, by: caller) {
            _ = try CatalogName(name, kind: .user)
            return try await self.passwords.hash(password, user: name)
        }
        try await change(.setUserPassword, .user, name, by: caller) { tx in
            let row = try await Self.existingUser(tx, name)
            try await tx.execute("UPDATE catalog_user SET password_hash = \(hash) WHERE id = \(row.id)")
            return ((), "password set")
        }
    }

    public func verifyPassword(name: String, password: String) async throws -> CatalogCaller? {
        var row: UserRow?
        if CatalogName.violation(name) == nil { row = try await read("read user") { tx in try await Self.userRow(tx, name) } }
        // One bcrypt check whatever the user: a decoy's when there is no hash to check.
        let matches = await passwords.matches(password, hash: row?.passwordHash)
        if let row, matches, !row.user.isDisabled {
            return CatalogCaller(user: row.user.name, isAdministrator: row.user.isAdministrator, tokenID: nil)
        }
        // The same words for every refusal: the log does not tell which part was wrong.
        let refusal = SluiceError(.catalogLoginRefused, ["user": CatalogName.escaped(name)])
        _ = try? await withTransaction(writing: true) { tx in
            try await tx.record(.login, .user, name, CatalogName.escaped(name), Date(), .failed, refusal.code, refusal.text)
        }
        return nil
    }

    // MARK: - Rows

    struct UserRow: Sendable {
        var id: Int64
        var user: CatalogUser
        var passwordHash: String?
    }

    /// - Returns: the new row's id.
    static func insertUser(_ tx: PostgresCatalogTransaction, _ user: CatalogUser, key: String, passwordHash: String?) async throws -> Int64 {
        try await inserted(
            tx,
            """
            INSERT INTO catalog_user (uuid, name, name_key, password_hash, is_administrator, is_disabled, created_by, created_at)
            VALUES (\(user.id), \(user.name), \(key), \(passwordHash), \(user.isAdministrator), \(user.isDisabled), \(user.createdBy),
                \(user.createdAt))
            RETURNING id
            """)
    }

    /// The user `name`, nil when there is none (or the name breaks the rules).
    static func userRow(_ tx: PostgresCatalogTransaction, _ name: String) async throws -> UserRow? {
        try await tx.first("SELECT * FROM catalog_user WHERE name_key = \(CatalogName.key(name))").map(userRecord)
    }

    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_USER_NOT_FOUND`.
    static func existingUser(_ tx: PostgresCatalogTransaction, _ name: String) async throws -> UserRow {
        let checked = try CatalogName(name, kind: .user)
        guard let row = try await userRow(tx, checked.value) else { throw SluiceError(.catalogUserNotFound, ["user": checked.value]) }
        return row
    }

    static func userRecord(_ row: PostgresCatalogRow) throws -> UserRow {
        let user = CatalogUser(
            id: try row("uuid"), name: try row("name"), isAdministrator: try row("is_administrator"), isDisabled: try row("is_disabled"),
            createdBy: try row("created_by", String?.self), createdAt: try row("created_at"))
        return UserRow(id: try row("id"), user: user, passwordHash: try row("password_hash", String?.self))
    }

    static func isActiveAdministrator(_ user: CatalogUser) -> Bool { user.isAdministrator && !user.isDisabled }

    /// Refuses a change that would leave the catalog without an enabled administrator.
    static func refuseLosingLastAdministrator(_ tx: PostgresCatalogTransaction, _ row: UserRow, action: String) async throws {
        guard isActiveAdministrator(row.user) else { return }
        let others = try await tx.value(
            "SELECT count(*) FROM catalog_user WHERE is_administrator AND NOT is_disabled AND id != \(row.id)", as: Int.self) ?? 0
        if others == 0 { throw SluiceError(.catalogLastAdministrator, ["user": row.user.name, "action": action]) }
    }
}

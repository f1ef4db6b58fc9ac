import Foundation

/// A ``CatalogStore`` that also keeps the catalog's users, tokens, permissions and roles, and
/// decides with them what a caller may do (docs/catalog-api.md, "Who may do what").
///
/// ```swift
/// let store = try SQLiteCatalogStore(path: path)
/// if let secret = try await store.bootstrapAdministrator(name: "admin", token: nil) { print(secret) }
/// let caller = try await store.authenticate(token: bearer)          // nil: answer 401
/// let held = try await store.effectivePermissions(of: caller!, on: .project(folder: "Finance", project: "Warehouse"))
/// ```
///
/// The store checks what it stores (names, passwords, expiries, which permissions an object
/// takes, the last administrator); *who* may ask for a change is the server's to decide, with
/// ``effectivePermissions(of:on:)``. Every change is one transaction recorded in the operations
/// log, refused ones as failed; no password or token secret is ever stored or recorded: a
/// password is kept as its bcrypt hash, a token as its SHA-256. Errors are `SluiceError`s with
/// `SLUICE_E_CATALOG_*` codes (80050-80079 for security, the store's own for folders and
/// projects).
public protocol CatalogSecurityStore: CatalogStore {
    // MARK: Users

    /// Creates a user with a password (at least 12 characters, at most 72 bytes of UTF-8, no NUL).
    /// - Throws: `SLUICE_E_CATALOG_NAME_INVALID`, `SLUICE_E_CATALOG_USER_EXISTS`,
    ///   `SLUICE_E_CATALOG_PASSWORD_REFUSED`.
    @discardableResult
    func createUser(_ name: String, password: String, isAdministrator: Bool, by caller: String) async throws -> CatalogUser
    /// The user `name`, nil when there is none.
    func user(_ name: String) async throws -> CatalogUser?
    /// Every user, by name.
    func users() async throws -> [CatalogUser]
    /// Changes the administrator flag or disables a user. Disabling a user makes their tokens
    /// fail at once. - Throws: `SLUICE_E_CATALOG_USER_NOT_FOUND`, `SLUICE_E_CATALOG_LAST_ADMINISTRATOR`.
    @discardableResult
    func updateUser(_ name: String, _ update: CatalogUserUpdate, by caller: String) async throws -> CatalogUser
    /// Deletes the user with their tokens, grants and role memberships.
    /// - Throws: `SLUICE_E_CATALOG_USER_NOT_FOUND`, `SLUICE_E_CATALOG_LAST_ADMINISTRATOR`.
    func deleteUser(_ name: String, by caller: String) async throws
    /// Sets a new password (checked as ``createUser(_:password:isAdministrator:by:)`` checks it).
    func setPassword(of name: String, to password: String, by caller: String) async throws
    /// The caller `name` is when `password` is theirs, nil otherwise (unknown user, wrong
    /// password, disabled, no password). Costs one bcrypt check whatever the answer, so the time
    /// taken does not tell whether the user exists; a refusal is recorded as a failed `login`.
    func verifyPassword(name: String, password: String) async throws -> CatalogCaller?

    // MARK: Tokens

    /// A new token for `user`, valid until `expiresAt` (in the future, at most a year away).
    /// - Throws: `SLUICE_E_CATALOG_USER_NOT_FOUND`, `SLUICE_E_CATALOG_USER_DISABLED`,
    ///   `SLUICE_E_CATALOG_TOKEN_EXPIRY_INVALID`, `SLUICE_E_CATALOG_DESCRIPTION_INVALID`.
    func createToken(for user: String, expiresAt: Date, description: String, by caller: String) async throws -> CatalogCreatedToken
    /// The caller a bearer token belongs to; nil for an unknown, malformed, expired or revoked
    /// token, or a disabled user's. Notes the token's last use (at most once a minute).
    func authenticate(token: String) async throws -> CatalogCaller?
    /// The tokens of `user`, the newest first (never their secrets).
    func tokens(of user: String) async throws -> [CatalogToken]
    /// The token `id`, nil when there is none.
    func token(_ id: UUID) async throws -> CatalogToken?
    /// Revokes a token: the token's own user or an administrator may; for anyone else the
    /// token does not exist. - Throws: `SLUICE_E_CATALOG_TOKEN_NOT_FOUND`.
    func revokeToken(_ id: UUID, by caller: CatalogCaller) async throws

    // MARK: First start

    /// When the catalog has no user: creates the administrator `name` (without a password) and
    /// a token for it, `token` when given (at least 32 printable ASCII characters, e.g. from
    /// SLUICE_ADMIN_TOKEN), else a new one; returns the token's secret, to print once. Returns
    /// nil and does nothing when a user exists. Two servers starting at once make one.
    /// - Throws: `SLUICE_E_CATALOG_BOOTSTRAP_TOKEN_REFUSED`, `SLUICE_E_CATALOG_NAME_INVALID`.
    func bootstrapAdministrator(name: String, token: String?) async throws -> String?

    // MARK: Permissions

    /// Grants or denies `permission` to `user` on a folder, project or environment, replacing
    /// the state set before. - Throws: `SLUICE_E_CATALOG_USER_NOT_FOUND`, the object's not-found
    /// code, `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE` (a folder-only permission on a project or
    /// environment; any on a package).
    func setPermission(
        _ permission: CatalogPermission, _ state: CatalogPermissionState, for user: String, on object: CatalogSecurable, by caller: String
    ) async throws
    /// Removes the user's entry for `permission` on the object (nothing to remove is no error).
    func revokePermission(_ permission: CatalogPermission, for user: String, on object: CatalogSecurable, by caller: String) async throws
    /// The explicit entries on the object, by user then permission.
    func permissions(on object: CatalogSecurable) async throws -> [CatalogPermissionEntry]

    // MARK: Roles (folders and packages)

    /// The roles of a folder or a package. - Throws: not found, `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE`.
    func roles(of object: CatalogSecurable) async throws -> CatalogRoles
    /// Sets both roles' members as a whole (existing users, at most 1000 each). A package's roles
    /// are kept by project and package name, so they survive a redeploy.
    /// - Throws: `SLUICE_E_CATALOG_USER_NOT_FOUND`, `SLUICE_E_CATALOG_ROLES_TOO_MANY`, not found,
    ///   `SLUICE_E_CATALOG_SECURITY_NOT_APPLICABLE`.
    func setRoles(of object: CatalogSecurable, readers: [String], writers: [String], by caller: String) async throws

    // MARK: Decisions

    /// What `caller` holds on the object (as stored now: a user since disabled holds nothing, one
    /// since made administrator holds all). Administrators: all nine on a folder, the four
    /// object permissions elsewhere. A bounded number of queries, whatever the catalog's size.
    func effectivePermissions(of caller: CatalogCaller, on object: CatalogSecurable) async throws -> Set<CatalogPermission>
    /// The objects of `objects` the caller may READ, in their order, in a bounded number of
    /// queries (for lists: only what the caller may READ is listed).
    func readable(_ objects: [CatalogSecurable], by caller: CatalogCaller) async throws -> [CatalogSecurable]
}

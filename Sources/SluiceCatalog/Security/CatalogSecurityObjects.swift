import Foundation

// The security objects as a ``CatalogSecurityStore`` returns them: plain values, the same for
// every backend, carrying what the API's User, TokenInfo, PermissionEntry and Roles answers need.

/// A catalog user (the API's `User`).
public struct CatalogUser: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var isAdministrator: Bool
    public var isDisabled: Bool
    /// Who created the user; nil for the administrator made on first start.
    public var createdBy: String?
    public var createdAt: Date

    public init(id: UUID, name: String, isAdministrator: Bool, isDisabled: Bool, createdBy: String?, createdAt: Date) {
        self.id = id
        self.name = name
        self.isAdministrator = isAdministrator
        self.isDisabled = isDisabled
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

/// The fields of a user to change; nil ones stay (the API's `UserUpdate`).
public struct CatalogUserUpdate: Sendable, Hashable {
    public var isAdministrator: Bool?
    public var isDisabled: Bool?

    public init(isAdministrator: Bool? = nil, isDisabled: Bool? = nil) {
        self.isAdministrator = isAdministrator
        self.isDisabled = isDisabled
    }
}

/// A token, without its secret (the API's `TokenInfo`).
public struct CatalogToken: Sendable, Hashable {
    public var id: UUID
    public var user: String
    public var description: String
    public var createdAt: Date
    public var expiresAt: Date
    /// When a request last carried it (kept to the minute); nil when never.
    public var lastUsedAt: Date?
    public var isRevoked: Bool

    public init(id: UUID, user: String, description: String, createdAt: Date, expiresAt: Date, lastUsedAt: Date?, isRevoked: Bool) {
        self.id = id
        self.user = user
        self.description = description
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.lastUsedAt = lastUsedAt
        self.isRevoked = isRevoked
    }
}

/// A new token and its secret, which exists only here: the store keeps its SHA-256.
public struct CatalogCreatedToken: Sendable {
    public var info: CatalogToken
    /// `slc_` and 32 random bytes in base64url, to send as `Authorization: Bearer`.
    public var secret: String

    public init(info: CatalogToken, secret: String) {
        self.info = info
        self.secret = secret
    }
}

/// An explicit grant or deny of one permission to one user on one object (the API's
/// `PermissionEntry`).
public struct CatalogPermissionEntry: Sendable, Hashable {
    public var user: String
    public var permission: CatalogPermission
    public var state: CatalogPermissionState
    public var setBy: String
    public var setAt: Date

    public init(user: String, permission: CatalogPermission, state: CatalogPermissionState, setBy: String, setAt: Date) {
        self.user = user
        self.permission = permission
        self.state = state
        self.setBy = setBy
        self.setAt = setAt
    }
}

/// A folder's or a package's reader and writer roles (the API's `Roles`). The owner (a folder's
/// creator; for a package, its project's creator) holds both without being listed.
public struct CatalogRoles: Sendable, Hashable {
    public var owner: String
    public var readers: [String]
    public var writers: [String]

    public init(owner: String, readers: [String], writers: [String]) {
        self.owner = owner
        self.readers = readers
        self.writers = writers
    }
}

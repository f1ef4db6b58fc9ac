import SluiceCatalogAPI

/// Users, tokens, login and the caller.
extension CatalogClient {
    public typealias User = Components.Schemas.User
    public typealias TokenInfo = Components.Schemas.TokenInfo
    public typealias CreatedToken = Components.Schemas.CreatedToken

    /// Name and password → a new token (the client's own token is not needed).
    public func login(user: String, password: String, expiresInSeconds: Int64? = nil, description: String? = nil)
        async throws -> CreatedToken
    {
        try await call("login") {
            try await client.login(
                body: .json(.init(user: user, password: password, expiresInSeconds: expiresInSeconds, description: description))
            ).ok.body.json
        }
    }

    /// The caller: who the token belongs to.
    public func currentUser() async throws -> User {
        try await call("getCurrentUser") { try await client.getCurrentUser().ok.body.json }
    }

    public func createUser(_ name: String, password: String, administrator: Bool = false) async throws -> User {
        try await call("createUser") {
            try await client.createUser(body: .json(.init(name: name, password: password, administrator: administrator))).created.body.json
        }
    }

    public func allUsers() async throws -> [User] {
        try await collectAll("listUsers") { after in
            let page = try await call("listUsers") { try await client.listUsers(query: .init(after: after)).ok.body.json }
            return (page.items, page.next)
        }
    }

    public func updateUser(_ name: String, disabled: Bool? = nil, administrator: Bool? = nil) async throws -> User {
        try await call("updateUser") {
            try await client.updateUser(path: .init(userName: name), body: .json(.init(disabled: disabled, administrator: administrator)))
                .ok.body.json
        }
    }

    public func deleteUser(_ name: String) async throws {
        _ = try await call("deleteUser") { try await client.deleteUser(path: .init(userName: name)).noContent }
    }

    /// Sets a password: one's own needs `currentPassword`; an administrator's for another user does not.
    public func setPassword(user: String, password: String, currentPassword: String? = nil) async throws {
        _ = try await call("setUserPassword") {
            try await client.setUserPassword(
                path: .init(userName: user), body: .json(.init(password: password, currentPassword: currentPassword))
            ).noContent
        }
    }

    public func createToken(expiresInSeconds: Int64? = nil, description: String? = nil) async throws -> CreatedToken {
        try await call("createToken") {
            try await client.createToken(body: .json(.init(expiresInSeconds: expiresInSeconds, description: description))).created.body.json
        }
    }

    public func allTokens() async throws -> [TokenInfo] {
        try await collectAll("listTokens") { after in
            let page = try await call("listTokens") { try await client.listTokens(query: .init(after: after)).ok.body.json }
            return (page.items, page.next)
        }
    }

    public func revokeToken(_ id: String) async throws {
        _ = try await call("revokeToken") { try await client.revokeToken(path: .init(tokenId: id)).noContent }
    }
}

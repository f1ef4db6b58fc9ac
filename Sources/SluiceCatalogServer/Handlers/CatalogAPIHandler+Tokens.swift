import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

extension CatalogAPIHandler {
    /// A wrong name, a wrong password and a disabled user get the same 401; a name or address
    /// with too many recent failures gets 429 before any password is checked.
    func login(_ input: Operations.Login.Input) async throws -> Operations.Login.Output {
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let lifetime = try Self.tokenLifetime(request.expiresInSeconds, operation: "login")
        let address = CatalogRequestClient.address
        try refuseIfThrottled(name: request.user, address: address)
        guard let caller = try await store.verifyPassword(name: request.user, password: request.password) else {
            loginThrottle.failed(name: request.user, address: address)
            throw SluiceError(.catalogServerLoginFailed)
        }
        loginThrottle.succeeded(name: request.user)
        let created = try await store.createToken(
            for: caller.user, expiresAt: Date().addingTimeInterval(lifetime), description: request.description ?? "login",
            by: caller.user)
        return .ok(.init(body: .json(Self.createdToken(created))))
    }

    func listTokens(_ input: Operations.ListTokens.Input) async throws -> Operations.ListTokens.Output {
        let caller = try caller("listTokens")
        let tokens = try await store.tokens(of: caller.user)
        let page = try Page(tokens, key: { Self.newestFirstKey($0.createdAt, $0.id.uuidString) }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.tokenInfo), next: page.next))))
    }

    func createToken(_ input: Operations.CreateToken.Input) async throws -> Operations.CreateToken.Output {
        let caller = try caller("createToken")
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let lifetime = try Self.tokenLifetime(request.expiresInSeconds, operation: "createToken")
        let created = try await store.createToken(
            for: caller.user, expiresAt: Date().addingTimeInterval(lifetime), description: request.description ?? "", by: caller.user)
        return .created(.init(body: .json(Self.createdToken(created))))
    }

    /// The store refuses another user's token as absent (404) unless the caller is an administrator.
    func revokeToken(_ input: Operations.RevokeToken.Input) async throws -> Operations.RevokeToken.Output {
        let caller = try caller("revokeToken")
        guard let id = UUID(uuidString: input.path.tokenId) else {
            throw SluiceError(.catalogTokenNotFound, ["token": String(input.path.tokenId.prefix(64))])
        }
        try await store.revokeToken(id, by: caller)
        return .noContent(.init())
    }

    // MARK: Helpers

    /// 429 with the seconds to wait (``ProblemResponse`` turns `seconds` into `Retry-After`).
    func refuseIfThrottled(name: String, address: String?) throws {
        if let seconds = loginThrottle.refusal(name: name, address: address) {
            throw SluiceError(.catalogServerLoginRateLimited, ["seconds": String(seconds)])
        }
    }

    /// The TokenLifetime schema: one minute to one year, 30 days when absent.
    static func tokenLifetime(_ seconds: Int64?, operation: String) throws -> TimeInterval {
        let seconds = seconds ?? 2_592_000
        guard (60...31_536_000).contains(seconds) else {
            throw SluiceError(
                .catalogServerRequestMalformed, ["operation": operation, "reason": "expiresInSeconds must be 60-31536000, not \(seconds)"])
        }
        return TimeInterval(seconds)
    }

    /// A page key that orders the newest first: the time counted down from the year 9999.
    static func newestFirstKey(_ date: Date, _ tieBreak: String) -> String {
        let micros = Int64((253_402_300_800 - date.timeIntervalSince1970.clamped(0, 253_402_300_800)) * 1_000_000)
        return String(repeating: "0", count: max(0, 20 - String(micros).count)) + String(micros) + "\u{0}" + tieBreak.lowercased()
    }

    static func createdToken(_ created: CatalogCreatedToken) -> Components.Schemas.CreatedToken {
        .init(token: created.secret, info: tokenInfo(created.info))
    }

    static func tokenInfo(_ token: CatalogToken) -> Components.Schemas.TokenInfo {
        .init(
            id: token.id.uuidString.lowercased(), user: token.user, description: token.description.isEmpty ? nil : token.description,
            createdAt: token.createdAt, expiresAt: token.expiresAt, lastUsedAt: token.lastUsedAt, revoked: token.isRevoked)
    }
}

extension Double {
    /// Within `low...high` (NaN becomes `low`), so a conversion to an integer cannot trap.
    func clamped(_ low: Double, _ high: Double) -> Double { self.isNaN ? low : Swift.min(Swift.max(self, low), high) }
}

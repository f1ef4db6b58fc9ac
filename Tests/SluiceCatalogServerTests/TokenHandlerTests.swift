import Foundation
import Testing

/// Tokens over the real server: created for the caller, listed without secrets, revoked at once,
/// and another user's token is absent to anyone but an administrator.
@Suite struct TokenHandlerTests {
    @Test func createListAndRevokeATokenWhichIsRefusedAtOnce() async throws {
        try await SecurityServer.with { server in
            let ada = try await server.user("ada")
            let created = try await server.send(.post, "/api/v1/tokens", token: ada, json: #"{"expiresInSeconds": 600, "description": "ci"}"#)
            #expect(created.status == 201, "\(created.text)")
            let secret = try #require(created.object["token"] as? String)
            let id = try #require((created.object["info"] as? [String: Any])?["id"] as? String)
            #expect(try await server.get("/api/v1/me", token: secret).status == 200)

            let list = try await server.get("/api/v1/tokens", token: secret)
            #expect(list.status == 200)
            #expect(list.items.count == 2)
            #expect(list.items.first?["id"] as? String == id)  // the newest first
            #expect(list.items.first?["description"] as? String == "ci")
            #expect(!list.text.contains(secret) && !list.text.contains(ada))

            let revoked = try await server.send(.delete, "/api/v1/tokens/\(id)", token: ada)
            #expect(revoked.status == 204)
            let refused = try await server.get("/api/v1/me", token: secret)
            #expect(refused.status == 401 && refused.problem == "SLUICE_E_CATALOG_UNAUTHORIZED")
            #expect(try await server.get("/api/v1/me", token: ada).status == 200)
            let after = try await server.get("/api/v1/tokens", token: ada)
            #expect(after.items.first { $0["id"] as? String == id }?["revoked"] as? Bool == true)
        }
    }

    /// The scheme is matched in any case (RFC 9110) and blanks around the token are dropped;
    /// another scheme, a missing or empty token, or more than one word after it is refused.
    @Test func theBearerSchemeIsMatchedInAnyCaseAndBlanksAroundTheTokenAreDropped() async throws {
        try await SecurityServer.with { server in
            let token = SecurityServer.adminToken
            for header in ["Bearer \(token)", "bearer \(token)", "BEARER \(token)", "bEaReR \(token) \t", "Bearer \t\(token)"] {
                let answer = try await server.send(.get, "/api/v1/me", authorization: header)
                #expect(answer.status == 200, "\(header)")
            }
            for header in ["Basic \(token)", "Bearer", "Bearer \t ", "Bearerx \(token)", "Bearer \(token) x", token, "Bearer \(token)\tx"] {
                let answer = try await server.send(.get, "/api/v1/me", authorization: header)
                #expect(answer.status == 401, "\(header)")
            }
        }
    }

    @Test func aUsersTokenCannotRevokeAnothersAndAnAdministratorCan() async throws {
        try await SecurityServer.with { server in
            let ada = try await server.user("ada")
            let bob = try await server.user("bob")
            let bobsID = try #require(try await server.store.tokens(of: "bob").first?.id.uuidString.lowercased())
            let refused = try await server.send(.delete, "/api/v1/tokens/\(bobsID)", token: ada)
            #expect(refused.status == 404 && refused.problem == "SLUICE_E_CATALOG_TOKEN_NOT_FOUND")
            #expect(try await server.get("/api/v1/me", token: bob).status == 200)
            // Ada's list does not hold Bob's token.
            #expect(!(try await server.get("/api/v1/tokens", token: ada).text.contains(bobsID)))
            #expect(try await server.send(.delete, "/api/v1/tokens/\(bobsID)").status == 204)
            #expect(try await server.get("/api/v1/me", token: bob).status == 401)
        }
    }

    @Test func aLifetimeOutsideOneMinuteToOneYearIsRefusedAndNothingIsMade() async throws {
        try await SecurityServer.with { server in
            let ada = try await server.user("ada")
            for seconds in [0, 59, 31_536_001] {
                let answer = try await server.send(.post, "/api/v1/tokens", token: ada, json: #"{"expiresInSeconds": \#(seconds)}"#)
                #expect(answer.status == 400 && answer.problem == "SLUICE_E_CATALOG_REQUEST_MALFORMED", "\(answer.text)")
            }
            #expect(try await server.store.tokens(of: "ada").count == 1)
        }
    }
}

import Foundation
import Synchronization
import Testing

@testable import SluiceCatalogServer

/// `POST /api/v1/login` on the real server, and the throttle that limits it.
@Suite struct LoginRateLimitTests {
    static func login(_ user: String, _ password: String, lifetime: Int? = nil) -> String {
        let expiry = lifetime.map { #", "expiresInSeconds": \#($0)"# } ?? ""
        return #"{"user": "\#(user)", "password": "\#(password)"\#(expiry)}"#
    }

    @Test func loginGivesAWorkingTokenThatExpiresAsAsked() async throws {
        try await SecurityServer.with { server in
            _ = try await server.user("ada")
            let started = Date()
            let answer = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", SecurityServer.password, lifetime: 3600))
            #expect(answer.status == 200, "\(answer.text)")
            let token = try #require(answer.object["token"] as? String)
            let info = try #require(answer.object["info"] as? [String: Any])
            let expires = try #require((info["expiresAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(abs(expires.timeIntervalSince(started) - 3600) < 60)
            #expect(!answer.text.contains(SecurityServer.password))
            let me = try await server.get("/api/v1/me", token: token)
            #expect(me.status == 200 && me.object["name"] as? String == "ada")
            // Absent, a token lives 30 days.
            let plain = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", SecurityServer.password))
            let plainInfo = try #require(plain.object["info"] as? [String: Any])
            let plainExpiry = try #require((plainInfo["expiresAt"] as? String).flatMap { try? Date($0, strategy: .iso8601) })
            #expect(abs(plainExpiry.timeIntervalSince(started) - 2_592_000) < 60)
        }
    }

    @Test func aWrongPasswordAndAnUnknownUserGetTheSameAnswer() async throws {
        try await SecurityServer.with { server in
            _ = try await server.user("ada")
            let wrong = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", "not the password"))
            let unknown = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("nobody", "not the password"))
            #expect(wrong.status == 401 && unknown.status == 401)
            #expect(wrong.problem == "SLUICE_E_CATALOG_LOGIN_FAILED")
            #expect(wrong.object["detail"] as? String == unknown.object["detail"] as? String)
            #expect(wrong.object["code"] as? Int == 80113 && unknown.object["code"] as? Int == 80113)
            // Recorded as failed logins, no token made.
            let failed = try await server.store.operations(.init(kind: .login, outcome: .failed))
            #expect(failed.count == 2)
            #expect(try await server.store.tokens(of: "ada").count == 1)
        }
    }

    @Test func aNameWithTooManyFailuresIsLimitedEvenWithTheRightPasswordAndAnotherNameIsNot() async throws {
        try await SecurityServer.with { server in
            _ = try await server.user("ada")
            _ = try await server.user("bob")
            for _ in 0..<5 {
                let refused = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", "not the password"))
                #expect(refused.status == 401)
            }
            let limited = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", "not the password"))
            #expect(limited.status == 429)
            #expect(limited.problem == "SLUICE_E_CATALOG_LOGIN_RATE_LIMITED")
            let retry = try #require(limited.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...300).contains(retry))
            // Still limited, even with the right password: no token is made.
            let right = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ADA", SecurityServer.password))
            #expect(right.status == 429 && right.headers[.retryAfter] != nil)
            #expect(try await server.store.tokens(of: "ada").count == 1)
            // Another name from the same address logs in, and that does not clear ada's count.
            let bob = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("bob", SecurityServer.password))
            #expect(bob.status == 200)
            let again = try await server.send(.post, "/api/v1/login", token: nil, json: Self.login("ada", SecurityServer.password))
            #expect(again.status == 429)
        }
    }

    @Test func theThrottleCountsPerNameAndPerAddressAndForgetsAfterTheWindow() {
        let clock = Mutex(Date(timeIntervalSince1970: 1_000_000))
        let throttle = LoginThrottle(limits: .init(perName: 2, perAddress: 3, window: 60, capacity: 100), now: { clock.withLock { $0 } })
        throttle.failed(name: "ada", address: "10.0.0.1")
        #expect(throttle.refusal(name: "ada", address: "10.0.0.1") == nil)
        throttle.failed(name: "Ada", address: "10.0.0.1")
        #expect(throttle.refusal(name: "ada", address: "10.0.0.9") == 60)
        // A success of another name clears only that name.
        throttle.succeeded(name: "bob")
        #expect(throttle.refusal(name: "ada", address: "10.0.0.9") != nil)
        // Spraying names from one address: the address's count stops the third.
        throttle.failed(name: "carol", address: "10.0.0.1")
        #expect(throttle.refusal(name: "dave", address: "10.0.0.1") != nil)
        #expect(throttle.refusal(name: "dave", address: "10.0.0.2") == nil)
        clock.withLock { $0 = $0.addingTimeInterval(45) }
        #expect(throttle.refusal(name: "ada", address: "10.0.0.9") == 15)
        clock.withLock { $0 = $0.addingTimeInterval(16) }
        #expect(throttle.refusal(name: "ada", address: "10.0.0.1") == nil)
    }

    @Test func theThrottleTableStaysWithinItsCapacity() {
        let throttle = LoginThrottle(limits: .init(perName: 5, perAddress: 1_000_000, window: 300, capacity: 50))
        for index in 0..<500 { throttle.failed(name: "user\(index)", address: "10.0.\(index % 7).1") }
        #expect(throttle.count <= 50)
    }
}

import Foundation
import Testing

/// Users over the real server: an administrator creates, reads, lists, updates and deletes them;
/// anyone else is refused and nothing changes; a password is set by its user with the current
/// one, or by an administrator, and no answer carries a password or its hash.
@Suite struct UserHandlerTests {
    static let newUser = #"{"name": "ada", "password": "a long enough password"}"#

    @Test func anAdministratorManagesUsers() async throws {
        try await SecurityServer.with { server in
            let created = try await server.send(.post, "/api/v1/users", json: Self.newUser)
            #expect(created.status == 201, "\(created.text)")
            // The generated server percent-encodes header values (every Location of this API).
            #expect(created.headers[.location]?.removingPercentEncoding == "/api/v1/users/ada")
            #expect(created.object["createdBy"] as? String == "admin" && created.object["administrator"] as? Bool == false)
            #expect(!created.text.contains("password") && !created.text.contains("$2"))
            let again = try await server.send(.post, "/api/v1/users", json: Self.newUser)
            #expect(again.status == 409 && again.problem == "SLUICE_E_CATALOG_USER_EXISTS")

            let list = try await server.get("/api/v1/users")
            #expect(list.items.compactMap { $0["name"] as? String } == ["ada", "admin"])
            #expect(try await server.get("/api/v1/users/ada").object["name"] as? String == "ada")

            let login = try await server.send(.post, "/api/v1/login", token: nil, json: #"{"user": "ada", "password": "a long enough password"}"#)
            let token = try #require(login.object["token"] as? String)
            let disabled = try await server.send(.patch, "/api/v1/users/ada", json: #"{"disabled": true}"#)
            #expect(disabled.status == 200 && disabled.object["disabled"] as? Bool == true)
            #expect(try await server.get("/api/v1/me", token: token).status == 401)

            let lastAdministrator = try await server.send(.patch, "/api/v1/users/admin", json: #"{"administrator": false}"#)
            #expect(lastAdministrator.status == 409 && lastAdministrator.problem == "SLUICE_E_CATALOG_LAST_ADMINISTRATOR")
            let deleteSelf = try await server.send(.delete, "/api/v1/users/admin")
            #expect(deleteSelf.status == 409 && deleteSelf.problem == "SLUICE_E_CATALOG_USER_DELETE_SELF")
            #expect(try await server.store.user("admin")?.isAdministrator == true)

            #expect(try await server.send(.delete, "/api/v1/users/ada").status == 204)
            let gone = try await server.get("/api/v1/users/ada")
            #expect(gone.status == 404 && gone.problem == "SLUICE_E_CATALOG_USER_NOT_FOUND")
            #expect(try await server.send(.patch, "/api/v1/users/ada", json: #"{"disabled": false}"#).status == 404)
        }
    }

    @Test func anyoneElseIsRefusedAndNothingChanges() async throws {
        try await SecurityServer.with { server in
            let ada = try await server.user("ada")
            _ = try await server.user("bob")
            let create = try await server.send(.post, "/api/v1/users", token: ada, json: #"{"name": "eve", "password": "a long enough password"}"#)
            #expect(create.status == 403 && create.problem == "SLUICE_E_CATALOG_FORBIDDEN")
            #expect(try await server.store.user("eve") == nil)
            #expect(try await server.get("/api/v1/users", token: ada).status == 403)
            #expect(try await server.get("/api/v1/users/bob", token: ada).status == 403)
            #expect(try await server.send(.patch, "/api/v1/users/ada", token: ada, json: #"{"administrator": true}"#).status == 403)
            #expect(try await server.store.user("ada")?.isAdministrator == false)
            #expect(try await server.send(.delete, "/api/v1/users/bob", token: ada).status == 403)
            #expect(try await server.store.user("bob") != nil)
            // Themself: yes.
            let me = try await server.get("/api/v1/users/ada", token: ada)
            #expect(me.status == 200 && me.object["name"] as? String == "ada")
        }
    }

    @Test func aUserSetsTheirOwnPasswordOnlyWithTheCurrentOneAndAnAdministratorAnyones() async throws {
        try await SecurityServer.with { server in
            let ada = try await server.user("ada")
            _ = try await server.user("bob")
            let path = "/api/v1/users/ada/password"
            let missing = try await server.send(.put, path, token: ada, json: #"{"password": "a brand new password"}"#)
            #expect(missing.status == 403 && missing.problem == "SLUICE_E_CATALOG_CURRENT_PASSWORD_WRONG")
            let wrong = try await server.send(.put, path, token: ada, json: #"{"password": "a brand new password", "currentPassword": "nope"}"#)
            #expect(wrong.status == 403 && wrong.problem == "SLUICE_E_CATALOG_CURRENT_PASSWORD_WRONG")
            #expect(try await server.store.verifyPassword(name: "ada", password: SecurityServer.password) != nil)
            let other = try await server.send(
                .put, "/api/v1/users/bob/password", token: ada,
                json: #"{"password": "a brand new password", "currentPassword": "\#(SecurityServer.password)"}"#)
            #expect(other.status == 403)
            #expect(try await server.store.verifyPassword(name: "bob", password: SecurityServer.password) != nil)
            let weak = try await server.send(.put, path, token: ada, json: #"{"password": "short", "currentPassword": "\#(SecurityServer.password)"}"#)
            #expect(weak.status == 422 && weak.problem == "SLUICE_E_CATALOG_PASSWORD_REFUSED")

            let set = try await server.send(
                .put, path, token: ada, json: #"{"password": "a brand new password", "currentPassword": "\#(SecurityServer.password)"}"#)
            #expect(set.status == 204, "\(set.text)")
            #expect(try await server.store.verifyPassword(name: "ada", password: "a brand new password") != nil)
            // An administrator needs no current password.
            #expect(try await server.send(.put, "/api/v1/users/bob/password", json: #"{"password": "the admin chose this"}"#).status == 204)
            #expect(try await server.store.verifyPassword(name: "bob", password: "the admin chose this") != nil)
            // A current password outside the Password schema is malformed even where it is not read.
            for current in ["", String(repeating: "p", count: 73)] {
                let malformed = try await server.send(
                    .put, "/api/v1/users/bob/password", json: #"{"password": "not taken at all", "currentPassword": "\#(current)"}"#)
                #expect(malformed.status == 400 && malformed.problem == "SLUICE_E_CATALOG_REQUEST_MALFORMED", "\(malformed.text)")
            }
            #expect(try await server.store.verifyPassword(name: "bob", password: "the admin chose this") != nil)
            #expect(try await server.send(.put, "/api/v1/users/nobody/password", json: #"{"password": "the admin chose this"}"#).status == 404)
        }
    }
}

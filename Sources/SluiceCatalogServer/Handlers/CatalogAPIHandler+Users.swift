import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// Users: administrators manage them (the route table checks that); a user may read themself and
// set their own password, giving the current one. No answer carries a password or its hash.
extension CatalogAPIHandler {
    func listUsers(_ input: Operations.ListUsers.Input) async throws -> Operations.ListUsers.Output {
        let users = try await store.users()
        let page = try Page(users, key: { $0.name.lowercased() }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.user), next: page.next))))
    }

    func createUser(_ input: Operations.CreateUser.Input) async throws -> Operations.CreateUser.Output {
        let caller = try caller("createUser")
        guard case .json(let request) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let user = try await store.createUser(
            request.name, password: request.password, isAdministrator: request.administrator ?? false, by: caller.user)
        return .created(.init(headers: .init(location: Self.userLocation(user.name)), body: .json(Self.user(user))))
    }

    func getUser(_ input: Operations.GetUser.Input) async throws -> Operations.GetUser.Output {
        .ok(.init(body: .json(Self.user(try await existingUser(input.path.userName)))))
    }

    func updateUser(_ input: Operations.UpdateUser.Input) async throws -> Operations.UpdateUser.Output {
        let caller = try caller("updateUser")
        guard case .json(let update) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let user = try await store.updateUser(
            input.path.userName, CatalogUserUpdate(isAdministrator: update.administrator, isDisabled: update.disabled), by: caller.user)
        return .ok(.init(body: .json(Self.user(user))))
    }

    func deleteUser(_ input: Operations.DeleteUser.Input) async throws -> Operations.DeleteUser.Output {
        let caller = try caller("deleteUser")
        let name = input.path.userName
        // An administrator deleting themself would lose the session that asked (docs: 409).
        if CatalogAccess.sameName(name, caller.user) { throw SluiceError(.catalogServerUserDeleteSelf, ["user": caller.user]) }
        try await store.deleteUser(name, by: caller.user)
        return .noContent(.init())
    }

    /// An administrator sets anyone's password; a user their own, with the current password,
    /// checked like a login (the same rate limit, so a stolen token cannot guess it).
    func setUserPassword(_ input: Operations.SetUserPassword.Input) async throws -> Operations.SetUserPassword.Output {
        let caller = try caller("setUserPassword")
        guard case .json(let change) = input.body else { throw SluiceError(.catalogServerRequestMalformed) }
        let name = input.path.userName
        // The Password schema (1-72 characters), even where an administrator's is not read.
        if let current = change.currentPassword, current.isEmpty || current.unicodeScalars.count > 72 {
            throw SluiceError(
                .catalogServerRequestMalformed, ["operation": "setUserPassword", "reason": "currentPassword must have 1 to 72 characters"])
        }
        if !caller.isAdministrator {
            let address = CatalogRequestClient.address
            try refuseIfThrottled(name: caller.user, address: address)
            let wrong = SluiceError(.catalogServerCurrentPasswordWrong, ["user": caller.user])
            guard let current = change.currentPassword else { throw wrong }
            guard try await store.verifyPassword(name: caller.user, password: current) != nil else {
                loginThrottle.failed(name: caller.user, address: address)
                throw wrong
            }
            loginThrottle.succeeded(name: caller.user)
        } else {
            _ = try await existingUser(name)
        }
        try await store.setPassword(of: name, to: change.password, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    func existingUser(_ name: String) async throws -> CatalogUser {
        guard let user = try await store.user(name) else { throw SluiceError(.catalogUserNotFound, ["user": CatalogName.escaped(name)]) }
        return user
    }

    static func user(_ user: CatalogUser) -> Components.Schemas.User {
        .init(
            id: user.id.uuidString.lowercased(), name: user.name, administrator: user.isAdministrator, disabled: user.isDisabled,
            createdAt: user.createdAt, createdBy: user.createdBy)
    }

    static func userLocation(_ name: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        return "/api/v1/users/" + (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name)
    }
}

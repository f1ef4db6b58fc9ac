import Foundation
import SluiceCatalog
import SluiceCore
import Testing

/// What every `CatalogSecurityStore` backend must do with users, passwords and tokens, written
/// against the protocol only (SQLiteCatalogSecurityTests runs it; PostgreSQL will). Permissions
/// and roles are in CatalogSecurityConformance+Permissions.swift.
struct CatalogSecurityConformance: Sendable {
    /// A new, empty store for each check, hashing passwords at a low bcrypt cost.
    let make: @Sendable () async throws -> any CatalogSecurityStore
    let directory: URL

    static let password = "correct horse battery"
    var inAnHour: Date { Date().addingTimeInterval(3600) }

    // MARK: Users and passwords

    func usersAreCreatedListedUpdatedAndDeleted() async throws {
        let store = try await make()
        let alice = try await store.createUser("Alice", password: Self.password, isAdministrator: true, by: "root")
        #expect(alice.name == "Alice" && alice.isAdministrator && !alice.isDisabled && alice.createdBy == "root")
        try await store.createUser("bob", password: Self.password, isAdministrator: false, by: "Alice")
        #expect(try await store.users().map(\.name) == ["Alice", "bob"])
        #expect(try await store.user("ALICE")?.id == alice.id)
        #expect(try await store.user("nobody") == nil)
        try await expectCode(.catalogUserExists) { try await store.createUser("BOB", password: Self.password, isAdministrator: false, by: "Alice") }
        try await expectCode(.catalogNameInvalid) { try await store.createUser("@root", password: Self.password, isAdministrator: false, by: "Alice") }
        let bob = try await store.updateUser("bob", CatalogUserUpdate(isAdministrator: true), by: "Alice")
        #expect(bob.isAdministrator && !bob.isDisabled)
        #expect(try await store.updateUser("bob", CatalogUserUpdate(isDisabled: true), by: "Alice").isDisabled)
        try await store.deleteUser("BOB", by: "Alice")
        #expect(try await store.users().map(\.name) == ["Alice"])
        try await expectCode(.catalogUserNotFound) { try await store.deleteUser("bob", by: "Alice") }
        let log = try await store.operations(CatalogOperationFilter(objectType: .user, objectName: "bob"))
        #expect(log.map(\.kind) == [.deleteUser, .deleteUser, .updateUser, .updateUser, .createUser, .createUser])
        #expect(log.map(\.outcome) == [.failed, .succeeded, .succeeded, .succeeded, .failed, .succeeded])
        #expect(log.last?.caller == "Alice")
    }

    func passwordsAreCheckedAndWeakOnesRefused() async throws {
        let store = try await make()
        try await store.createUser("alice", password: Self.password, isAdministrator: false, by: "root")
        let caller = try await store.verifyPassword(name: "ALICE", password: Self.password)
        #expect(caller == CatalogCaller(user: "alice", isAdministrator: false, tokenID: nil))
        #expect(try await store.verifyPassword(name: "alice", password: "correct horse batterY") == nil)
        #expect(try await store.verifyPassword(name: "alice", password: "") == nil)
        #expect(try await store.verifyPassword(name: "mallory", password: Self.password) == nil)
        #expect(try await store.verifyPassword(name: "a\u{0}b", password: Self.password) == nil)
        // bcrypt reads a C string: a NUL must not cut the password short into a match.
        #expect(try await store.verifyPassword(name: "alice", password: Self.password + "\u{0}tail") == nil)
        let refused = ["short pass1", String(repeating: "é", count: 37), "twelve chars\u{0}and more"]
        for weak in refused {
            try await expectCode(.catalogPasswordRefused) { try await store.createUser("bob", password: weak, isAdministrator: false, by: "root") }
            try await expectCode(.catalogPasswordRefused) { try await store.setPassword(of: "alice", to: weak, by: "alice") }
        }
        #expect(try await store.user("bob") == nil)
        try await store.setPassword(of: "alice", to: "a new and longer one", by: "alice")
        #expect(try await store.verifyPassword(name: "alice", password: Self.password) == nil)
        #expect(try await store.verifyPassword(name: "alice", password: "a new and longer one") != nil)
        // A disabled user's right password is refused too.
        try await store.updateUser("alice", CatalogUserUpdate(isDisabled: true), by: "root")
        #expect(try await store.verifyPassword(name: "alice", password: "a new and longer one") == nil)
        let failed = try await store.operations(CatalogOperationFilter(kind: .login))
        #expect(failed.count == 7 && failed.allSatisfy { $0.outcome == .failed && $0.errorCode == SluiceMessage.catalogLoginRefused.code })
    }

    func theLastEnabledAdministratorCannotBeLost() async throws {
        let store = try await make()
        try await store.createUser("root", password: Self.password, isAdministrator: true, by: "setup")
        for (update, label) in [(CatalogUserUpdate(isAdministrator: false), "demote"), (CatalogUserUpdate(isDisabled: true), "disable")] {
            try await expectCode(.catalogLastAdministrator, label) { try await store.updateUser("root", update, by: "root") }
        }
        try await expectCode(.catalogLastAdministrator) { try await store.deleteUser("root", by: "root") }
        // A disabled administrator does not count.
        try await store.createUser("spare", password: Self.password, isAdministrator: true, by: "root")
        try await store.updateUser("spare", CatalogUserUpdate(isDisabled: true), by: "root")
        try await expectCode(.catalogLastAdministrator) { try await store.deleteUser("root", by: "root") }
        try await store.updateUser("spare", CatalogUserUpdate(isDisabled: false), by: "root")
        try await store.updateUser("root", CatalogUserUpdate(isAdministrator: false), by: "spare")
        try await expectCode(.catalogLastAdministrator) { try await store.deleteUser("spare", by: "spare") }
        #expect(try await store.users().map(\.isAdministrator) == [false, true])
        let refusals = try await store.operations(CatalogOperationFilter(outcome: .failed))
        #expect(refusals.count == 5 && refusals.allSatisfy { $0.errorCode == SluiceMessage.catalogLastAdministrator.code })
    }

    // MARK: Tokens

    func tokensAuthenticateTheirUserUntilRevokedOrDisabled() async throws {
        let store = try await make()
        try await store.createUser("alice", password: Self.password, isAdministrator: false, by: "root")
        let made = try await store.createToken(for: "alice", expiresAt: inAnHour, description: "laptop", by: "alice")
        #expect(made.secret.hasPrefix("slc_") && made.secret.count == 47)
        #expect(made.info.user == "alice" && made.info.description == "laptop" && !made.info.isRevoked && made.info.lastUsedAt == nil)
        let caller = try await store.authenticate(token: made.secret)
        #expect(caller == CatalogCaller(user: "alice", isAdministrator: false, tokenID: made.info.id))
        #expect(try await store.token(made.info.id)?.lastUsedAt != nil)
        try await store.updateUser("alice", CatalogUserUpdate(isDisabled: true), by: "root")
        #expect(try await store.authenticate(token: made.secret) == nil)
        try await store.updateUser("alice", CatalogUserUpdate(isDisabled: false), by: "root")
        #expect(try await store.authenticate(token: made.secret) != nil)
        try await store.revokeToken(made.info.id, by: CatalogCaller(user: "alice", isAdministrator: false, tokenID: nil))
        #expect(try await store.authenticate(token: made.secret) == nil)
        #expect(try await store.token(made.info.id)?.isRevoked == true)
        // Deleting the user deletes the tokens.
        let second = try await store.createToken(for: "alice", expiresAt: inAnHour, description: "", by: "alice")
        try await store.deleteUser("alice", by: "root")
        #expect(try await store.authenticate(token: second.secret) == nil)
        #expect(try await store.token(second.info.id) == nil)
    }

    func expiredForgedAndMalformedTokensAreRefused() async throws {
        let store = try await make()
        try await store.createUser("alice", password: Self.password, isAdministrator: true, by: "root")
        // Checked at once, with a margin a loaded machine (the suite runs tests in parallel) keeps.
        let shortExpiry = Date().addingTimeInterval(4)
        let short = try await store.createToken(for: "alice", expiresAt: shortExpiry, description: "", by: "alice")
        #expect(try await store.authenticate(token: short.secret) != nil)
        let good = try await store.createToken(for: "alice", expiresAt: inAnHour, description: "", by: "alice")
        var secret = Array(good.secret)
        let last = secret.count - 1
        secret[last] = secret[last] == "A" ? "B" : "A"
        let forged = [
            String(secret), String(good.secret.dropLast()), good.secret + "x", good.secret.uppercased(), " " + good.secret,
            good.secret + "\u{0}", "slc_", "", String(repeating: "a", count: 10_000), "Bearer " + good.secret, CatalogTokenSecret.make(),
        ]
        for token in forged { #expect(try await store.authenticate(token: token) == nil, "\(token.prefix(60))") }
        let untilExpired = shortExpiry.timeIntervalSinceNow + 0.3
        if untilExpired > 0 { try await Task.sleep(for: .milliseconds(Int(untilExpired * 1000))) }
        #expect(try await store.authenticate(token: short.secret) == nil)
        #expect(try await store.authenticate(token: good.secret) != nil)
        for expiry in [Date().addingTimeInterval(-1), Date().addingTimeInterval(400 * 86_400)] {
            try await expectCode(.catalogTokenExpiryInvalid) { _ = try await store.createToken(for: "alice", expiresAt: expiry, description: "", by: "alice") }
        }
        try await expectCode(.catalogUserNotFound) { _ = try await store.createToken(for: "nobody", expiresAt: inAnHour, description: "", by: "x") }
    }

    func tokensAreListedWithoutSecretsAndRevokedOnlyByTheirUserOrAnAdministrator() async throws {
        let store = try await make()
        try await store.createUser("root", password: Self.password, isAdministrator: true, by: "setup")
        try await store.createUser("alice", password: Self.password, isAdministrator: false, by: "root")
        try await store.createUser("bob", password: Self.password, isAdministrator: false, by: "root")
        let first = try await store.createToken(for: "alice", expiresAt: inAnHour, description: "one", by: "alice")
        let second = try await store.createToken(for: "alice", expiresAt: inAnHour, description: "two", by: "alice")
        #expect(try await store.tokens(of: "alice").map(\.id) == [second.info.id, first.info.id])
        #expect(try await store.tokens(of: "bob").isEmpty)
        let bob = CatalogCaller(user: "bob", isAdministrator: false, tokenID: nil)
        try await expectCode(.catalogTokenNotFound) { try await store.revokeToken(first.info.id, by: bob) }
        // A caller claiming to be an administrator is checked against the store.
        try await expectCode(.catalogTokenNotFound) {
            try await store.revokeToken(first.info.id, by: CatalogCaller(user: "bob", isAdministrator: true, tokenID: nil))
        }
        #expect(try await store.authenticate(token: first.secret) != nil)
        try await store.revokeToken(first.info.id, by: CatalogCaller(user: "root", isAdministrator: true, tokenID: nil))
        #expect(try await store.tokens(of: "alice").map(\.isRevoked) == [false, true])
        try await expectCode(.catalogTokenNotFound) { try await store.revokeToken(UUID(), by: bob) }
        let revokes = try await store.operations(CatalogOperationFilter(kind: .revokeToken))
        #expect(revokes.map(\.outcome) == [.failed, .succeeded, .failed, .failed])
        #expect(revokes.dropFirst().first.map { [$0.caller, $0.objectName] } == ["root", first.info.id.uuidString])
        #expect(try await store.operations(CatalogOperationFilter(kind: .createToken, outcome: .succeeded)).count == 2)
    }

    // MARK: First start

    func theFirstAdministratorIsMadeOnceAndOnlyOnce() async throws {
        let store = try await make()
        try await expectCode(.catalogBootstrapTokenRefused) { _ = try await store.bootstrapAdministrator(name: "admin", token: "too short") }
        try await expectCode(.catalogBootstrapTokenRefused) {
            _ = try await store.bootstrapAdministrator(name: "admin", token: String(repeating: "x", count: 31) + "\u{7}")
        }
        #expect(try await store.users().isEmpty)
        let given = String(repeating: "k", count: 40)
        #expect(try await store.bootstrapAdministrator(name: "admin", token: given) == given)
        let admin = try await store.user("admin")
        #expect(admin?.isAdministrator == true && admin?.createdBy == nil)
        #expect(try await store.authenticate(token: given)?.isAdministrator == true)
        // No password: a password login never succeeds.
        #expect(try await store.verifyPassword(name: "admin", password: "") == nil)
        #expect(try await store.bootstrapAdministrator(name: "other", token: nil) == nil)
        #expect(try await store.users().map(\.name) == ["admin"])
        // Many at once on one store: one administrator, one secret.
        let fresh = try await make()
        let secrets = try await withThrowingTaskGroup(of: String?.self) { group in
            for index in 0..<8 { group.addTask { try await fresh.bootstrapAdministrator(name: "admin\(index)", token: nil) } }
            return try await group.reduce(into: [String]()) { if let secret = $1 { $0.append(secret) } }
        }
        #expect(secrets.count == 1)
        #expect(try await fresh.users().count == 1)
        #expect(try await fresh.authenticate(token: secrets.first ?? "")?.isAdministrator == true)
    }

    func expectCode(
        _ message: SluiceMessage, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
            Issue.record("expected \(message.name), nothing was thrown \(label)", sourceLocation: sourceLocation)
        } catch let error as SluiceError {
            #expect(error.message == message, "\(label): \(error)", sourceLocation: sourceLocation)
        }
    }
}

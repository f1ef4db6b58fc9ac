import Foundation
import SluiceCatalog
import SluiceCatalogClient
import Testing

/// A project's environment references against a real server on loopback and a SQLite catalog:
/// relative and absolute ones, the request's rules, and the READ on the environment that
/// `createEnvironmentReference` checks itself (its route entry is `.custom`).
@Suite struct ReferenceHandlerTests {
    static let references = "/api/v1/folders/Finance/projects/Warehouse/references"

    /// Finance/Prod (for relative references) and Common/Shared (for absolute ones).
    static func environments(_ server: ConfigurationServerFixture) async throws {
        _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
        _ = try await server.admin.createFolder("Common")
        _ = try await server.admin.createEnvironment(folder: "Common", name: "Shared")
    }

    @Test func relativeAndAbsoluteReferencesAreCreatedListedAndRemoved() async throws {
        let outcome = try await ConfigurationServerFixture.with { server in
            try await Self.environments(server)
            let relative = try await server.raw("POST", Self.references, json: #"{"kind": "relative", "environment": "Prod"}"#)
            let absolute = try await server.admin.createEnvironmentReference(
                folder: "Finance", project: "Warehouse", environment: "shared", inFolder: "common")
            let again = try await server.raw("POST", Self.references, json: #"{"kind": "relative", "environment": "PROD"}"#)
            let listed = try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse", pageSize: 1)
            try await server.admin.deleteEnvironmentReference(folder: "Finance", project: "Warehouse", id: absolute.id)
            let gone = try await server.raw("DELETE", Self.references + "/" + absolute.id)
            let malformed = try await server.raw("DELETE", Self.references + "/not-a-uuid")
            let left = try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse")
            return (relative, absolute, again, listed, gone, malformed, left)
        }
        let (relative, absolute, again, listed, gone, malformed, left) = outcome
        #expect(relative.status == 201 && relative.member("kind") == "relative" && relative.member("folder") == nil, "\(relative.text)")
        let id = try #require(relative.member("id"))
        #expect(relative.location == Self.references + "/" + id)
        // The stored names, not the letter case the request used.
        #expect(absolute.kind == .absolute && absolute.environment == "Shared" && absolute.folder == "Common")
        #expect(again.status == 409 && again.member("name") == "SLUICE_E_CATALOG_REFERENCE_EXISTS", "\(again.text)")
        #expect(Set(listed.map(\.id)) == [id, absolute.id])
        #expect(gone.status == 404 && gone.member("name") == "SLUICE_E_CATALOG_REFERENCE_NOT_FOUND", "\(gone.text)")
        #expect(malformed.status == 400 && malformed.member("name") == "SLUICE_E_CATALOG_REQUEST_MALFORMED", "\(malformed.text)")
        #expect(left.map(\.id) == [id])
    }

    @Test func aReferenceAgainstTheRulesIsRefusedAndNothingIsMade() async throws {
        let (withFolder, withoutFolder, missing, left) = try await ConfigurationServerFixture.with { server in
            try await Self.environments(server)
            let withFolder = try await server.raw("POST", Self.references, json: #"{"kind": "relative", "environment": "Prod", "folder": "Finance"}"#)
            let withoutFolder = try await server.raw("POST", Self.references, json: #"{"kind": "absolute", "environment": "Shared"}"#)
            let missing = try await server.raw("POST", Self.references, json: #"{"kind": "absolute", "environment": "Nope", "folder": "Common"}"#)
            return (withFolder, withoutFolder, missing, try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse"))
        }
        #expect(withFolder.status == 422 && withFolder.member("name") == "SLUICE_E_CATALOG_REFERENCE_REQUEST_INVALID", "\(withFolder.text)")
        #expect(withoutFolder.status == 422 && withoutFolder.member("name") == "SLUICE_E_CATALOG_REFERENCE_REQUEST_INVALID")
        #expect(missing.status == 404 && missing.member("name") == "SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND", "\(missing.text)")
        #expect(left.isEmpty)
    }

    /// MODIFY on the project is not enough: an environment the caller may not READ is refused
    /// exactly as a missing one (404, same code), and a grant of READ on it lets the reference be made.
    @Test func anEnvironmentTheCallerMayNotReadIsRefusedAsAbsent() async throws {
        let outcome = try await ConfigurationServerFixture.with { server in
            try await Self.environments(server)
            let bob = try await server.user("bob")
            let carol = try await server.user("carol")
            try await server.store.setPermission(.modify, .grant, for: "bob", on: .project(folder: "Finance", project: "Warehouse"), by: "admin")
            try await server.store.setPermission(.read, .grant, for: "carol", on: .project(folder: "Finance", project: "Warehouse"), by: "admin")
            let body = #"{"kind": "absolute", "environment": "Shared", "folder": "Common"}"#
            let hidden = try await server.raw("POST", Self.references, json: body, token: bob)
            let absent = try await server.raw("POST", Self.references, json: #"{"kind": "absolute", "environment": "Gone", "folder": "Common"}"#, token: bob)
            let readOnly = try await server.raw("POST", Self.references, json: body, token: carol)
            let before = try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse")
            try await server.store.setPermission(.read, .grant, for: "bob", on: .environment(folder: "Common", environment: "Shared"), by: "admin")
            let allowed = try await server.raw("POST", Self.references, json: body, token: bob)
            return (hidden, absent, readOnly, before, allowed)
        }
        let (hidden, absent, readOnly, before, allowed) = outcome
        #expect(hidden.status == 404 && hidden.member("name") == "SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND", "\(hidden.text)")
        #expect(hidden.member("title") == absent.member("title") && absent.status == 404 && absent.member("name") == hidden.member("name"))
        #expect(readOnly.status == 403 && readOnly.member("name") == "SLUICE_E_CATALOG_FORBIDDEN", "\(readOnly.text)")
        #expect(before.isEmpty)
        #expect(allowed.status == 201, "\(allowed.text)")
    }
}

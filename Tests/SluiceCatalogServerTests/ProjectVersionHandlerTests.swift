import Foundation
import Testing

/// A project's versions, restore and move over the real server, and getPackage.
@Suite struct ProjectVersionHandlerTests {
    static let project = "/api/v1/folders/Finance/projects/Warehouse"

    @Test func twoDeploysListNewestFirstAndRestoreBringsBackTheOldBytes() async throws {
        try await SecurityServer.with { server in
            let first = try await server.deploy(["Load"], description: "one")
            let second = try await server.deploy(["Load", "Publish"], description: "two")
            let versions = try await server.get(Self.project + "/versions")
            #expect(versions.status == 200)
            #expect(versions.items.count == 2)
            let numbers = versions.items.compactMap { ($0["number"] as? NSNumber)?.int64Value }
            #expect(numbers.count == 2 && numbers[0] > numbers[1])
            #expect(versions.items.map { $0["current"] as? Bool } == [true, false])
            #expect(versions.items.map { $0["archiveBytes"] as? Int } == [second.count, first.count])
            let onePerPage = try await server.get(Self.project + "/versions?limit=1")
            #expect(onePerPage.items.count == 1 && onePerPage.object["next"] != nil)

            let restored = try await server.send(.post, Self.project + "/versions/\(numbers[1])/restore")
            #expect(restored.status == 200, "\(restored.text)")
            #expect((restored.object["currentVersion"] as? [String: Any])?["number"] as? Int64 == numbers[1])
            #expect((restored.object["currentVersion"] as? [String: Any])?["restoredAt"] is String, "\(restored.text)")
            let after = try await server.get(Self.project + "/versions")
            #expect(after.items.map { $0["restoredAt"] != nil } == [false, true])
            #expect(after.items.map { $0["archiveSHA256"] as? String } == versions.items.map { $0["archiveSHA256"] as? String })
            let exported = try await server.get(Self.project + "/archive")
            #expect([UInt8](exported.body) == first)
            #expect(try await server.get(Self.project + "/packages/Publish").status == 404)

            let missing = try await server.send(.post, Self.project + "/versions/999999/restore")
            #expect(missing.status == 404 && missing.problem == "SLUICE_E_CATALOG_VERSION_NOT_FOUND")
            #expect([UInt8](try await server.get(Self.project + "/archive").body) == first)
        }
    }

    @Test func getPackageDescribesItAndAnAbsentOneIs404() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy(["Load", "Publish"], description: "nightly")
            let package = try await server.get(Self.project + "/packages/publish")
            #expect(package.status == 200, "\(package.text)")
            #expect(package.object["name"] as? String == "Publish" && package.object["description"] as? String == "nightly")
            #expect(package.object["folder"] as? String == "Finance" && package.object["project"] as? String == "Warehouse")
            let absent = try await server.get(Self.project + "/packages/Nope")
            #expect(absent.status == 404 && absent.problem == "SLUICE_E_CATALOG_PACKAGE_NOT_FOUND")
        }
    }

    @Test func movingNeedsModifyOnTheProjectAndCreateObjectsOnTheDestination() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy(["Load"])
            try await server.store.createFolder("Archive", description: "", by: "admin")
            try await server.store.createFolder("Secret", description: "", by: "admin")
            let ada = try await server.user("ada")
            let body = #"{"folder": "Archive"}"#
            // Nothing on the project: it is as absent.
            #expect(try await server.send(.post, Self.project + "/move", token: ada, json: body).status == 404)
            try await server.store.setPermission(.read, .grant, for: "ada", on: .project(folder: "Finance", project: "Warehouse"), by: "admin")
            try await server.store.setPermission(.modify, .grant, for: "ada", on: .project(folder: "Finance", project: "Warehouse"), by: "admin")
            // A destination ada may not read is as absent; one she may read without CREATE_OBJECTS is 403.
            let hidden = try await server.send(.post, Self.project + "/move", token: ada, json: #"{"folder": "Secret"}"#)
            #expect(hidden.status == 404 && hidden.problem == "SLUICE_E_CATALOG_FOLDER_NOT_FOUND")
            try await server.store.setPermission(.read, .grant, for: "ada", on: .folder("Archive"), by: "admin")
            let forbidden = try await server.send(.post, Self.project + "/move", token: ada, json: body)
            #expect(forbidden.status == 403 && forbidden.problem == "SLUICE_E_CATALOG_FORBIDDEN", "\(forbidden.text)")
            #expect(try await server.store.project("Warehouse", inFolder: "Finance") != nil)
            #expect(try await server.store.project("Warehouse", inFolder: "Archive") == nil)

            try await server.store.setPermission(.createObjects, .grant, for: "ada", on: .folder("Archive"), by: "admin")
            let moved = try await server.send(.post, Self.project + "/move", token: ada, json: body)
            #expect(moved.status == 200, "\(moved.text)")
            #expect(moved.object["folder"] as? String == "Archive")
            #expect(try await server.store.project("Warehouse", inFolder: "Finance") == nil)
            #expect(try await server.store.project("Warehouse", inFolder: "Archive") != nil)
            // A name taken at the destination: 409, nothing moved.
            _ = try await server.deploy(["Load"])
            let taken = try await server.send(.post, "/api/v1/folders/Archive/projects/Warehouse/move", json: #"{"folder": "Finance"}"#)
            #expect(taken.status == 409 && taken.problem == "SLUICE_E_CATALOG_PROJECT_EXISTS")
            #expect(try await server.store.project("Warehouse", inFolder: "Archive") != nil)
        }
    }
}

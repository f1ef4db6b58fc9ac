import Foundation
import Testing

@testable import SluiceCatalogServer

/// The operations log over the real server: every change with its caller and outcome, filters,
/// one by id, and what someone other than an administrator may see.
@Suite struct OperationsHandlerTests {
    @Test func eachChangeIsListedWithCallerAndOutcome() async throws {
        try await SecurityServer.with { server in
            #expect(try await server.send(.post, "/api/v1/folders", json: #"{"name": "Finance"}"#).status == 201)
            #expect(try await server.send(.post, "/api/v1/folders", json: #"{"name": "finance"}"#).status == 409)
            #expect(try await server.send(.post, "/api/v1/users", json: #"{"name": "ada", "password": "a long enough password"}"#).status == 201)

            let all = try await server.get("/api/v1/operations")
            #expect(all.status == 200)
            let summary = all.items.map { "\($0["kind"] ?? "") \($0["caller"] ?? "") \($0["outcome"] ?? "")" }
            #expect(
                summary == [
                    "createUser admin succeeded", "createFolder admin failed", "createFolder admin succeeded",
                    "createToken @bootstrap succeeded", "createUser @bootstrap succeeded",
                ], "\(all.text)")
            let failed = try #require(all.items.dropFirst().first)
            #expect((failed["error"] as? [String: Any])?["name"] as? String == "SLUICE_E_CATALOG_FOLDER_EXISTS")
            #expect((failed["object"] as? [String: Any])?["folder"] as? String == "finance")

            // Name filters the naming rules refuse (a C1 control, a leading space): 400, not an
            // empty page (schemathesis found the folder one).
            for query in ["folder=%C3%97%C3%B8%C2%9B", "caller=%20ada", "folder=a%7Cb"] {
                let refused = try await server.get("/api/v1/operations?\(query)")
                #expect(refused.status == 400 && refused.problem == "SLUICE_E_CATALOG_NAME_INVALID", "\(query): \(refused.text)")
            }
            #expect(try await server.get("/api/v1/operations?folder=Finance").items.count == 2)

            let onlyFailed = try await server.get("/api/v1/operations?outcome=failed")
            #expect(onlyFailed.items.count == 1)
            let folders = try await server.get("/api/v1/operations?kind=createFolder&limit=1")
            #expect(folders.items.count == 1 && folders.object["next"] != nil)
            let next = try #require(folders.object["next"] as? String)
            let second = try await server.get("/api/v1/operations?kind=createFolder&limit=1&after=\(next)")
            #expect(second.items.first?["outcome"] as? String == "succeeded" && second.object["next"] == nil)

            let id = try #require(all.items.first?["id"] as? String)
            let one = try await server.get("/api/v1/operations/\(id)")
            #expect(one.status == 200 && one.object["kind"] as? String == "createUser")
            #expect((one.object["object"] as? [String: Any])?["user"] as? String == "ada")
            let absent = try await server.get("/api/v1/operations/\(OperationID.uuid(999_999))")
            #expect(absent.status == 404 && absent.problem == "SLUICE_E_CATALOG_OPERATION_NOT_FOUND")
            #expect(try await server.get("/api/v1/operations/\(UUID().uuidString)").status == 404)
        }
    }

    @Test func someoneElseSeesTheirOwnAndWhatTheyMayRead() async throws {
        try await SecurityServer.with { server in
            _ = try await server.deploy(into: "Finance")
            _ = try await server.deploy(into: "Secret")
            let ada = try await server.user("ada")
            try await server.store.setPermission(.read, .grant, for: "ada", on: .folder("Finance"), by: "admin")
            try await server.store.setPermission(.readObjects, .grant, for: "ada", on: .folder("Finance"), by: "admin")
            _ = try await server.send(.post, "/api/v1/tokens", token: ada, json: "{}")

            let seen = try await server.get("/api/v1/operations", token: ada)
            #expect(seen.status == 200)
            let objects = seen.items.map { item -> String in
                let object = item["object"] as? [String: Any] ?? [:]
                return "\(item["kind"] ?? "") \(object["folder"] ?? object["user"] ?? "-")"
            }
            // Her token (hers), Finance's folder and project; not Secret's, nor the admin's user changes.
            #expect(objects.contains("createToken -"))
            #expect(objects.contains("createFolder Finance") && objects.contains("deployProject Finance"))
            #expect(!objects.contains { $0.hasSuffix("Secret") })
            #expect(!objects.contains { $0.hasPrefix("createUser") || $0.hasPrefix("setFolderPermission") && !$0.hasSuffix("Finance") })

            let all = try await server.get("/api/v1/operations")
            let secret = try #require(all.items.first { ($0["object"] as? [String: Any])?["folder"] as? String == "Secret" }?["id"] as? String)
            let hidden = try await server.get("/api/v1/operations/\(secret)", token: ada)
            #expect(hidden.status == 404 && hidden.problem == "SLUICE_E_CATALOG_OPERATION_NOT_FOUND")
            let finance = try #require(seen.items.first?["id"] as? String)
            #expect(try await server.get("/api/v1/operations/\(finance)", token: ada).status == 200)
            let inFolder = try await server.get("/api/v1/operations?folder=Secret")
            #expect(!inFolder.items.isEmpty && inFolder.items.allSatisfy { ($0["object"] as? [String: Any])?["folder"] as? String == "Secret" })
        }
    }

    @Test func operationIDsCarryTheStoresNumber() {
        for number: Int64 in [0, 1, 42, 0xFFFF_FFFF_FFFF, 0x1_0000_0000_0000, Int64.max] {
            let id = OperationID.uuid(number)
            #expect(UUID(uuidString: id) != nil)
            #expect(OperationID.number(id) == number)
        }
        #expect(OperationID.number("not-a-uuid") == nil)
        #expect(OperationID.number(UUID().uuidString) == nil)
    }
}

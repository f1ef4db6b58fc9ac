import Foundation
import SluiceCatalog
import SluiceCatalogClient
@testable import SluiceCatalogServer
import Testing

/// Lists the server keeps while the catalog does not change (ListingCache) are never stale:
/// a change made elsewhere on the same catalog shows in the next answer, and each viewer gets
/// only what it may read.
@Suite struct ListingCacheTests {
    @Test func packageListsFollowChangesMadeThroughAnotherStoreAndEachViewerSeesItsOwn() async throws {
        try await ConfigurationServerFixture.with { server in
            func listed(_ client: CatalogClient) async throws -> [String] {
                try await client.allPackages(folder: "Finance").map { "\($0.project)/\($0.name)" }
            }
            #expect(try await listed(server.admin) == ["Warehouse/Load", "Warehouse/Publish"])
            #expect(try await listed(server.admin) == ["Warehouse/Load", "Warehouse/Publish"])
            // Another store on the same file, as another server process would be.
            let other = try SQLiteCatalogStore(path: server.catalogPath, passwordCost: 4)
            defer { try? other.close() }
            let archive = try ConfigurationServerFixture.warehouseArchive(in: server.directory)
            try await other.deployProject([UInt8](archive), as: "Mart", into: "Finance", by: "admin")
            #expect(try await listed(server.admin) == ["Mart/Load", "Mart/Publish", "Warehouse/Load", "Warehouse/Publish"])
            // A user without rights sees nothing, though the administrator's list is kept.
            let bob = try server.client(try await server.user("bob"))
            #expect(try await listed(bob) == [])
            try await other.setPermission(.read, .grant, for: "bob", on: .project(folder: "Finance", project: "Mart"), by: "admin")
            #expect(try await listed(bob) == ["Mart/Load", "Mart/Publish"])
            try await other.deleteProject("Mart", inFolder: "Finance", by: "admin")
            #expect(try await listed(bob) == [])
            #expect(try await listed(server.admin) == ["Warehouse/Load", "Warehouse/Publish"])
            // Pages of a kept list walk it whole, once.
            let paged = try await server.admin.allPackages(folder: "Finance", pageSize: 1).map(\.name)
            #expect(paged == ["Load", "Publish"])
        }
    }

    /// Folders and projects the same way; the operations log (a table the change counter leaves
    /// out) is never kept: each change shows in it at once.
    @Test func folderAndProjectListsFollowChangesAndTheOperationsLogIsNeverKept() async throws {
        try await ConfigurationServerFixture.with { server in
            let other = try SQLiteCatalogStore(path: server.catalogPath, passwordCost: 4)
            defer { try? other.close() }
            func folders() async throws -> [String] { try await server.admin.allFolders().map(\.name) }
            func projects() async throws -> [String] { try await server.admin.allProjects(folder: "Finance").map(\.name) }
            func operations() async throws -> Int { try await server.admin.allOperations().count }
            #expect(try await folders() == ["Finance"])
            #expect(try await projects() == ["Warehouse"])
            let logged = try await operations()
            #expect(try await operations() == logged)
            try await other.renameFolder("Finance", to: "Treasury", by: "admin")
            #expect(try await folders() == ["Treasury"])
            try await other.createFolder("Finance", description: "", by: "admin")
            #expect(try await folders() == ["Finance", "Treasury"])
            #expect(try await projects() == [])
            #expect(try await operations() == logged + 2)
        }
    }

    @Test func aListMadeBeforeAChangeIsNotKeptForLaterRequests() async throws {
        let cache = ListingCache<[String]>(capacity: 2)
        let key = ListingCache<[String]>.Key(viewer: nil, scope: ["Finance"])
        #expect(try await cache.value(at: 5, for: key) { ["new"] } == ["new"])
        // A request that read the counter before the change made its list afterwards.
        #expect(try await cache.value(at: 4, for: key) { ["old"] } == ["old"])
        #expect(try await cache.value(at: 5, for: key) { ["made again"] } == ["new"])
        // A newer counter drops what was kept.
        #expect(try await cache.value(at: 6, for: key) { ["newer"] } == ["newer"])
        // Past its capacity the cache starts over rather than grow.
        for index in 0..<3 {
            let other = ListingCache<[String]>.Key(viewer: "user\(index)", scope: [])
            #expect(try await cache.value(at: 6, for: other) { ["u\(index)"] } == ["u\(index)"])
        }
        #expect(try await cache.value(at: 6, for: key) { ["made again"] } == ["made again"])
    }
}

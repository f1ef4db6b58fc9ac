import Foundation
import SluiceCatalogAPI

/// The operations log: every change, successful or refused.
extension CatalogClient {
    public typealias Operation = Components.Schemas.Operation
    public typealias OperationFilter = Operations.ListOperations.Input.Query

    /// One page of operations matching `filter` (its `after` is the page cursor).
    public func listOperations(_ filter: OperationFilter = .init()) async throws -> Components.Schemas.OperationList {
        try await call("listOperations") { try await client.listOperations(query: filter).ok.body.json }
    }

    /// Every matching operation, following the pages.
    public func allOperations(_ filter: OperationFilter = .init()) async throws -> [Operation] {
        try await collectAll("listOperations") { after in
            var query = filter
            query.after = after
            let page = try await listOperations(query)
            return (page.items, page.next)
        }
    }

    public func operation(id: String) async throws -> Operation {
        try await call("getOperation") { try await client.getOperation(path: .init(operationId: id)).ok.body.json }
    }
}

import Foundation
import SluiceCatalog
import SluiceCatalogServer

/// The catalog server in this process on a free loopback port, over a fresh copy of the walk's
/// catalog.
final class WalkServer: Sendable {
    let store: SQLiteCatalogStore
    let url: String
    private let task: Task<Void, any Error>

    init(_ catalog: WalkCatalog, configure: (inout CatalogServerConfiguration) -> Void = { _ in }) async throws {
        store = try catalog.open()
        var configuration = CatalogServerConfiguration()
        configuration.port = 0
        configure(&configuration)
        let server = try CatalogServer(store: store, configuration: configuration)
        task = Task { try await server.run() }
        guard let port = await server.boundPort() else { throw WalkServerFailed() }
        url = "http://127.0.0.1:\(port)"
    }

    /// Stops serving and closes the store.
    func stop() async {
        task.cancel()
        _ = await task.result
        try? store.close()
    }
}

struct WalkServerFailed: Error {}

import Crypto
import Foundation
import Logging
import OpenAPIRuntime
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

/// The generated API's handler: each operation calls the store as the caller that the
/// authorization middleware authenticated (``CatalogRequestCaller``). Errors are thrown as
/// `SluiceError`s; ``ProblemMiddleware`` turns them into problem+json.
struct CatalogAPIHandler: APIProtocol {
    let store: any CatalogServerStore
    let metrics: ServerMetrics
    let deployCheck: any ProjectDeployCheck
    let logger: Logger
    /// Shared by every copy of the handler: failed password checks per name and address.
    var loginThrottle = LoginThrottle()
    /// Package lists by viewer and filter, sorted, while the catalog does not change.
    let packageListings = ListingCache<[(key: String, item: CatalogPackage)]>()

    /// The authenticated caller. The middleware sets it for every operation that needs a token;
    /// its absence is a server fault, refused rather than served anonymously.
    func caller(_ operation: String) throws -> CatalogCaller {
        guard let caller = CatalogRequestCaller.current else {
            throw SluiceError(.catalogServerUnauthorized)
        }
        return caller
    }

    var access: CatalogAccess { CatalogAccess(store: store) }

    func getHealth(_ input: Operations.GetHealth.Input) async throws -> Operations.GetHealth.Output {
        // The store answers: one primary-key read.
        _ = try await store.generation()
        return .ok(.init(body: .json(.init(status: .ok))))
    }

    func getMetrics(_ input: Operations.GetMetrics.Input) async throws -> Operations.GetMetrics.Output {
        .ok(.init(body: .plainText(HTTPBody(try await metrics.scrape(store)))))
    }

    func getOpenAPIDocument(_ input: Operations.GetOpenAPIDocument.Input) async throws -> Operations.GetOpenAPIDocument.Output {
        .ok(.init(body: .yaml(HTTPBody(catalogOpenAPIDocument))))
    }

    func getCurrentUser(_ input: Operations.GetCurrentUser.Input) async throws -> Operations.GetCurrentUser.Output {
        let caller = try caller("getCurrentUser")
        guard let user = try await store.user(caller.user) else { throw SluiceError(.catalogServerUnauthorized) }
        return .ok(.init(body: .json(.init(
            id: user.id.uuidString.lowercased(), name: user.name, administrator: user.isAdministrator, disabled: user.isDisabled,
            createdAt: user.createdAt, createdBy: user.createdBy))))
    }

    /// A stable id for an object the store keeps by name only: a UUID made of the SHA-256 of
    /// its kind and name key (it changes when the object is renamed).
    static func nameID(_ kind: String, _ parts: String...) -> String {
        let text = ([kind] + parts.map { $0.lowercased().precomposedStringWithCanonicalMapping }).joined(separator: "\u{0}")
        var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                               bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
        return uuid.uuidString.lowercased()
    }
}

import HTTPTypes
import OpenAPIRuntime
import SluiceCatalog

/// Keeps the encoded answers of the list operations while the catalog does not change, per
/// viewer and request (path and query), and answers a repeated request with the same bytes.
///
/// Encoding is most of a list's cost (the generated layer's JSONEncoder: a 1,000-package
/// answer took some 10 ms of CPU, its rows and their sort well under one). Innermost of the
/// server's middlewares: the caller is authenticated and authorized on every request, cached
/// or not, and counted by the metrics. Only operations whose answer is a function of the
/// catalog's tracked tables and the viewer are listed (not the operations log, whose table the
/// change counter leaves out, nor tokens).
struct ResponseCacheMiddleware: ServerMiddleware {
    static let operations: Set<String> = ["listPackages", "listFolders", "listProjects", "listProjectPackages"]
    /// An answer larger than this is not kept (the largest page of 1,000 packages is well under).
    static let largestAnswer = 4 << 20

    struct Answer: Sendable {
        var response: HTTPResponse
        var body: [UInt8]
    }

    let store: any CatalogStore
    let answers: ListingCache<Answer>

    init(store: any CatalogStore, capacity: Int = 128) {
        self.store = store
        answers = ListingCache(capacity: capacity)
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard Self.operations.contains(operationID), request.method == .get, let caller = CatalogRequestCaller.current else {
            return try await next(request, body, metadata)
        }
        let generation = try await store.generation()
        let key = ListingCache<Answer>.Key(viewer: caller.isAdministrator ? nil : caller.user, scope: [operationID, request.path])
        if let kept = answers.kept(at: generation, for: key) { return (kept.response, HTTPBody(kept.body)) }
        let (response, responseBody) = try await next(request, body, metadata)
        guard response.status == .ok, let responseBody, case .known(let length) = responseBody.length, length <= Self.largestAnswer else {
            return (response, responseBody)
        }
        let bytes = Array(try await ArraySlice(collecting: responseBody, upTo: Self.largestAnswer))
        answers.keep(Answer(response: response, body: bytes), at: generation, for: key)
        return (response, HTTPBody(bytes))
    }
}

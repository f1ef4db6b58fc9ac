import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Adds the bearer token to every request and turns every non-2xx answer into a
/// ``CatalogClientError`` carrying the problem document's code, name and detail, so each
/// method of ``CatalogClient`` handles only its success.
struct ProblemMiddleware: ClientMiddleware {
    let token: String?
    let server: String
    /// A problem document is small; a larger body is not one of ours and is not read whole.
    static let problemByteLimit = 256 * 1024

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if let token { request.headerFields[.authorization] = "Bearer \(token)" }
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        var bytes = Data()
        if let responseBody, request.method != .head {
            bytes = (try? await Data(collecting: responseBody, upTo: Self.problemByteLimit)) ?? Data()
        }
        throw Self.error(status: response.status.code, body: bytes, operation: operationID, server: server)
    }

    /// The error for a non-2xx answer: the problem document's members when it is one.
    static func error(status: Int, body: Data, operation: String, server: String) -> CatalogClientError {
        if let problem = try? JSONDecoder().decode(ProblemBody.self, from: body) {
            return CatalogClientError(
                kind: .problem, status: status, code: problem.code, name: problem.name,
                detail: CatalogClientConfiguration.printable(problem.detail ?? problem.title ?? "HTTP \(status)"),
                items: problem.errors ?? [], missingComponents: problem.missingComponents ?? [], server: server)
        }
        let detail = status == 404 ? "not found (HTTP 404, no body)" : "HTTP \(status) to \(operation), without a Sluice problem document"
        return CatalogClientError(kind: status == 404 ? .problem : .unexpectedAnswer, status: status, detail: detail, server: server)
    }

    /// The members of RFC 9457 + Sluice's extension that the client reads; others are ignored,
    /// so a newer server's additions do not break an older client.
    private struct ProblemBody: Decodable {
        let title: String?
        let detail: String?
        let code: Int
        let name: String
        let errors: [CatalogClientError.ProblemEntry]?
        let missingComponents: [String]?
    }
}

import Foundation
import HTTPTypes
import OpenAPIRuntime

/// The generated code writes a header value as a URI component, so a handler's Location
/// `/api/v1/folders/A%20B` would leave as `%2Fapi%2Fv1%2Ffolders%2FA%2520B`. Handlers build the
/// path with each name already percent-encoded as one segment; this undoes the one extra
/// encoding so that clients get a path they can follow.
struct LocationHeaderMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        if let location = response.headerFields[.location], location.hasPrefix("%2F"), let decoded = location.removingPercentEncoding {
            response.headerFields[.location] = decoded
        }
        return (response, responseBody)
    }
}

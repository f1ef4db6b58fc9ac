import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange with a server on loopback, as raw as URLSession allows: the path is sent
/// as given (percent-escapes kept), no cookies, no cache, no redirects followed.
enum LoopbackHTTP {
    struct Answer: Sendable {
        var status: Int
        var body: Data
        var contentType: String?

        /// The Sluice error code of a problem document, nil for anything else.
        var problemCode: Int? {
            guard contentType?.hasPrefix("application/problem+json") == true,
                let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any]
            else { return nil }
            return object["code"] as? Int
        }

        var problemName: String? {
            (try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["name"] as? String
        }

        /// The `items` of a list answer, nil when the body is not one.
        var itemCount: Int? {
            ((try? JSONSerialization.jsonObject(with: body) as? [String: Any])?["items"] as? [Any])?.count
        }

        var text: String { String(decoding: body.prefix(600), as: UTF8.self) }
    }

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        return URLSession(configuration: configuration)
    }()

    static func send(
        _ method: String, _ base: String, _ path: String, token: String? = nil, body: Data? = nil, contentType: String? = nil
    ) async throws -> Answer {
        guard let url = URL(string: base + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return Answer(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import SluiceCatalogAPI
import Synchronization

/// A friendly face over the generated catalog ``Client`` for scripts and the CLI: methods named
/// after what dtutil users do, "all" listings that follow `next` cursors, and one error type.
///
/// ```swift
/// let client = try CatalogClient(CatalogClientConfiguration(server: "https://localhost:8443", token: token))
/// defer { Task { await client.close() } }
/// let folder = try await client.createFolder("Finance")
/// let project = try await client.deployProject(folder: "Finance", project: "Warehouse", archiveFile: "warehouse.sluiceproj")
/// ```
///
/// Every non-2xx answer throws a ``CatalogClientError`` with the problem document's code,
/// name, detail and HTTP status; a network failure throws one naming the server URL (never the
/// token). Call ``close()`` when done: the client owns its HTTP connection pool.
public final class CatalogClient: Sendable {
    public let configuration: CatalogClientConfiguration
    let client: Client
    private let httpClient: HTTPClient
    private let closed = Mutex(false)

    public init(_ configuration: CatalogClientConfiguration) throws {
        self.configuration = configuration
        var http = HTTPClient.Configuration()
        http.tlsConfiguration = try Self.tlsConfiguration(configuration.trust)
        http.redirectConfiguration = .disallow  // a redirect could carry the token elsewhere
        // One call is one user action: a refused connection fails at once (a script may retry)
        // instead of being retried with backoff until the request's deadline.
        http.connectionPool.retryConnectionEstablishment = false
        http.timeout.connect = .seconds(min(configuration.timeoutSeconds, 10))
        httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
        let transport = AsyncHTTPClientTransport(
            configuration: .init(client: httpClient, timeout: .seconds(configuration.timeoutSeconds)))
        client = Client(
            serverURL: configuration.serverURL, transport: transport,
            middlewares: [ProblemMiddleware(token: configuration.token, server: configuration.serverDescription)])
    }

    /// Shuts the connection pool down; the client must not be used afterwards.
    public func close() async {
        guard closed.withLock({ was in defer { was = true }; return !was }) else { return }
        try? await httpClient.shutdown()
    }

    /// A client dropped without ``close()`` (an error thrown past it) still shuts its pool down,
    /// in the background: AsyncHTTPClient traps on a pool deinitialised while running.
    deinit {
        if !closed.withLock({ $0 }) { httpClient.shutdown { _ in } }
    }

    private static func tlsConfiguration(_ trust: CatalogClientConfiguration.Trust) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch trust {
        case .system: break
        case .insecure: tls.certificateVerification = .none
        case .certificateFile(let path):
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                guard !certificates.isEmpty else { throw CatalogClientConfiguration.refused("it holds no PEM certificate") }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw CatalogClientConfiguration.refused(
                    "the certificate file \"\(CatalogClientConfiguration.printable(path))\" cannot be used: \(error)")
            }
        }
        return tls
    }

    /// Runs one generated call, turning every failure into a ``CatalogClientError``.
    func call<T>(_ operation: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as CatalogClientError {
            throw error
        } catch let error as ClientError {
            if let own = error.underlyingError as? CatalogClientError { throw own }
            // No answer at all is a transport failure; an answer that did not decode is the server's.
            let kind: CatalogClientError.Kind = error.response == nil ? .unreachable : .unexpectedAnswer
            throw CatalogClientError(
                kind: kind, status: error.response?.status.code, detail: "\(operation): \(error.underlyingError)",
                server: configuration.serverDescription)
        } catch {
            throw CatalogClientError(kind: .unexpectedAnswer, detail: "\(operation): \(error)", server: configuration.serverDescription)
        }
    }

    /// Every item of a paged listing: follows `next` until the server gives none. A cursor the
    /// server repeats would loop forever, so it is refused.
    func collectAll<Item>(_ operation: String, _ page: (String?) async throws -> (items: [Item], next: String?)) async throws -> [Item] {
        var all: [Item] = []
        var after: String?
        var seen = Set<String>()
        while true {
            let (items, next) = try await page(after)
            all.append(contentsOf: items)
            guard let next else { return all }
            guard seen.insert(next).inserted else {
                throw CatalogClientError(kind: .unexpectedAnswer, detail: "\(operation): the server repeated a page cursor",
                    server: configuration.serverDescription)
            }
            after = next
        }
    }

    /// The bytes of a streamed body, up to `limit`.
    func bytes(of body: HTTPBody, limit: Int, operation: String) async throws -> Data {
        do { return try await Data(collecting: body, upTo: limit) } catch {
            throw CatalogClientError(kind: .unexpectedAnswer, detail: "\(operation): the body could not be read whole: \(error)",
                server: configuration.serverDescription)
        }
    }

    /// The server's archive limit is 64 MiB; a little room for a larger future limit.
    static let downloadLimit = 256 * 1024 * 1024
}

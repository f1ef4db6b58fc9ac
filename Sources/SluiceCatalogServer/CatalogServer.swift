import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import OpenAPIHummingbird
import ServiceLifecycle
import Synchronization
import SluiceCatalog
import SluiceCore

/// The catalog server: a Hummingbird 2 application answering the API of openapi/catalog.yaml.
///
/// ```swift
/// var configuration = CatalogServerConfiguration()
/// configuration.port = 0
/// let server = try CatalogServer(store: store, configuration: configuration)
/// let running = Task { try await server.run() }
/// let port = await server.boundPort()      // the port the system chose
/// ```
///
/// `run()` serves until its task is cancelled; `runUntilSignalled()` until SIGTERM or SIGINT,
/// letting requests in flight finish (ServiceLifecycle's graceful shutdown).
public final class CatalogServer: Sendable {
    public let configuration: CatalogServerConfiguration
    let store: any CatalogServerStore
    let logger: Logger
    private let application: Application<RouterResponder<CatalogRequestContext>>
    private let bound: AsyncStream<Int>
    private let announce: AsyncStream<Int>.Continuation
    private let port = PortBox()

    public init(
        store: any CatalogServerStore, configuration: CatalogServerConfiguration,
        deployCheck: any ProjectDeployCheck = AcceptingDeployCheck(), logger: Logger = Logger(label: "sluice.serve")
    ) throws {
        try configuration.validate()
        self.configuration = configuration
        self.store = store
        self.logger = logger
        (bound, announce) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let metrics = ServerMetrics()
        let handler = CatalogAPIHandler(store: store, metrics: metrics, deployCheck: deployCheck, logger: logger)
        let router = Router(context: CatalogRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: ClientAddressMiddleware())
        try handler.registerHandlers(
            on: router,
            middlewares: [
                MetricsMiddleware(metrics: metrics),
                LocationHeaderMiddleware(),
                BodyLimitMiddleware(jsonLimit: configuration.jsonBodyLimit, archiveLimit: configuration.archiveBodyLimit),
                AuthorizationMiddleware(store: store),
                ResponseCacheMiddleware(store: store),
            ])
        let scheme = configuration.usesTLS ? "https" : "http"
        let host = configuration.host
        let announce = announce
        let portBox = port
        application = Application(
            router: router, server: try Self.serverBuilder(configuration),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "sluice"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                // Tests and scripts wait for this line to learn the port.
                // One write, unbuffered: a pipe reader sees the whole line at once.
                FileHandle.standardOutput.write(Data("listening on \(scheme)://\(host):\(port)\n".utf8))
                portBox.value.withLock { $0 = port }
                announce.yield(port)
                announce.finish()
            },
            logger: logger)
    }

    /// Serves until the calling task is cancelled.
    public func run() async throws {
        try await application.runService()
    }

    /// Serves until SIGTERM or SIGINT; requests in flight finish before it returns.
    public func runUntilSignalled() async throws {
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The port the server listens on, once it is bound (waits until then).
    public func boundPort() async -> Int? {
        if let known = port.value.withLock({ $0 }) { return known }
        for await announced in bound { return announced }
        return port.value.withLock { $0 }
    }

    private static func serverBuilder(_ configuration: CatalogServerConfiguration) throws -> HTTPServerBuilder {
        guard let certificatePath = configuration.tlsCertificatePath, let keyPath = configuration.tlsKeyPath else { return .http1() }
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw SluiceError(.catalogServerTLSInvalid, ["what": "certificate", "path": certificatePath, "reason": "\(error)"])
        }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw SluiceError(.catalogServerTLSInvalid, ["what": "key", "path": keyPath, "reason": "\(error)"])
        }
        let tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        return try .tls(.http1(), tlsConfiguration: tls)
    }
}

/// The bound port, shared with the closure Hummingbird calls once it is listening.
private final class PortBox: Sendable {
    let value = Mutex<Int?>(nil)
}

import Hummingbird
import HummingbirdCore
import NIOCore

/// Hummingbird's basic context plus the peer's address, which the login rate limit counts
/// failures by. The address is the TCP peer's: a forwarded-for header is not trusted, since any
/// client can write one.
struct CatalogRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// The client address of the request being answered, for the handlers (the generated interface
/// hands them no request context); nil when the channel has none.
enum CatalogRequestClient {
    @TaskLocal static var address: String?
}

/// Sets ``CatalogRequestClient/address`` for everything below it.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = CatalogRequestContext

    func handle(
        _ request: Request, context: CatalogRequestContext, next: (Request, CatalogRequestContext) async throws -> Response
    ) async throws -> Response {
        let address = context.remoteAddress.flatMap { $0.ipAddress }
        return try await CatalogRequestClient.$address.withValue(address) { try await next(request, context) }
    }
}

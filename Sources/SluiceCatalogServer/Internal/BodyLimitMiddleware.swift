import HTTPTypes
import OpenAPIRuntime
import Synchronization
import SluiceCore

/// Refuses a body above its operation's limit (1 MiB of JSON, 64 MiB of archive) with 413 while
/// it streams in: a declared Content-Length above the limit before a byte is read, an undeclared
/// one as soon as the running count passes it. Nothing is buffered past the limit.
struct BodyLimitMiddleware: ServerMiddleware {
    var jsonLimit: Int
    var archiveLimit: Int
    /// The operations whose body is an archive.
    static let archiveOperations: Set<String> = ["deployProject"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let body else { return try await next(request, nil, metadata) }
        let limit = Self.archiveOperations.contains(operationID) ? archiveLimit : jsonLimit
        let tooLarge = SluiceError(.catalogServerBodyTooLarge, ["operation": operationID, "limit": String(limit)])
        if case .known(let declared) = body.length, declared > Int64(limit) { throw tooLarge }
        let exceeded = ExceededFlag()
        let counted = HTTPBody(
            CountingSequence(base: body, limit: limit, exceeded: exceeded, error: tooLarge), length: body.length,
            iterationBehavior: .single)
        do {
            return try await next(request, counted, metadata)
        } catch {
            // The decoder may wrap the stream's error in its own; the flag says what happened.
            if exceeded.value.load(ordering: .acquiring) { throw tooLarge }
            throw error
        }
    }
}

/// The body's chunks, counted; one past the limit ends the stream with `error`.
private struct CountingSequence: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let base: HTTPBody
    let limit: Int
    let exceeded: ExceededFlag
    let error: SluiceError

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPBody.AsyncIterator
        var seen = 0
        let limit: Int
        let exceeded: ExceededFlag
        let error: SluiceError

        mutating func next() async throws -> ArraySlice<UInt8>? {
            guard let chunk = try await base.next() else { return nil }
            let (sum, overflow) = seen.addingReportingOverflow(chunk.count)
            if overflow || sum > limit {
                exceeded.value.store(true, ordering: .releasing)
                throw error
            }
            seen = sum
            return chunk
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), limit: limit, exceeded: exceeded, error: error)
    }
}

/// Shared between the stream, which sets it, and the middleware, which reads it after a failure.
private final class ExceededFlag: Sendable {
    let value = Atomic<Bool>(false)
}

import HTTPTypes
import OpenAPIRuntime
import Synchronization
import SluiceCore

/// Refuses a body above its operation's limit (1 MiB of JSON, 64 MiB of archive) with 413 while
/// it streams in: a declared Content-Length above the limit before a byte is read, an undeclared
/// one as soon as the running count passes it. Nothing is buffered past the limit.
///
/// A JSON body holding `null` is refused too (400): no field of the API takes null (the document
/// says so by leaving it out of every schema), while the generated decoders would read it as an
/// absent field and let a request the document forbids through.
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
        let refusal = StreamRefusal()
        let isJSON = request.headerFields[.contentType].map { $0.lowercased().hasPrefix("application/json") } ?? false
        let nullRefused = SluiceError(
            .catalogServerRequestMalformed,
            ["operation": operationID, "reason": "null is not a value any field takes; leave the field out instead"])
        let counted = HTTPBody(
            CountingSequence(
                base: body, limit: limit, refusal: refusal, tooLarge: tooLarge, nullRefused: isJSON ? nullRefused : nil),
            length: body.length, iterationBehavior: .single)
        do {
            return try await next(request, counted, metadata)
        } catch {
            // The decoder may wrap the stream's error in its own; the refusal says what happened.
            if let refused = refusal.error.withLock({ $0 }) { throw refused }
            throw error
        }
    }
}

/// The body's chunks, counted; one past the limit ends the stream with `tooLarge`, and a JSON
/// `null` (when `nullRefused` is given) with that.
private struct CountingSequence: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let base: HTTPBody
    let limit: Int
    let refusal: StreamRefusal
    let tooLarge: SluiceError
    let nullRefused: SluiceError?

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: HTTPBody.AsyncIterator
        var seen = 0
        var scanner = JSONNullScanner()
        let limit: Int
        let refusal: StreamRefusal
        let tooLarge: SluiceError
        let nullRefused: SluiceError?

        mutating func next() async throws -> ArraySlice<UInt8>? {
            guard let chunk = try await base.next() else { return nil }
            let (sum, overflow) = seen.addingReportingOverflow(chunk.count)
            if overflow || sum > limit { throw refuse(tooLarge) }
            seen = sum
            if let nullRefused, scanner.findsNull(in: chunk) { throw refuse(nullRefused) }
            return chunk
        }

        private func refuse(_ error: SluiceError) -> SluiceError {
            refusal.error.withLock { $0 = error }
            return error
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            base: base.makeAsyncIterator(), limit: limit, refusal: refusal, tooLarge: tooLarge, nullRefused: nullRefused)
    }
}

/// Finds a `null` literal in JSON text given chunk by chunk: outside a string, the byte `n` can
/// only begin `null` in valid JSON (invalid text is the decoder's to refuse). One pass, constant
/// state.
struct JSONNullScanner {
    private var inString = false
    private var escaped = false

    mutating func findsNull(in bytes: ArraySlice<UInt8>) -> Bool {
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "n") {
                return true
            }
        }
        return false
    }
}

/// Shared between the stream, which sets it, and the middleware, which reads it after a failure.
private final class StreamRefusal: Sendable {
    let error = Mutex<SluiceError?>(nil)
}

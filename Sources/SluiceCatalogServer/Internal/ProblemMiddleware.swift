import HTTPTypes
import Hummingbird
import SluiceCore

/// The outermost middleware: whatever was thrown below it (a SluiceError from a handler, the
/// generated code's refusal of a malformed request, the router's "no such route") leaves the
/// server as `application/problem+json`, never as Hummingbird's plain-text error.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem: ProblemResponse
            if let httpError = error as? HTTPError, httpError.status == .notFound || httpError.status == .methodNotAllowed,
                let allowed = DocumentedPaths.catalog.methods(forPath: request.uri.path),
                !allowed.contains(request.method.rawValue)
            {
                let refusal = SluiceError(.catalogServerMethodNotAllowed, [
                    "method": String(request.method.rawValue.prefix(20)), "path": String(request.uri.path.prefix(200)),
                    "allowed": allowed.joined(separator: ", "),
                ])
                var response = Self.response(ProblemResponse(refusal, instance: request.uri.path), isHead: request.method == .head)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            } else if let httpError = error as? HTTPError, httpError.status == .notFound || httpError.status == .methodNotAllowed {
                let refusal = SluiceError(.catalogServerRouteNotFound, ["method": request.method.rawValue, "path": String(request.uri.path.prefix(200))])
                problem = ProblemResponse(refusal, instance: request.uri.path)
            } else {
                problem = ProblemResponse.from(error, instance: request.uri.path, logger: context.logger)
            }
            return Self.response(problem, isHead: request.method == .head)
        }
    }

    static func response(_ problem: ProblemResponse, isHead: Bool) -> Response {
        var headers = problem.headers
        headers[.contentType] = "application/problem+json"
        // A HEAD answer has no body (packageExists answers only a status).
        let body = isHead ? [] : problem.body()
        return Response(status: problem.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

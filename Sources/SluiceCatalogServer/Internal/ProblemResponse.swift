import Foundation
import HTTPTypes
import Logging
import OpenAPIRuntime
import SluiceCatalogAPI
import SluiceCore

/// An error turned into an RFC 9457 `application/problem+json` answer: `type`
/// `urn:sluice:error:NAME`, the message as `detail`, the Sluice `code` and `name`.
struct ProblemResponse: Sendable {
    var status: HTTPResponse.Status
    var problem: Components.Schemas.Problem
    var headers: HTTPFields = [:]

    init(_ error: SluiceError, instance: String, missingComponents: [String]? = nil, errors: [Components.Schemas.ProblemItem]? = nil) {
        status = ProblemStatusTable.status(for: error.code)
        problem = Components.Schemas.Problem(
            _type: "urn:sluice:error:\(error.name)", title: ProblemStatusTable.title(for: status), status: status.code,
            detail: error.text, instance: instance, code: Int(error.code), name: error.name, errors: errors,
            missingComponents: missingComponents)
    }

    /// Finds the Sluice error behind whatever a handler, a middleware or the generated decoding
    /// threw. Anything else is a server failure whose detail is logged, never sent.
    static func from(_ error: any Error, instance: String, logger: Logger) -> ProblemResponse {
        if let refusal = error as? DeployRefusal {
            return ProblemResponse(refusal.error, instance: instance, missingComponents: refusal.missingComponents, errors: refusal.items)
        }
        if let error = error as? SluiceError {
            var response = ProblemResponse(error, instance: instance)
            if let retry = error.inserts["seconds"], response.status == .tooManyRequests { response.headers[.retryAfter] = retry }
            return response
        }
        if let serverError = error as? ServerError {
            let underlying = serverError.underlyingError
            if underlying is SluiceError || underlying is DeployRefusal {
                return from(underlying, instance: instance, logger: logger)
            }
            // The generated code had not made the operation's input yet: it refused the request.
            if serverError.operationInput == nil {
                let reason = String(serverError.causeDescription.prefix(300))
                let code: SluiceMessage =
                    reason.localizedCaseInsensitiveContains("content type") ? .catalogServerMediaTypeUnsupported : .catalogServerRequestMalformed
                let inserts = ["operation": serverError.operationID, "reason": reason, "type": serverError.request.headerFields[.contentType] ?? ""]
                return ProblemResponse(SluiceError(code, inserts), instance: instance)
            }
            return failure(serverError.operationID, detail: "\(serverError)", instance: instance, logger: logger)
        }
        return failure("the request", detail: "\(error)", instance: instance, logger: logger)
    }

    private static func failure(_ operation: String, detail: String, instance: String, logger: Logger) -> ProblemResponse {
        logger.error("catalog server failure", metadata: ["operation": "\(operation)", "detail": "\(detail)"])
        return ProblemResponse(SluiceError(.catalogServerInternal, ["operation": operation]), instance: instance)
    }

    /// The answer's body, encoded; the encoder cannot fail on these plain fields, but if it ever
    /// did the answer still carries the status.
    func body() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? Array(encoder.encode(problem))) ?? Array("{}".utf8)
    }
}

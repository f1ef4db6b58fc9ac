import HTTPTypes
import SluiceCore

/// The one table from Sluice message codes to HTTP statuses (docs/catalog-api.md, "Errors").
/// A code missing here is a server failure: 500, still with its own code and name.
enum ProblemStatusTable {
    static func status(for code: Int32) -> HTTPResponse.Status {
        if let status = byCode[code] { return status }
        // Every project-archive refusal (SluiceArchive, 10110-10129) is a well-formed body refused.
        if (10110...10129).contains(code) { return .unprocessableContent }
        return .internalServerError
    }

    private static let byCode: [Int32: HTTPResponse.Status] = {
        var table: [Int32: HTTPResponse.Status] = [:]
        func put(_ status: HTTPResponse.Status, _ messages: [SluiceMessage]) {
            for message in messages { table[message.code] = status }
        }
        put(.badRequest, [
            .catalogNameInvalid, .catalogDescriptionInvalid, .catalogServerRequestMalformed, .catalogServerCursorInvalid,
            .catalogServerLimitInvalid,
        ])
        put(.unauthorized, [.catalogServerUnauthorized, .catalogServerLoginFailed])
        put(.forbidden, [.catalogServerForbidden, .catalogServerRouteUnlisted])
        put(.notFound, [
            .catalogFolderNotFound, .catalogProjectNotFound, .catalogVersionNotFound, .catalogPackageNotFound,
            .catalogServerRouteNotFound,
        ])
        put(.methodNotAllowed, [.catalogServerMethodNotAllowed])
        put(.conflict, [.catalogFolderExists, .catalogFolderNotEmpty, .catalogProjectExists])
        put(.contentTooLarge, [.catalogServerBodyTooLarge, .archiveTooLarge])
        put(.unsupportedMediaType, [.catalogServerMediaTypeUnsupported])
        put(.unprocessableContent, [.catalogDeployPackageInvalid, .catalogServerComponentsMissing])
        put(.tooManyRequests, [.catalogServerLoginRateLimited])
        put(.notImplemented, [.catalogNotImplemented])
        // Parameters, environments and references (80080-80099, 80125-80129); a key or secret
        // that does not open stays a server failure (500).
        put(.badRequest, [.catalogParameterNameInvalid])
        // The authorization middleware also hides an environment the caller may not READ with 80083.
        put(.notFound, [.catalogParameterNotFound, .catalogEnvironmentNotFound, .catalogVariableNotFound, .catalogReferenceNotFound])
        put(.conflict, [.catalogEnvironmentExists, .catalogEnvironmentReferenced, .catalogReferenceExists])
        put(.unprocessableContent, [
            .catalogValueInvalid, .catalogVariableUnprotectNeedsValue, .catalogServerParameterValueRequestInvalid,
            .catalogServerReferenceRequestInvalid,
        ])
        // Users, tokens, roles, permissions and operations.
        put(.notFound, [.catalogUserNotFound, .catalogTokenNotFound, .catalogServerOperationNotFound])
        put(.conflict, [.catalogUserExists, .catalogLastAdministrator, .catalogServerUserDeleteSelf])
        put(.forbidden, [.catalogServerCurrentPasswordWrong])
        put(.unauthorized, [.catalogLoginRefused])
        put(.unprocessableContent, [
            .catalogPasswordRefused, .catalogUserDisabled, .catalogTokenExpiryInvalid, .catalogSecurityNotApplicable,
            .catalogRolesTooMany, .catalogServerRoleMemberUnknown,
        ])
        return table
    }()

    /// The problem's `title`: one short sentence per status, the same for every code.
    static func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "The request is malformed"
        case 401: "Authentication is needed"
        case 403: "The caller lacks the permission"
        case 404: "No such object"
        case 405: "The method is not allowed here"
        case 409: "The catalog's state refuses the change"
        case 413: "The request body is too large"
        case 415: "The body's type is not accepted"
        case 422: "The request was refused"
        case 429: "Too many attempts"
        case 501: "Not implemented"
        default: "The server failed"
        }
    }
}

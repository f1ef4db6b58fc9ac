import Foundation
import HTTPTypes
import OpenAPIRuntime
import SluiceCatalog
import SluiceCore

/// Default deny: authenticates the bearer token, then checks the operation's entry of
/// ``CatalogRouteTable`` before the handler runs. An object the caller may not READ answers 404
/// as an absent one does; one it may READ without the permission needed, 403.
struct AuthorizationMiddleware: ServerMiddleware {
    let store: any CatalogSecurityStore

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let requirement = CatalogRouteTable.entries[operationID] else {
            throw SluiceError(.catalogServerRouteUnlisted, ["operation": operationID])
        }
        if requirement == .none { return try await next(request, body, metadata) }
        let caller = try await authenticate(request)
        try await check(requirement, for: caller, operationID: operationID, path: PathObjects(metadata))
        return try await CatalogRequestCaller.$current.withValue(caller) { try await next(request, body, metadata) }
    }

    /// The same refusal for a missing, malformed, unknown, expired or revoked token, or a
    /// disabled user's.
    private func authenticate(_ request: HTTPRequest) async throws -> CatalogCaller {
        let refusal = SluiceError(.catalogServerUnauthorized)
        guard let header = request.headerFields[.authorization], header.count <= 4096 else { throw refusal }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        // Compared and trimmed byte-wise: Foundation's lowercased and trimmingCharacters were
        // 6% of a cached answer's CPU. The scheme is ASCII letters, so `| 0x20` is their lower case.
        guard parts.count == 2, parts[0].utf8.elementsEqual("bearer".utf8, by: { $0 | 0x20 == $1 }) else { throw refusal }
        let token = String(Self.trimmingSpacesAndTabs(parts[1]))
        guard !token.isEmpty, let caller = try await store.authenticate(token: token) else { throw refusal }
        return caller
    }

    /// `text` without the spaces and tabs at its ends. Both ends of the kept bytes border ASCII
    /// (or the text's ends), so they fall on character boundaries.
    static func trimmingSpacesAndTabs(_ text: Substring) -> Substring {
        let isBlank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        guard let first = text.utf8.firstIndex(where: { !isBlank($0) }), let last = text.utf8.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return Substring(text.utf8[first...last])
    }

    private func check(
        _ requirement: CatalogRouteRequirement, for caller: CatalogCaller, operationID: String, path: PathObjects
    ) async throws {
        if caller.isAdministrator { return }
        func forbidden(_ needs: String) -> SluiceError {
            SluiceError(.catalogServerForbidden, ["user": caller.user, "operation": operationID, "requirement": needs])
        }
        switch requirement {
        case .none, .anyUser, .custom:
            return
        case .administrator:
            throw forbidden("an administrator")
        case .selfOrAdministrator:
            guard let named = path.userName, CatalogAccess.sameName(named, caller.user) else {
                throw forbidden("to be that user, or an administrator")
            }
        case .permission(let permission, let kind):
            guard let object = path.securable(kind) else { throw SluiceError(.catalogServerRequestMalformed, ["operation": operationID, "reason": "a path parameter is missing"]) }
            try await CatalogAccess(store: store).require(permission, on: object, by: caller, operationID: operationID)
        }
    }
}

/// The objects a request's path parameters name, decoded as the generated code decodes them.
struct PathObjects {
    var folder, project, environment, package, userName: String?

    init(_ metadata: ServerRequestMetadata) {
        func value(_ name: String) -> String? {
            guard let raw = metadata.pathParameters[name] else { return nil }
            return String(raw).removingPercentEncoding ?? String(raw)
        }
        folder = value("folderName")
        project = value("projectName")
        environment = value("environmentName")
        package = value("packageName")
        userName = value("userName")
    }

    func securable(_ kind: CatalogRouteObject) -> CatalogSecurable? {
        switch kind {
        case .folder: folder.map { .folder($0) }
        case .project: folder.flatMap { f in project.map { .project(folder: f, project: $0) } }
        case .environment: folder.flatMap { f in environment.map { .environment(folder: f, environment: $0) } }
        case .package:
            folder.flatMap { f in project.flatMap { p in package.map { .package(folder: f, project: p, package: $0) } } }
        }
    }
}

import SluiceCatalog

@testable import SluiceCatalogServer

/// The kinds of caller the route walk sends every request as, and what each holds according to
/// docs/catalog-api.md ("Who may do what"), written out here rather than asked of the store so
/// that the server is checked against the document, not against itself.
enum WalkCaller: String, CaseIterable, Sendable, CustomStringConvertible {
    case anonymous, forged, expired, revoked, disabled, nobody, reader, writer, executor, administrator

    var description: String { rawValue }

    /// The user a token kind belongs to (nil: no valid token).
    var user: String? {
        switch self {
        case .nobody: "nobody"
        case .reader: "reader"
        case .writer: "writer"
        case .executor: "executor"
        case .administrator: "admin"
        case .anonymous, .forged, .expired, .revoked, .disabled: nil
        }
    }

    /// What the fixture grants on the folder Finance (the executor also holds EXECUTE on the project).
    static let folderGrants: [(String, [CatalogPermission])] = [
        ("reader", [.read, .readObjects]),
        ("writer", [.read, .modify, .readObjects, .modifyObjects]),
        ("executor", [.executeObjects]),
    ]

    /// The permissions this caller holds on the Finance folder, or on its project, package and
    /// environment (READ_OBJECTS gives READ on them, MODIFY_OBJECTS MODIFY, EXECUTE_OBJECTS
    /// EXECUTE; a package's READ and MODIFY are its project's). EXECUTE does not give READ.
    func held(on object: CatalogRouteObject) -> Set<CatalogPermission> {
        switch (self, object) {
        case (.reader, .folder): [.read, .readObjects]
        case (.reader, _): [.read]
        case (.writer, .folder): [.read, .modify, .readObjects, .modifyObjects]
        case (.writer, _): [.read, .modify]
        case (.executor, .folder): [.executeObjects]
        case (.executor, _): [.execute]
        default: []
        }
    }
}

/// What a request must be answered with.
enum WalkVerdict: Equatable, CustomStringConvertible {
    /// Authorization let it through: not 401, 403 or 404 (501 while the operation is pending).
    case allowed
    /// 401: no valid token.
    case unauthenticated
    /// Refused with one of these statuses, nothing changed.
    case refused(Set<Int>)
    /// Allowed, for a path naming an object that may not exist: not 401 or 403.
    case allowedMaybeAbsent
    /// A list narrowed to nothing: 200 with no items, or refused with 403/404.
    case emptyOrRefused

    var description: String {
        switch self {
        case .allowed: "allowed"
        case .allowedMaybeAbsent: "allowed (404 for the absent object)"
        case .unauthenticated: "401"
        case .refused(let statuses): "refused \(statuses.sorted())"
        case .emptyOrRefused: "an empty list or a refusal"
        }
    }

    /// The verdict for `caller` on an operation of `requirement`; `namesSelf` when the path's
    /// user is the caller's own.
    static func expected(_ requirement: CatalogRouteRequirement, operation: String, caller: WalkCaller, namesSelf: Bool) -> WalkVerdict {
        if requirement == .none { return .allowed }
        guard caller.user != nil else { return .unauthenticated }
        if caller == .administrator { return operation == "getOperation" ? .allowedMaybeAbsent : .allowed }
        switch requirement {
        case .none, .anyUser: return .allowed
        case .administrator: return .refused([403])
        case .selfOrAdministrator: return namesSelf ? .allowed : .refused([403])
        case .permission(let permission, let object):
            let held = caller.held(on: object)
            if held.contains(permission) { return .allowed }
            return .refused([held.contains(.read) ? 403 : 404])
        case .custom:
            return customVerdict(operation, caller)
        }
    }

    /// The handler-checked rules, case by case from the document. A custom route whose handler
    /// is still pending answers 501 to everyone, which refuses as well.
    static func customVerdict(_ operation: String, _ caller: WalkCaller) -> WalkVerdict {
        let refusal = WalkVerdict.refused([403, 404, 501])
        switch operation {
        case "deployProject", "createEnvironmentReference":
            // MODIFY on the existing project (and READ on the environment): the writer only.
            return caller == .writer ? .allowed : refusal
        case "moveProject":
            // CREATE_OBJECTS on the destination folder, which nobody but the administrator has.
            return refusal
        case "revokeToken":
            // The path names the bystander's token.
            return refusal
        case "listProjectPackages":
            return caller.held(on: .project).contains(.read) ? .allowed : .emptyOrRefused
        case "getOperation":
            // The path names no operation the test can know the id of: nobody may see it.
            return refusal
        default:
            return refusal
        }
    }
}

import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// A project's references to environments (SSISDB environment_references): relative ones name an
// environment of the project's own folder, absolute ones an environment of a named folder.
extension CatalogAPIHandler {
    func listEnvironmentReferences(_ input: Operations.ListEnvironmentReferences.Input) async throws -> Operations.ListEnvironmentReferences.Output {
        let references = try await store.environmentReferences(project: input.path.projectName, inFolder: input.path.folderName)
        // Keyed by id: a cursor stays valid when references are added or removed meanwhile.
        let page = try Page(references, key: { $0.id.uuidString.lowercased() }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.referenceBody), next: page.next))))
    }

    /// The route table's `.custom` rule: MODIFY on the project (checked first: a project the
    /// caller may not read is absent), then READ on the environment, whose refusal is the
    /// environment's 404 so that its name does not leak.
    func createEnvironmentReference(_ input: Operations.CreateEnvironmentReference.Input) async throws -> Operations.CreateEnvironmentReference.Output {
        let operation = "createEnvironmentReference"
        let caller = try caller(operation)
        let (folder, project) = (input.path.folderName, input.path.projectName)
        try await access.require(.modify, on: .project(folder: folder, project: project), by: caller, operationID: operation)
        guard case .json(let request) = input.body else { throw malformed(operation, "the body is not JSON") }
        let target = try Self.referenceTarget(request)
        let environment = CatalogSecurable.environment(folder: request.folder ?? folder, environment: request.environment)
        guard try await access.canRead(environment, by: caller) else { throw CatalogAccess.notFound(environment) }
        let reference = try await store.createEnvironmentReference(target, project: project, inFolder: folder, by: caller.user)
        let location = Self.location(folder, project) + "/references/" + reference.id.uuidString.lowercased()
        return .created(.init(headers: .init(location: location), body: .json(Self.referenceBody(reference))))
    }

    func deleteEnvironmentReference(_ input: Operations.DeleteEnvironmentReference.Input) async throws -> Operations.DeleteEnvironmentReference.Output {
        let operation = "deleteEnvironmentReference"
        let caller = try caller(operation)
        let path = input.path
        guard let id = UUID(uuidString: path.referenceId) else {
            throw malformed(operation, "the reference id \"\(CatalogName.escaped(String(path.referenceId.prefix(64))))\" is not a UUID")
        }
        try await store.deleteEnvironmentReference(id, project: path.projectName, inFolder: path.folderName, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    /// `relative` without `folder`, `absolute` with it (the document's rule).
    static func referenceTarget(_ request: Components.Schemas.EnvironmentReferenceCreateRequest) throws -> CatalogReferenceTarget {
        let refuse = { (reason: String) in
            SluiceError(.catalogServerReferenceRequestInvalid, ["environment": CatalogName.escaped(request.environment), "reason": reason])
        }
        switch request.kind {
        case .relative:
            guard request.folder == nil else { throw refuse("a relative reference names a folder") }
            return .relative(environment: request.environment)
        case .absolute:
            guard let folder = request.folder else { throw refuse("an absolute reference names no folder") }
            return .absolute(environment: request.environment, folder: folder)
        }
    }

    static func referenceBody(_ reference: CatalogEnvironmentReference) -> Components.Schemas.EnvironmentReference {
        .init(
            id: reference.id.uuidString.lowercased(), kind: reference.kind == .relative ? .relative : .absolute,
            environment: reference.environment, folder: reference.kind == .absolute ? reference.folder : nil)
    }
}

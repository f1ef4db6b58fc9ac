import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// Environments of a folder (SSISDB environments). The route table has checked the folder's or
// the environment's permission before these run.
extension CatalogAPIHandler {
    func listEnvironments(_ input: Operations.ListEnvironments.Input) async throws -> Operations.ListEnvironments.Output {
        let caller = try caller("listEnvironments")
        let folder = input.path.folderName
        var environments = try await store.environments(inFolder: folder)
        if !caller.isAdministrator {
            // Lists hold only what the caller may READ.
            let readable = try await store.readable(environments.map { CatalogSecurable.environment(folder: folder, environment: $0.name) }, by: caller)
            let names = Set(readable.compactMap { object -> String? in
                if case .environment(_, let name) = object { return Self.nameKey(name) }
                return nil
            })
            environments = environments.filter { names.contains(Self.nameKey($0.name)) }
        }
        let page = try Page(environments, key: { Self.nameKey($0.name) }, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.environmentBody), next: page.next))))
    }

    func createEnvironment(_ input: Operations.CreateEnvironment.Input) async throws -> Operations.CreateEnvironment.Output {
        let caller = try caller("createEnvironment")
        guard case .json(let request) = input.body else { throw malformed("createEnvironment", "the body is not JSON") }
        let made = try await store.createEnvironment(
            request.name, inFolder: input.path.folderName, description: request.description ?? "", by: caller.user)
        return .created(.init(
            headers: .init(location: Self.environmentLocation(made.folder, made.name)), body: .json(Self.environmentBody(made))))
    }

    func getEnvironment(_ input: Operations.GetEnvironment.Input) async throws -> Operations.GetEnvironment.Output {
        .ok(.init(body: .json(Self.environmentBody(try await existingEnvironment(input.path.environmentName, in: input.path.folderName)))))
    }

    func updateEnvironment(_ input: Operations.UpdateEnvironment.Input) async throws -> Operations.UpdateEnvironment.Output {
        let caller = try caller("updateEnvironment")
        guard case .json(let update) = input.body else { throw malformed("updateEnvironment", "the body is not JSON") }
        let changed = try await store.setEnvironmentDescription(
            input.path.environmentName, inFolder: input.path.folderName, update.description, by: caller.user)
        return .ok(.init(body: .json(Self.environmentBody(changed))))
    }

    func renameEnvironment(_ input: Operations.RenameEnvironment.Input) async throws -> Operations.RenameEnvironment.Output {
        let caller = try caller("renameEnvironment")
        guard case .json(let rename) = input.body else { throw malformed("renameEnvironment", "the body is not JSON") }
        let renamed = try await store.renameEnvironment(input.path.environmentName, inFolder: input.path.folderName, to: rename.name, by: caller.user)
        return .ok(.init(body: .json(Self.environmentBody(renamed))))
    }

    /// The document: "Delete an environment, its variables and the references to it" (SSISDB
    /// delete_environment), so the references go with it.
    func deleteEnvironment(_ input: Operations.DeleteEnvironment.Input) async throws -> Operations.DeleteEnvironment.Output {
        let caller = try caller("deleteEnvironment")
        try await store.deleteEnvironment(input.path.environmentName, inFolder: input.path.folderName, force: true, by: caller.user)
        return .noContent(.init())
    }

    // MARK: Helpers

    func existingEnvironment(_ name: String, in folder: String) async throws -> CatalogEnvironment {
        guard let environment = try await store.environment(name, inFolder: folder) else {
            throw CatalogAccess.notFound(.environment(folder: folder, environment: name))
        }
        return environment
    }

    static func environmentBody(_ environment: CatalogEnvironment) -> Components.Schemas.Environment {
        .init(
            id: environment.id.uuidString.lowercased(), name: environment.name, folder: environment.folder,
            description: environment.description.isEmpty ? nil : environment.description, createdAt: environment.createdAt,
            createdBy: environment.createdBy)
    }

    /// `/api/v1/folders/{f}/environments/{e}`, each name percent-encoded as one segment.
    static func environmentLocation(_ folder: String, _ environment: String) -> String {
        "/api/v1/folders/\(segment(folder))/environments/\(segment(environment))"
    }

    /// Names compare without regard to case (as CatalogAccess.sameName compares them).
    static func nameKey(_ name: String) -> String {
        name.lowercased().precomposedStringWithCanonicalMapping
    }

    static func segment(_ name: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
    }
}

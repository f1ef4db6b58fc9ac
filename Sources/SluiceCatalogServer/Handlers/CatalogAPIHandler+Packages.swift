import Foundation
import OpenAPIRuntime
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

extension CatalogAPIHandler {
    func listPackages(_ input: Operations.ListPackages.Input) async throws -> Operations.ListPackages.Output {
        let caller = try caller("listPackages")
        let (folder, project) = (input.query.folder, input.query.project)
        let generation = try await store.generation()
        let key = ListingCache<[(key: String, item: CatalogPackage)]>.Key(
            viewer: caller.isAdministrator ? nil : caller.user, scope: [folder, project])
        let sorted = try await packageListings.value(at: generation, for: key) {
            let all: [CatalogPackage]
            do {
                all = try await store.packages(inFolder: folder, project: project)
            } catch let error as SluiceError where error.message == .catalogFolderNotFound {
                // A filter naming no folder matches nothing: an empty page, as for a folder the
                // caller may not read (so the answer does not tell which folders exist).
                all = []
            }
            return Page.sorted(try await readablePackages(all, by: caller), key: Self.packageKey)
        }
        let page = try Page(sorted: sorted, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.package), next: page.next))))
    }

    func listProjectPackages(_ input: Operations.ListProjectPackages.Input) async throws -> Operations.ListProjectPackages.Output {
        let caller = try caller("listProjectPackages")
        let (folder, project) = (input.path.folderName, input.path.projectName)
        _ = try await existingProject(project, in: folder)
        let readable = try await readablePackages(try await store.packages(inFolder: folder, project: project), by: caller)
        // Nothing readable in it: the project is as good as absent to this caller.
        if readable.isEmpty, !(try await access.canRead(.project(folder: folder, project: project), by: caller)) {
            throw CatalogAccess.notFound(.project(folder: folder, project: project))
        }
        let page = try Page(readable, key: Self.packageKey, limit: input.query.limit, after: input.query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.package), next: page.next))))
    }

    func getPackage(_ input: Operations.GetPackage.Input) async throws -> Operations.GetPackage.Output {
        let path = input.path
        let packages = try await store.packages(inFolder: path.folderName, project: path.projectName)
        guard let package = packages.first(where: { CatalogAccess.sameName($0.name, path.packageName) }) else {
            throw CatalogAccess.notFound(.package(folder: path.folderName, project: path.projectName, package: path.packageName))
        }
        return .ok(.init(body: .json(Self.package(package))))
    }

    func packageExists(_ input: Operations.PackageExists.Input) async throws -> Operations.PackageExists.Output {
        let path = input.path
        guard try await store.packageExists(path.packageName, project: path.projectName, inFolder: path.folderName) else {
            throw CatalogAccess.notFound(.package(folder: path.folderName, project: path.projectName, package: path.packageName))
        }
        return .ok(.init())
    }

    func exportPackage(_ input: Operations.ExportPackage.Input) async throws -> Operations.ExportPackage.Output {
        let path = input.path
        let bytes = try await store.exportPackage(path.packageName, project: path.projectName, inFolder: path.folderName)
        return .ok(.init(headers: .init(contentDisposition: "attachment; filename=\"package.sluice.json\""), body: .binary(HTTPBody(bytes))))
    }

    // MARK: Helpers

    func readablePackages(_ packages: [CatalogPackage], by caller: CatalogCaller) async throws -> [CatalogPackage] {
        if caller.isAdministrator { return packages }
        let objects = packages.map { CatalogSecurable.package(folder: $0.folder, project: $0.project, package: $0.name) }
        let readable = Set(try await store.readable(objects, by: caller))
        return packages.filter { readable.contains(.package(folder: $0.folder, project: $0.project, package: $0.name)) }
    }

    static func packageKey(_ package: CatalogPackage) -> String {
        [package.folder, package.project, package.name].map { $0.lowercased() }.joined(separator: "\u{0}")
    }

    static func package(_ package: CatalogPackage) -> Components.Schemas.PackageInfo {
        .init(
            name: package.name, id: package.packageID.uuidString.lowercased(),
            version: .init(
                major: Int32(clamping: package.versionMajor), minor: Int32(clamping: package.versionMinor),
                build: Int32(clamping: package.versionBuild), id: package.versionID?.uuidString.lowercased()),
            description: package.description.isEmpty ? nil : package.description, folder: package.folder, project: package.project,
            projectVersion: package.projectVersion)
    }
}

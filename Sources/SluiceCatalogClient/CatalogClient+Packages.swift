import Foundation
import SluiceCatalogAPI

/// Packages: `dtutil /DTSExists`, list, export (`/Copy` to a file).
extension CatalogClient {
    public typealias PackageInfo = Components.Schemas.PackageInfo

    /// Every readable package, optionally only those of a folder or a project.
    public func allPackages(folder: String? = nil, project: String? = nil, pageSize: Int? = nil) async throws -> [PackageInfo] {
        try await collectAll("listPackages") { after in
            let page = try await call("listPackages") {
                try await client.listPackages(query: .init(folder: folder, project: project, limit: pageSize, after: after)).ok.body.json
            }
            return (page.items, page.next)
        }
    }

    public func describePackage(folder: String, project: String, package: String) async throws -> PackageInfo {
        try await call("getPackage") {
            try await client.getPackage(path: .init(folderName: folder, projectName: project, packageName: package)).ok.body.json
        }
    }

    /// True when the package exists and the caller may read it; false on 404. Any other
    /// failure (a bad token, an unreachable server) throws: "cannot tell" is not "absent".
    public func packageExists(folder: String, project: String, package: String) async throws -> Bool {
        do {
            _ = try await call("packageExists") {
                try await client.packageExists(path: .init(folderName: folder, projectName: project, packageName: package)).ok
            }
            return true
        } catch let error as CatalogClientError where error.status == 404 {
            return false
        }
    }

    /// The package file (`NAME.sluice.json`) bytes of the project's current version.
    public func exportPackage(folder: String, project: String, package: String) async throws -> Data {
        try await call("exportPackage") {
            let body = try await client.exportPackage(path: .init(folderName: folder, projectName: project, packageName: package))
                .ok.body.binary
            return try await bytes(of: body, limit: Self.downloadLimit, operation: "exportPackage")
        }
    }
}

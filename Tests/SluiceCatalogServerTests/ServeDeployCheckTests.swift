import Foundation
import SluiceArchive
import SluiceCatalogClient
import SluiceCore
import SluiceTestSupport
import Testing

/// `sluice serve` checks a deploy against its own registry, as `sluice validate PROJECT` would
/// (issue 10: "a deploy is refused, listing the missing ids, when a package needs a component the
/// server's registry lacks, and refused when any package fails validation"), and a refused
/// deploy leaves the catalog as it was.
@Suite(.serialized) struct ServeDeployCheckTests {
    let directory: URL

    init() throws { directory = try BuildProducts.temporaryDirectory("serve-deploy-check") }

    /// A project whose packages each run one task of `component` with `properties`.
    func archive(_ tasks: [(package: String, component: String, properties: JSONObject)]) throws -> Data {
        let folder = directory.appendingPathComponent("project-\(UUID().uuidString)")
        var project = Project(name: "Warehouse")
        project.packages = tasks.map { $0.package + ".sluice.json" }
        try ProjectFile.save(project, toFolder: folder.path)
        for task in tasks {
            var package = Package(name: task.package)
            var executable = Executable("Work", kind: .task(component: task.component))
            executable.properties = task.properties
            package.executables = [executable]
            try PackageFile.save(package, to: folder.appendingPathComponent(task.package + ".sluice.json").path)
        }
        return Data(try ProjectArchive.write(folder: folder.path))
    }

    @Test func missingComponentsAndInvalidPackagesAreRefusedAndTheValidProjectDeploys() async throws {
        let server = try await ServeProcess(catalog: directory.appendingPathComponent("catalog.db").path)
        let client = try CatalogClient(CatalogClientConfiguration(server: server.url, token: ServeProcess.adminToken))
        _ = try await client.createFolder("Finance")

        let unknown = try archive([
            ("Load", "acme.missing", JSONObject()), ("Publish", "acme.alsoMissing", JSONObject()), ("Again", "acme.missing", JSONObject()),
        ])
        let missing = try await #require(throws: CatalogClientError.self) {
            try await client.deployProject(folder: "Finance", project: "Warehouse", archive: unknown)
        }
        #expect(missing.status == 422)
        #expect(missing.name == "SLUICE_E_CATALOG_DEPLOY_COMPONENTS_MISSING")
        #expect(missing.missingComponents == ["acme.alsoMissing", "acme.missing"])

        // A built-in task whose properties do not validate (a Set Variable naming no variable).
        let invalid = try archive([("Load", "sluice.setVariable", JSONObject([("variable", .string("User::Nowhere")), ("value", .string("x"))]))])
        let refused = try await #require(throws: CatalogClientError.self) {
            try await client.deployProject(folder: "Finance", project: "Warehouse", archive: invalid)
        }
        #expect(refused.status == 422)
        #expect(refused.name == "SLUICE_E_CATALOG_DEPLOY_PACKAGE_INVALID")
        #expect(!refused.items.isEmpty)
        #expect(refused.items.allSatisfy { $0.name.hasPrefix("SLUICE_") })

        // Nothing was deployed by either refusal.
        #expect(try await client.listProjects(folder: "Finance").items.isEmpty)

        let valid = try archive([("Load", "sluice.expression", JSONObject([("expression", .string("1 + 1"))]))])
        let deployed = try await client.deployProject(folder: "Finance", project: "Warehouse", archive: valid)
        #expect(deployed.name == "Warehouse")
        #expect(try await client.allPackages(folder: "Finance").map(\.name) == ["Load"])
        // A folder filter naming no folder matches nothing (200, empty), as the document says.
        #expect(try await client.allPackages(folder: "Nowhere").isEmpty)
        await client.close()
    }
}

import Foundation
import SluiceTestSupport
import Testing

/// `sluice catalog param …` and `sluice catalog env reference …` through the real binary
/// against a real server on loopback (in this process, over a SQLite catalog).
@Suite struct ConfigurationCLITests {
    @Test func parametersAndReferencesAreManagedFromTheCommandLine() async throws {
        let outcome = try await ConfigurationServerFixture.with { server in
            func sluice(_ arguments: String...) async throws -> ChildProcess {
                try await CatalogCLIFixtureServerTests.sluice(["catalog"] + arguments, server: server.url, token: ConfigurationServerFixture.adminToken)
            }
            let set = try await sluice("param", "set", "Finance/Warehouse", "Retries", "5")
            let bound = try await sluice("param", "set", "Finance/Warehouse/Load", "BatchSize", "--variable", "Size")
            let wrong = try await sluice("param", "set", "Finance/Warehouse", "Retries", "many")
            let listed = try await sluice("param", "list", "Finance/Warehouse", "--json")
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
            let added = try await sluice("env", "reference", "add", "Finance/Warehouse", "Prod")
            let references = try await sluice("env", "reference", "list", "Finance/Warehouse", "--json")
            let id = Self.items(references.standardOutput).first?["id"] as? String ?? ""
            let removed = try await sluice("env", "reference", "remove", "Finance/Warehouse", id)
            let cleared = try await sluice("param", "clear", "Finance/Warehouse", "Retries")
            let after = try await server.admin.allParameters(folder: "Finance", project: "Warehouse")
            let left = try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse")
            return (set, bound, wrong, listed, added, references, removed, cleared, after, left)
        }
        let (set, bound, wrong, listed, added, references, removed, cleared, after, left) = outcome
        #expect(set.status == 0 && set.standardOutput.contains("Retries"), "\(set.transcript)")
        #expect(bound.status == 0 && bound.standardOutput.contains("variable Size"), "\(bound.transcript)")
        #expect(wrong.status == 1 && wrong.standardError.contains("SLUICE_E_CATALOG_VALUE_INVALID (80082)"), "\(wrong.transcript)")
        let parameters = Self.items(listed.standardOutput)
        #expect(parameters.first { $0["name"] as? String == "Retries" }?["value"] as? String == "5", "\(listed.transcript)")
        #expect(parameters.first { $0["name"] as? String == "BatchSize" }?["variable"] as? String == "Size")
        #expect(added.status == 0 && added.standardOutput.contains("relative"), "\(added.transcript)")
        #expect(Self.items(references.standardOutput).count == 1, "\(references.transcript)")
        #expect(removed.status == 0 && cleared.status == 0, "\(removed.transcript)\(cleared.transcript)")
        #expect(after.first { $0.name == "Retries" }?.valueSet == false)
        #expect(left.isEmpty)
    }

    static func items(_ json: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []
    }
}

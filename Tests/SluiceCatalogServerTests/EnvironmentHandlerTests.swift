import Foundation
import SluiceCatalog
import SluiceCatalogClient
import Testing

/// Environments and their variables against a real server on loopback and a SQLite catalog.
@Suite struct EnvironmentHandlerTests {
    static let environments = "/api/v1/folders/Finance/environments"

    @Test func environmentsAreCreatedDescribedChangedRenamedListedAndDeleted() async throws {
        let outcome = try await ConfigurationServerFixture.with { server in
            let created = try await server.raw("POST", Self.environments, json: #"{"name": "Prod env", "description": "Production"}"#)
            let taken = try await server.raw("POST", Self.environments, json: #"{"name": "PROD ENV"}"#)
            let described = try await server.admin.describeEnvironment(folder: "Finance", name: "Prod env")
            let changed = try await server.admin.updateEnvironment(folder: "Finance", name: "Prod env", description: "")
            let renamed = try await server.admin.renameEnvironment(folder: "Finance", name: "Prod env", to: "Production")
            let oldName = try await server.raw("GET", Self.environments + "/Prod%20env")
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Test")
            let listed = try await server.admin.allEnvironments(folder: "Finance")
            try await server.admin.deleteEnvironment(folder: "Finance", name: "Test")
            let afterDelete = try await server.admin.allEnvironments(folder: "Finance")
            return (created, taken, described, changed, renamed, oldName, listed, afterDelete)
        }
        let (created, taken, described, changed, renamed, oldName, listed, afterDelete) = outcome
        #expect(created.status == 201 && created.location == "/api/v1/folders/Finance/environments/Prod%20env", "\(created.text)")
        #expect(created.member("createdBy") == "admin" && created.member("folder") == "Finance")
        #expect(taken.status == 409 && taken.member("name") == "SLUICE_E_CATALOG_ENVIRONMENT_EXISTS", "\(taken.text)")
        #expect(described.name == "Prod env" && described.description == "Production")
        #expect(changed.description == nil)
        #expect(renamed.name == "Production" && renamed.id == described.id)
        #expect(oldName.status == 404 && oldName.member("name") == "SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND", "\(oldName.text)")
        #expect(listed.map(\.name) == ["Production", "Test"])
        #expect(afterDelete.map(\.name) == ["Production"])
    }

    /// The generated code encodes a header as a URI component; LocationHeaderMiddleware undoes it.
    @Test func aLocationHeaderIsAPathAClientCanFollow() async throws {
        let (created, followed) = try await ConfigurationServerFixture.with { server in
            let created = try await server.raw("POST", "/api/v1/folders", json: #"{"name": "Q3 plans"}"#)
            return (created, try await server.raw("GET", created.location ?? "/nowhere"))
        }
        #expect(created.status == 201 && created.location == "/api/v1/folders/Q3%20plans", "\(created.location ?? "none")")
        #expect(followed.status == 200 && followed.member("name") == "Q3 plans", "\(followed.text)")
    }

    @Test func aSensitiveVariableIsWriteOnlyAndStaysProtectedWithoutANewValue() async throws {
        let secret = "Pa55-Variable-Secret-e41"
        let variables = Self.environments + "/Prod/variables"
        let outcome = try await ConfigurationServerFixture.with { server in
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
            let created = try await server.raw("PUT", variables + "/Region", json: #"{"type": "DT_WSTR", "value": "emea"}"#)
            let replaced = try await server.raw("PUT", variables + "/Region", json: #"{"type": "DT_WSTR", "value": "apac", "description": "Where"}"#)
            let sensitive = try await server.raw(
                "PUT", variables + "/DbPassword", json: #"{"type": "DT_WSTR", "value": "\#(secret)", "sensitive": true}"#)
            let rawList = try await server.raw("GET", variables)
            let unprotect = try await server.raw("PATCH", variables + "/DbPassword", json: #"{"sensitive": false}"#)
            let stillSealed = try await server.admin.allVariables(folder: "Finance", environment: "Prod")
            let fileBytes = try server.catalogFileBytes()
            let resolved = try await server.store.resolvedVariableValue("DbPassword", inEnvironment: "Prod", inFolder: "Finance")
            let plain = try await server.admin.updateVariable(folder: "Finance", environment: "Prod", name: "DbPassword", value: "public", sensitive: false)
            return (created, replaced, sensitive, rawList, unprotect, stillSealed, fileBytes, resolved, plain)
        }
        let (created, replaced, sensitive, rawList, unprotect, stillSealed, fileBytes, resolved, plain) = outcome
        #expect(created.status == 201 && created.member("value") == "emea", "\(created.text)")
        #expect(replaced.status == 200 && replaced.member("value") == "apac" && replaced.member("description") == "Where", "\(replaced.text)")
        #expect(sensitive.status == 201 && sensitive.member("value") == nil, "\(sensitive.text)")
        #expect(sensitive.flag("sensitive") == true && sensitive.flag("valueSet") == true)
        #expect(!sensitive.body.contains(secret) && !rawList.body.contains(secret) && rawList.status == 200)
        #expect(unprotect.status == 422 && unprotect.member("name") == "SLUICE_E_CATALOG_VARIABLE_UNPROTECT_NEEDS_VALUE", "\(unprotect.text)")
        let password = try #require(stillSealed.first { $0.name == "DbPassword" })
        #expect(password.sensitive && password.valueSet && password.value == nil)
        #expect(!fileBytes.isEmpty && !fileBytes.contains(secret))
        #expect(resolved == secret)
        #expect(!plain.sensitive && plain.value == "public")
    }

    @Test func aVariableValueOfTheWrongTypeIsRefusedAndNothingChanges() async throws {
        let variables = Self.environments + "/Prod/variables"
        let (wrongType, wrongUpdate, objectType, listed) = try await ConfigurationServerFixture.with { server in
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
            _ = try await server.admin.setVariable(folder: "Finance", environment: "Prod", name: "Retries", value: "3", type: .dtI4)
            let wrongType = try await server.raw("PUT", variables + "/Size", json: #"{"type": "DT_I4", "value": "big"}"#)
            let wrongUpdate = try await server.raw("PATCH", variables + "/Retries", json: #"{"value": "3.5e"}"#)
            let objectType = try await server.raw("PUT", variables + "/Thing", json: #"{"type": "DT_OBJECT", "value": "x"}"#)
            return (wrongType, wrongUpdate, objectType, try await server.admin.allVariables(folder: "Finance", environment: "Prod"))
        }
        #expect(wrongType.status == 422 && wrongType.member("name") == "SLUICE_E_CATALOG_VALUE_INVALID", "\(wrongType.text)")
        #expect(wrongUpdate.status == 422 && wrongUpdate.member("name") == "SLUICE_E_CATALOG_VALUE_INVALID", "\(wrongUpdate.text)")
        #expect(objectType.status == 400, "\(objectType.text)")
        #expect(listed.map(\.name) == ["Retries"] && listed.first?.value == "3")
    }

    @Test func deletingAnEnvironmentTakesItsVariablesAndTheReferencesToIt() async throws {
        let (deleted, references, recreated) = try await ConfigurationServerFixture.with { server in
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
            _ = try await server.admin.setVariable(folder: "Finance", environment: "Prod", name: "Region", value: "emea")
            try await server.admin.createEnvironmentReference(folder: "Finance", project: "Warehouse", environment: "Prod")
            let deleted = try await server.raw("DELETE", Self.environments + "/Prod")
            let references = try await server.admin.allEnvironmentReferences(folder: "Finance", project: "Warehouse")
            _ = try await server.admin.createEnvironment(folder: "Finance", name: "Prod")
            return (deleted, references, try await server.admin.allVariables(folder: "Finance", environment: "Prod"))
        }
        #expect(deleted.status == 204, "\(deleted.text)")
        #expect(references.isEmpty)
        #expect(recreated.isEmpty)
    }
}

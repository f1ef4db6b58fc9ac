import Foundation
import SluiceCatalog
import SluiceCatalogClient
import Testing

/// The parameter operations against a real server on loopback and a SQLite catalog: listed after
/// a deploy, values set and cleared, a sensitive value never answered nor stored in clear, and
/// refusals that change nothing.
@Suite struct ParameterHandlerTests {
    static let path = "/api/v1/folders/Finance/projects/Warehouse"

    @Test func parametersAreListedAfterADeployProjectFirstThenEachPackage() async throws {
        let listed = try await ConfigurationServerFixture.with { server in
            try await server.admin.allParameters(folder: "Finance", project: "Warehouse", pageSize: 1)
        }
        #expect(listed.map { "\($0.package ?? "-")/\($0.name)" } == ["-/Region", "-/Retries", "Load/BatchSize", "Load/Password"])
        let region = try #require(listed.first)
        #expect(region.scope == .project && region.required && region._type == .dtWstr && region.designValue == "emea")
        #expect(region.description == "Where" && !region.valueSet && region.value == nil)
        let password = try #require(listed.last)
        #expect(password.scope == .package && password.sensitive && password.designValue == nil && !password.valueSet)
    }

    @Test func settingAndClearingValuesShowsInTheList() async throws {
        let (set, referenced, listed, cleared) = try await ConfigurationServerFixture.with { server in
            let set = try await server.admin.setParameterValue(folder: "Finance", project: "Warehouse", parameter: "Region", to: .literal("apac"))
            let referenced = try await server.admin.setParameterValue(
                folder: "Finance", project: "Warehouse", package: "Load", parameter: "BatchSize", to: .referenced(variable: "Size"))
            let listed = try await server.admin.allParameters(folder: "Finance", project: "Warehouse")
            try await server.admin.clearParameterValue(folder: "Finance", project: "Warehouse", parameter: "Region")
            try await server.admin.clearParameterValue(folder: "Finance", project: "Warehouse", package: "Load", parameter: "BatchSize")
            // Clearing an unset value is no error.
            try await server.admin.clearParameterValue(folder: "Finance", project: "Warehouse", parameter: "Region")
            return (set, referenced, listed, try await server.admin.allParameters(folder: "Finance", project: "Warehouse"))
        }
        #expect(set.valueSet && set.valueKind == .literal && set.value == "apac")
        #expect(referenced.valueKind == .referenced && referenced.variable == "Size" && referenced.value == nil)
        #expect(listed.first { $0.name == "Region" }?.value == "apac")
        #expect(listed.first { $0.name == "BatchSize" }?.variable == "Size")
        #expect(cleared.allSatisfy { !$0.valueSet && $0.value == nil && $0.variable == nil })
    }

    @Test func aSensitiveValueIsStoredSealedAndNeverAnswered() async throws {
        let secret = "hunter2-Sealed-7f3a9c"
        let (answer, listed, rawList, fileBytes, resolved) = try await ConfigurationServerFixture.with { server in
            let answer = try await server.raw(
                "PUT", Self.path + "/packages/Load/parameters/Password", json: #"{"kind": "literal", "value": "\#(secret)"}"#)
            let listed = try await server.admin.allParameters(folder: "Finance", project: "Warehouse")
            let rawList = try await server.raw("GET", Self.path + "/parameters")
            let resolved = try await server.store.resolvedParameterValue(parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance")
            return (answer, listed, rawList, try server.catalogFileBytes(), resolved)
        }
        #expect(answer.status == 200, "\(answer.text)")
        #expect(answer.flag("sensitive") == true && answer.flag("valueSet") == true && answer.member("value") == nil, "\(answer.text)")
        let password = try #require(listed.first { $0.name == "Password" })
        #expect(password.sensitive && password.valueSet && password.valueKind == .literal && password.value == nil)
        #expect(!answer.body.contains(secret) && !rawList.body.contains(secret))
        #expect(!fileBytes.isEmpty && !fileBytes.contains(secret))
        // It was stored: the executor's call opens it.
        #expect(resolved == .literal(secret))
    }

    @Test func aValueOfTheWrongTypeIsRefusedWithACodeAndNothingChanges() async throws {
        let (mismatch, wrongShape, missing, badName, after) = try await ConfigurationServerFixture.with { server in
            let mismatch = try await server.raw("PUT", Self.path + "/parameters/Retries", json: #"{"kind": "literal", "value": "many"}"#)
            let wrongShape = try await server.raw(
                "PUT", Self.path + "/parameters/Retries", json: #"{"kind": "literal", "value": "4", "variable": "Count"}"#)
            let missing = try await server.raw("PUT", Self.path + "/parameters/Nowhere", json: #"{"kind": "literal", "value": "4"}"#)
            let badName = try await server.raw("PUT", Self.path + "/parameters/Retries", json: #"{"kind": "referenced", "variable": "not a name"}"#)
            return (mismatch, wrongShape, missing, badName, try await server.admin.allParameters(folder: "Finance", project: "Warehouse"))
        }
        #expect(mismatch.status == 422 && mismatch.member("name") == "SLUICE_E_CATALOG_VALUE_INVALID", "\(mismatch.text)")
        #expect(wrongShape.status == 422 && wrongShape.member("name") == "SLUICE_E_CATALOG_PARAMETER_VALUE_REQUEST_INVALID", "\(wrongShape.text)")
        #expect(missing.status == 404 && missing.member("name") == "SLUICE_E_CATALOG_PARAMETER_NOT_FOUND", "\(missing.text)")
        #expect(badName.status == 400 && badName.member("name") == "SLUICE_E_CATALOG_PARAMETER_NAME_INVALID", "\(badName.text)")
        #expect(after.allSatisfy { !$0.valueSet })
    }

    @Test func aPackageWriterMaySetItsPackagesValuesButAReaderMayNot() async throws {
        let (writer, reader, after) = try await ConfigurationServerFixture.with { server in
            let writerToken = try await server.user("wanda")
            let readerToken = try await server.user("rory")
            try await server.store.setRoles(
                of: .package(folder: "Finance", project: "Warehouse", package: "Load"), readers: ["rory"], writers: ["wanda"], by: "admin")
            let body = #"{"kind": "literal", "value": "250"}"#
            let writer = try await server.raw("PUT", Self.path + "/packages/Load/parameters/BatchSize", json: body, token: writerToken)
            let reader = try await server.raw("PUT", Self.path + "/packages/Load/parameters/BatchSize", json: #"{"kind": "literal", "value": "1"}"#, token: readerToken)
            return (writer, reader, try await server.admin.allParameters(folder: "Finance", project: "Warehouse"))
        }
        #expect(writer.status == 200, "\(writer.text)")
        #expect(reader.status == 403 && reader.member("name") == "SLUICE_E_CATALOG_FORBIDDEN", "\(reader.text)")
        #expect(after.first { $0.name == "BatchSize" }?.value == "250")
    }
}

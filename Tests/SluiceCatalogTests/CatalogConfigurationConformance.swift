import Foundation
import SluiceCatalog
import SluiceCore
import Testing

/// What every `CatalogConfigurationStore` backend must do, written against the protocol only:
/// a backend's suite passes its factory and calls each check (SQLiteConfigurationTests does).
struct CatalogConfigurationConformance: Sendable {
    let make: @Sendable () async throws -> any CatalogConfigurationStore
    let directory: URL

    /// A store with folder Finance holding project Warehouse (the fixture's parameters).
    func deployed() async throws -> any CatalogConfigurationStore {
        let store = try await make()
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogConfigurationFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        return store
    }

    func parameter(_ store: any CatalogConfigurationStore, _ name: String) async throws -> CatalogParameter? {
        try await store.parameters(ofProject: "Warehouse", inFolder: "Finance").first { $0.name == name }
    }

    // MARK: Parameters

    func parametersAreListedWithDesignAndServerValuesSetAndCleared() async throws {
        let store = try await deployed()
        let listed = try await store.parameters(ofProject: "Warehouse", inFolder: "Finance")
        #expect(listed.map(\.name) == ["Region", "Retries", "BatchSize", "Password"])
        #expect(listed.map(\.scope) == [.project, .project, .package, .package])
        #expect(listed[2].package == "Load" && listed[2].type == .i4 && listed[2].designValue == "100")
        #expect(listed[0].required && listed[0].description == "Where" && listed[0].designValue == "emea" && !listed[0].valueSet)
        #expect(listed[3].sensitive && listed[3].designValue == nil)

        let region = try await store.setParameterValue(.literal("apac"), parameter: "Region", package: nil, project: "warehouse", inFolder: "FINANCE", by: "bob")
        #expect(region.serverValue == .literal("apac") && region.valueSet)
        try await store.setParameterValue(.literal("500"), parameter: "BatchSize", package: "load", project: "Warehouse", inFolder: "Finance", by: "bob")
        try await store.setParameterValue(.referenced(variable: "DbPassword"), parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance", by: "bob")
        #expect(try await parameter(store, "BatchSize")?.serverValue == .literal("500"))
        #expect(try await parameter(store, "Password")?.serverValue == .referenced(variable: "DbPassword"))
        // Setting again replaces.
        try await store.setParameterValue(.literal("us"), parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance", by: "bob")
        #expect(try await parameter(store, "Region")?.serverValue == .literal("us"))

        let cleared = try await store.clearParameterValue(parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance", by: "bob")
        #expect(!cleared.valueSet && cleared.designValue == "emea")
        // Clearing an unset value is not an error.
        try await store.clearParameterValue(parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance", by: "bob")
        #expect(try await parameter(store, "BatchSize")?.serverValue == .literal("500"))

        let log = try await store.operations(CatalogOperationFilter(caller: "bob"))
        #expect(log.map(\.kind) == [.clearParameterValue, .clearParameterValue, .setParameterValue, .setParameterValue, .setParameterValue, .setParameterValue])
        #expect(log.allSatisfy { $0.outcome == .succeeded })
        #expect(log.map(\.objectType).contains(.package) && log.first?.objectType == .project)
    }

    func aValueThatDoesNotConvertOrNamesNothingIsRefusedAndNothingChanges() async throws {
        let store = try await deployed()
        try await store.setParameterValue(.literal("7"), parameter: "Retries", package: nil, project: "Warehouse", inFolder: "Finance", by: "bob")
        let before = try await store.parameters(ofProject: "Warehouse", inFolder: "Finance")
        let set = { (value: CatalogParameterValue, name: String, package: String?) in
            try await store.setParameterValue(value, parameter: name, package: package, project: "Warehouse", inFolder: "Finance", by: "bob")
        }
        try await expectCode(.catalogValueInvalid, "a word for DT_I4") { _ = try await set(.literal("lots"), "Retries", nil) }
        try await expectCode(.catalogValueInvalid, "out of DT_I4's range") { _ = try await set(.literal("99999999999"), "Retries", nil) }
        try await expectCode(.catalogValueInvalid, "too long") { _ = try await set(.literal(String(repeating: "x", count: 65537)), "Region", nil) }
        try await expectCode(.catalogParameterNotFound, "no such parameter") { _ = try await set(.literal("1"), "Nothing", nil) }
        try await expectCode(.catalogParameterNotFound, "a package's parameter on the project") { _ = try await set(.literal("1"), "BatchSize", nil) }
        try await expectCode(.catalogPackageNotFound, "no such package") { _ = try await set(.literal("1"), "BatchSize", "Nope") }
        for hostile in ["1abc", "a-b", "a b", "x'; DROP TABLE folder; --", "", "a\u{0}b", String(repeating: "a", count: 129)] {
            try await expectCode(.catalogParameterNameInvalid, "parameter \(hostile.prefix(20))") { _ = try await set(.literal("1"), hostile, nil) }
            try await expectCode(.catalogParameterNameInvalid, "variable \(hostile.prefix(20))") {
                _ = try await set(.referenced(variable: hostile), "Retries", nil)
            }
        }
        #expect(try await store.parameters(ofProject: "Warehouse", inFolder: "Finance") == before)
        let failed = try await store.operations(CatalogOperationFilter(kind: .setParameterValue, outcome: .failed))
        #expect(failed.count == 20 && failed.allSatisfy { $0.errorCode != nil })
    }

    func aRedeployKeepsTheValuesOfKeptParametersAndDropsTheRest() async throws {
        let store = try await deployed()
        for (name, value) in [("Region", "apac"), ("Retries", "9")] {
            try await store.setParameterValue(.literal(value), parameter: name, package: nil, project: "Warehouse", inFolder: "Finance", by: "bob")
        }
        try await store.setParameterValue(.literal("500"), parameter: "BatchSize", package: "Load", project: "Warehouse", inFolder: "Finance", by: "bob")
        // Version 2: Retries is gone, BatchSize is now text.
        let second = try CatalogConfigurationFixture.archive(
            project: [CatalogConfigurationFixture.projectParameters[0]],
            load: [Parameter("BatchSize", type: .wstr, value: .string("big")), CatalogConfigurationFixture.loadParameters[1]], in: directory)
        try await store.deployProject(second, as: "Warehouse", into: "Finance", by: "alice")
        let listed = try await store.parameters(ofProject: "Warehouse", inFolder: "Finance")
        #expect(listed.map(\.name) == ["Region", "BatchSize", "Password"])
        #expect(listed[0].serverValue == .literal("apac"))
        #expect(listed[1].type == .wstr && listed[1].serverValue == nil)
        // Restoring version 1 (BatchSize DT_I4) does not show a DT_WSTR value as its own.
        try await store.setParameterValue(.literal("big"), parameter: "BatchSize", package: "Load", project: "Warehouse", inFolder: "Finance", by: "bob")
        let first = try #require(try await store.projectVersions(of: "Warehouse", inFolder: "Finance").last).number
        try await store.restoreProject("Warehouse", inFolder: "Finance", version: first, by: "alice")
        #expect(try await parameter(store, "BatchSize")?.serverValue == nil)
        #expect(try await store.resolvedParameterValue(parameter: "BatchSize", package: "Load", project: "Warehouse", inFolder: "Finance") == nil)
        // Version 3 brings Retries back: its old value went with version 2.
        try await store.deployProject(try CatalogConfigurationFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(try await parameter(store, "Retries")?.serverValue == nil)
        #expect(try await parameter(store, "Region")?.serverValue == .literal("apac"))
    }

    func sensitiveValuesAreNeverListedNorLoggedAndResolveOnlyForTheExecutor() async throws {
        let store = try await deployed()
        let secret = "hunter2-\(UUID().uuidString)"
        let set = try await store.setParameterValue(.literal(secret), parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance", by: "bob")
        #expect(set.sensitive && set.valueSet && set.serverValue == .literal(nil))
        #expect(try await parameter(store, "Password")?.serverValue == .literal(nil))
        #expect(try await store.resolvedParameterValue(parameter: "Password", package: "Load", project: "Warehouse", inFolder: "Finance") == .literal(secret))
        #expect(try await store.resolvedParameterValue(parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance") == nil)

        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "bob")
        let (variable, created) = try await store.setEnvironmentVariable(
            "DbPassword", CatalogVariableDefinition(type: .wstr, value: secret, sensitive: true), inEnvironment: "Prod", inFolder: "Finance", by: "bob")
        #expect(created && variable.sensitive && variable.value == nil && variable.valueSet)
        #expect(try await store.environmentVariables(inEnvironment: "Prod", inFolder: "Finance").first?.value == nil)
        #expect(try await store.resolvedVariableValue("dbpassword", inEnvironment: "Prod", inFolder: "Finance") == secret)

        // A sensitive value that does not convert: the refusal does not quote it.
        try await store.setEnvironmentVariable("Pin", CatalogVariableDefinition(type: .i4, value: "1", sensitive: true), inEnvironment: "Prod", inFolder: "Finance", by: "bob")
        do {
            try await store.updateEnvironmentVariable("Pin", CatalogVariableUpdate(value: secret), inEnvironment: "Prod", inFolder: "Finance", by: "bob")
            Issue.record("a text for DT_I4 was taken")
        } catch let error as SluiceError {
            #expect(error.message == .catalogValueInvalid && !error.text.contains(secret))
        }
        let log = try await store.operations(CatalogOperationFilter())
        #expect(log.count > 4 && !log.contains { $0.detail.contains(secret) || $0.objectName.contains(secret) })
    }

    // MARK: Environments and variables

    func environmentsAreCreatedRenamedDescribedListedAndDeleted() async throws {
        let store = try await deployed()
        let prod = try await store.createEnvironment("Prod", inFolder: "finance", description: "Production", by: "alice")
        #expect(prod.folder == "Finance" && prod.name == "Prod" && prod.description == "Production" && prod.createdBy == "alice")
        try await store.createEnvironment("Dev", inFolder: "Finance", description: "", by: "alice")
        try await expectCode(.catalogEnvironmentExists) { try await store.createEnvironment("PROD", inFolder: "Finance", description: "", by: "alice") }
        try await expectCode(.catalogFolderNotFound) { try await store.createEnvironment("X", inFolder: "Nowhere", description: "", by: "alice") }
        #expect(try await store.environments(inFolder: "Finance").map(\.name) == ["Dev", "Prod"])
        let renamed = try await store.renameEnvironment("prod", inFolder: "Finance", to: "Production", by: "alice")
        #expect(renamed.id == prod.id && renamed.name == "Production")
        try await expectCode(.catalogEnvironmentExists) { try await store.renameEnvironment("Dev", inFolder: "Finance", to: "production", by: "alice") }
        let described = try await store.setEnvironmentDescription("Production", inFolder: "Finance", "Live", by: "alice")
        #expect(described.description == "Live")
        #expect(try await store.environment("PRODUCTION", inFolder: "Finance") == described)
        #expect(try await store.environment("Prod", inFolder: "Finance") == nil)
        try await store.deleteEnvironment("Dev", inFolder: "Finance", force: false, by: "alice")
        try await expectCode(.catalogEnvironmentNotFound) { try await store.deleteEnvironment("Dev", inFolder: "Finance", force: false, by: "alice") }
        #expect(try await store.environments(inFolder: "Finance").map(\.name) == ["Production"])
        let kinds = try await store.operations(CatalogOperationFilter(objectType: .environment, outcome: .succeeded)).map(\.kind)
        #expect(kinds == [.deleteEnvironment, .setEnvironmentDescription, .renameEnvironment, .createEnvironment, .createEnvironment])
    }

    func variablesAreSetReplacedUpdatedListedAndDeleted() async throws {
        let store = try await deployed()
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        let variable = { (name: String, type: DataType, value: String, sensitive: Bool) in
            try await store.setEnvironmentVariable(
                name, CatalogVariableDefinition(type: type, value: value, sensitive: sensitive, description: "d"),
                inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        }
        #expect(try await variable("Region", .wstr, "emea", false).created)
        #expect(try await variable("Size", .i4, "10", false).created)
        let replaced = try await variable("size", .i8, "10000000000", false)
        #expect(!replaced.created && replaced.variable.type == .i8 && replaced.variable.value == "10000000000")
        try await expectCode(.catalogValueInvalid) { _ = try await variable("Flag", .bool, "maybe", false) }
        try await expectCode(.catalogValueInvalid) { _ = try await variable("Blob", .bytes, "0xABC", false) }
        try await expectCode(.catalogParameterNameInvalid) { _ = try await variable("bad name", .wstr, "x", false) }
        try await expectCode(.catalogEnvironmentNotFound) {
            _ = try await store.setEnvironmentVariable("A", CatalogVariableDefinition(type: .wstr, value: "x"), inEnvironment: "Dev", inFolder: "Finance", by: "alice")
        }

        let update = { (name: String, change: CatalogVariableUpdate) in
            try await store.updateEnvironmentVariable(name, change, inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        }
        #expect(try await update("Region", CatalogVariableUpdate(description: "Where")).description == "Where")
        try await expectCode(.catalogValueInvalid) { _ = try await update("Size", CatalogVariableUpdate(value: "ten")) }
        // Plain to sensitive hides the value; back needs a new value.
        let hidden = try await update("Region", CatalogVariableUpdate(sensitive: true))
        #expect(hidden.sensitive && hidden.value == nil)
        #expect(try await store.resolvedVariableValue("Region", inEnvironment: "Prod", inFolder: "Finance") == "emea")
        try await expectCode(.catalogVariableUnprotectNeedsValue) { _ = try await update("Region", CatalogVariableUpdate(sensitive: false)) }
        let shown = try await update("Region", CatalogVariableUpdate(sensitive: false, value: "apac"))
        #expect(!shown.sensitive && shown.value == "apac")
        try await expectCode(.catalogVariableNotFound) { _ = try await update("Nope", CatalogVariableUpdate(value: "1")) }

        let listed = try await store.environmentVariables(inEnvironment: "Prod", inFolder: "Finance")
        #expect(listed.map(\.name) == ["Region", "size"] && listed.map(\.description) == ["Where", "d"])
        try await store.deleteEnvironmentVariable("SIZE", inEnvironment: "Prod", inFolder: "Finance", by: "alice")
        try await expectCode(.catalogVariableNotFound) { try await store.deleteEnvironmentVariable("Size", inEnvironment: "Prod", inFolder: "Finance", by: "alice") }
        #expect(try await store.environmentVariables(inEnvironment: "Prod", inFolder: "Finance").map(\.name) == ["Region"])
    }

    func hostileEnvironmentNamesAreRefusedAndNothingChanges() async throws {
        let store = try await deployed()
        for hostile in ["", " Prod", "Prod ", "@Prod", "a\u{0}b", "a\u{1B}[31m", "<x>", "a|b", "a\"b", String(repeating: "e", count: 129)] {
            try await expectCode(.catalogNameInvalid, hostile) { try await store.createEnvironment(hostile, inFolder: "Finance", description: "", by: "mallory") }
        }
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        try await expectCode(.catalogNameInvalid) { try await store.renameEnvironment("Prod", inFolder: "Finance", to: "a\u{7F}", by: "mallory") }
        try await expectCode(.catalogDescriptionInvalid) {
            try await store.createEnvironment("Dev", inFolder: "Finance", description: String(repeating: "d", count: 1025), by: "mallory")
        }
        #expect(try await store.environments(inFolder: "Finance").map(\.name) == ["Prod"])
        let failed = try await store.operations(CatalogOperationFilter(caller: "mallory"))
        #expect(failed.count == 12 && failed.allSatisfy { $0.outcome == .failed })
        #expect(!failed.contains { $0.objectName.unicodeScalars.contains { $0.properties.generalCategory == .control } })
    }

    // MARK: References

    func referencesAreRelativeOrAbsoluteAndFollowMovesAndRenames() async throws {
        let store = try await deployed()
        try await store.createFolder("Shared", description: "", by: "alice")
        try await store.createFolder("Archive", description: "", by: "alice")
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        try await store.createEnvironment("Prod", inFolder: "Archive", description: "", by: "alice")
        try await store.createEnvironment("Common", inFolder: "Shared", description: "", by: "alice")
        let relative = try await store.createEnvironmentReference(.relative(environment: "prod"), project: "Warehouse", inFolder: "Finance", by: "alice")
        #expect(relative.kind == .relative && relative.environment == "Prod" && relative.folder == nil)
        let absolute = try await store.createEnvironmentReference(
            .absolute(environment: "common", folder: "SHARED"), project: "Warehouse", inFolder: "Finance", by: "alice")
        #expect(absolute.kind == .absolute && absolute.environment == "Common" && absolute.folder == "Shared")
        try await expectCode(.catalogReferenceExists) {
            try await store.createEnvironmentReference(.relative(environment: "PROD"), project: "Warehouse", inFolder: "Finance", by: "alice")
        }
        try await expectCode(.catalogEnvironmentNotFound) {
            try await store.createEnvironmentReference(.relative(environment: "Common"), project: "Warehouse", inFolder: "Finance", by: "alice")
        }
        try await expectCode(.catalogFolderNotFound) {
            try await store.createEnvironmentReference(.absolute(environment: "Common", folder: "Nowhere"), project: "Warehouse", inFolder: "Finance", by: "alice")
        }
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Finance") == [relative, absolute])

        // Renames follow: the environment's, and the absolute reference's folder's.
        try await store.renameEnvironment("Common", inFolder: "Shared", to: "Everyone", by: "alice")
        try await store.renameFolder("Shared", to: "Public", by: "alice")
        let renamed = try await store.environmentReferences(project: "Warehouse", inFolder: "Finance")
        #expect(renamed.map(\.environment) == ["Prod", "Everyone"] && renamed.last?.folder == "Public")

        // A relative reference names an environment of the project's folder, whichever it is.
        try await store.moveProject("Warehouse", from: "Finance", to: "Archive", by: "alice")
        try await store.renameEnvironment("Prod", inFolder: "Archive", to: "Live", by: "alice")
        try await store.renameEnvironment("Prod", inFolder: "Finance", to: "Old", by: "alice")
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Archive").map(\.environment) == ["Live", "Everyone"])

        try await store.deleteEnvironmentReference(relative.id, project: "Warehouse", inFolder: "Archive", by: "alice")
        try await expectCode(.catalogReferenceNotFound) {
            try await store.deleteEnvironmentReference(relative.id, project: "Warehouse", inFolder: "Archive", by: "alice")
        }
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Archive") == [renamed[1]])
    }

    func anEnvironmentOrFolderInUseIsDeletedOnlyWhenForcedOrRecursive() async throws {
        let store = try await deployed()
        try await store.createFolder("Shared", description: "", by: "alice")
        try await store.createEnvironment("Common", inFolder: "Shared", description: "", by: "alice")
        try await store.setEnvironmentVariable("A", CatalogVariableDefinition(type: .wstr, value: "x"), inEnvironment: "Common", inFolder: "Shared", by: "alice")
        try await store.createEnvironmentReference(.absolute(environment: "Common", folder: "Shared"), project: "Warehouse", inFolder: "Finance", by: "alice")
        try await expectCode(.catalogEnvironmentReferenced) { try await store.deleteEnvironment("Common", inFolder: "Shared", force: false, by: "alice") }
        try await expectCode(.catalogFolderNotEmpty) { try await store.deleteFolder("Shared", recursive: false, by: "alice") }
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Finance").count == 1)
        #expect(try await store.environmentVariables(inEnvironment: "Common", inFolder: "Shared").count == 1)
        try await store.deleteEnvironment("Common", inFolder: "Shared", force: true, by: "alice")
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Finance").isEmpty)

        try await store.createEnvironment("Common", inFolder: "Shared", description: "", by: "alice")
        try await store.createEnvironmentReference(.absolute(environment: "Common", folder: "Shared"), project: "Warehouse", inFolder: "Finance", by: "alice")
        try await store.deleteFolder("Shared", recursive: true, by: "alice")
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Finance").isEmpty)
        #expect(try await store.folders().map(\.name) == ["Finance"])
    }

    func deletingAProjectDeletesItsValuesAndReferences() async throws {
        let store = try await deployed()
        try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
        try await store.createEnvironmentReference(.relative(environment: "Prod"), project: "Warehouse", inFolder: "Finance", by: "alice")
        try await store.setParameterValue(.literal("apac"), parameter: "Region", package: nil, project: "Warehouse", inFolder: "Finance", by: "alice")
        try await store.deleteProject("Warehouse", inFolder: "Finance", by: "alice")
        try await store.deployProject(try CatalogConfigurationFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        #expect(try await parameter(store, "Region")?.serverValue == nil)
        #expect(try await store.environmentReferences(project: "Warehouse", inFolder: "Finance").isEmpty)
        // The environment is the folder's, not the project's: it stays, now unreferenced.
        try await store.deleteEnvironment("Prod", inFolder: "Finance", force: false, by: "alice")
    }

    func expectCode(
        _ message: SluiceMessage, _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
            Issue.record("expected \(message.name), nothing was thrown \(label)", sourceLocation: sourceLocation)
        } catch let error as SluiceError {
            #expect(error.message == message, "\(label): \(error)", sourceLocation: sourceLocation)
        }
    }
}

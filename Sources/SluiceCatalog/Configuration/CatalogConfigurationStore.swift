import Foundation
import SluiceCore

/// The catalog's configuration: server values of project and package parameters,
/// environments with their variables, and projects' references to environments (SSISDB
/// `object_parameters`, `environments`, `environment_variables`, `environment_references`).
///
/// ```swift
/// let store = try SQLiteCatalogStore(path: "/var/lib/sluice/catalog.db")   // key file: catalog.db.key
/// try await store.createEnvironment("Prod", inFolder: "Finance", description: "", by: "alice")
/// try await store.setEnvironmentVariable(
///     "Password", CatalogVariableDefinition(type: .wstr, value: "s3cret", sensitive: true),
///     inEnvironment: "Prod", inFolder: "Finance", by: "alice")
/// try await store.createEnvironmentReference(.relative(environment: "Prod"), project: "Warehouse", inFolder: "Finance", by: "alice")
/// try await store.setParameterValue(
///     .referenced(variable: "Password"), parameter: "DbPassword", package: nil, project: "Warehouse", inFolder: "Finance", by: "alice")
/// ```
///
/// The rules, beyond ``CatalogStore``'s:
/// - A literal value is checked against the type (SluiceCore's text conversions) before it is
///   stored, and kept as text, as `sluice run --param` takes it.
/// - A sensitive value (of a sensitive parameter, or of a variable marked sensitive) is stored
///   sealed with AES-GCM under the catalog's key, and no list or get method returns it: they
///   say `sensitive` and `valueSet`. Only the `resolved…` methods, for the executor, open it.
/// - Server values are kept per project, package and parameter name; a redeploy keeps those of
///   parameters that still exist with the same type and sensitivity (SSIS), and drops the rest.
/// - References are kept by name, as SSISDB keeps them: a relative one names an environment of
///   the project's folder, whatever that folder is at run time, so it follows a moved project.
/// - Errors: `SLUICE_E_CATALOG_*` codes 80080-80099, and the store's own (80001-80049).
public protocol CatalogConfigurationStore: CatalogStore {
    // MARK: Parameters

    /// The parameters of the project's current version, the project's first (in file order),
    /// then each package's in the project's package order, with their server values.
    func parameters(ofProject project: String, inFolder folder: String) async throws -> [CatalogParameter]
    /// Sets the server value of the project's parameter (`package` nil) or of a package's.
    /// - Throws: `SLUICE_E_CATALOG_PARAMETER_NOT_FOUND`, `SLUICE_E_CATALOG_VALUE_INVALID` (a
    ///   literal that does not convert), `SLUICE_E_CATALOG_PARAMETER_NAME_INVALID`.
    @discardableResult
    func setParameterValue(
        _ value: CatalogParameterValue, parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter
    /// Clears the server value; the design value applies again. Clearing an unset value is not
    /// an error.
    @discardableResult
    func clearParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogParameter
    /// For the executor only: the server value in clear, a sensitive one decrypted; nil when
    /// none is set. Never return its result to a client.
    /// - Throws: `SLUICE_E_CATALOG_SECRET_UNREADABLE` for a sealed value that does not open.
    func resolvedParameterValue(
        parameter: String, package: String?, project: String, inFolder folder: String
    ) async throws -> CatalogParameterValue?

    // MARK: Environments

    @discardableResult
    func createEnvironment(_ name: String, inFolder folder: String, description: String, by caller: String) async throws -> CatalogEnvironment
    /// Renames the environment; references to it follow.
    @discardableResult
    func renameEnvironment(_ name: String, inFolder folder: String, to newName: String, by caller: String) async throws -> CatalogEnvironment
    @discardableResult
    func setEnvironmentDescription(
        _ name: String, inFolder folder: String, _ description: String, by caller: String
    ) async throws -> CatalogEnvironment
    /// The environment, nil when the folder has none of that name.
    func environment(_ name: String, inFolder folder: String) async throws -> CatalogEnvironment?
    /// The folder's environments, by name.
    func environments(inFolder folder: String) async throws -> [CatalogEnvironment]
    /// Deletes the environment and its variables. One that references point to is refused
    /// (`SLUICE_E_CATALOG_ENVIRONMENT_REFERENCED`, a conflict) unless `force`, which deletes
    /// those references with it (SSISDB `delete_environment` always does).
    func deleteEnvironment(_ name: String, inFolder folder: String, force: Bool, by caller: String) async throws

    // MARK: Environment variables

    /// Creates the variable, or replaces it whole (type included); `created` says which.
    @discardableResult
    func setEnvironmentVariable(
        _ name: String, _ definition: CatalogVariableDefinition, inEnvironment environment: String, inFolder folder: String, by caller: String
    ) async throws -> (variable: CatalogEnvironmentVariable, created: Bool)
    /// Changes the fields `update` gives. Making a sensitive variable plain needs a new value in
    /// the same update (`SLUICE_E_CATALOG_VARIABLE_UNPROTECT_NEEDS_VALUE`).
    @discardableResult
    func updateEnvironmentVariable(
        _ name: String, _ update: CatalogVariableUpdate, inEnvironment environment: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogEnvironmentVariable
    func deleteEnvironmentVariable(_ name: String, inEnvironment environment: String, inFolder folder: String, by caller: String) async throws
    /// The environment's variables, by name.
    func environmentVariables(inEnvironment environment: String, inFolder folder: String) async throws -> [CatalogEnvironmentVariable]
    /// For the executor only: the variable's value as text, a sensitive one decrypted. Never
    /// return it to a client.
    func resolvedVariableValue(_ name: String, inEnvironment environment: String, inFolder folder: String) async throws -> String

    // MARK: Environment references

    /// References an environment from the project; the environment must exist.
    /// - Throws: `SLUICE_E_CATALOG_ENVIRONMENT_NOT_FOUND`, `SLUICE_E_CATALOG_REFERENCE_EXISTS`.
    @discardableResult
    func createEnvironmentReference(
        _ target: CatalogReferenceTarget, project: String, inFolder folder: String, by caller: String
    ) async throws -> CatalogEnvironmentReference
    /// The project's references, in the order they were made.
    func environmentReferences(project: String, inFolder folder: String) async throws -> [CatalogEnvironmentReference]
    /// - Throws: `SLUICE_E_CATALOG_REFERENCE_NOT_FOUND`.
    func deleteEnvironmentReference(_ id: UUID, project: String, inFolder folder: String, by caller: String) async throws
}

import SluiceCatalogAPI
import SluiceCore

// The parameter, environment and reference operations this server does not answer yet (their stores or rules land in a later round):
// each is refused with 501 and SLUICE_E_CATALOG_NOT_IMPLEMENTED, after authorization as usual.
extension CatalogAPIHandler {
    func listParameters(_ input: Operations.ListParameters.Input) async throws -> Operations.ListParameters.Output { throw notImplemented("listParameters") }
    func setProjectParameterValue(_ input: Operations.SetProjectParameterValue.Input) async throws -> Operations.SetProjectParameterValue.Output { throw notImplemented("setProjectParameterValue") }
    func clearProjectParameterValue(_ input: Operations.ClearProjectParameterValue.Input) async throws -> Operations.ClearProjectParameterValue.Output { throw notImplemented("clearProjectParameterValue") }
    func setPackageParameterValue(_ input: Operations.SetPackageParameterValue.Input) async throws -> Operations.SetPackageParameterValue.Output { throw notImplemented("setPackageParameterValue") }
    func clearPackageParameterValue(_ input: Operations.ClearPackageParameterValue.Input) async throws -> Operations.ClearPackageParameterValue.Output { throw notImplemented("clearPackageParameterValue") }
    func listEnvironmentReferences(_ input: Operations.ListEnvironmentReferences.Input) async throws -> Operations.ListEnvironmentReferences.Output { throw notImplemented("listEnvironmentReferences") }
    func createEnvironmentReference(_ input: Operations.CreateEnvironmentReference.Input) async throws -> Operations.CreateEnvironmentReference.Output { throw notImplemented("createEnvironmentReference") }
    func deleteEnvironmentReference(_ input: Operations.DeleteEnvironmentReference.Input) async throws -> Operations.DeleteEnvironmentReference.Output { throw notImplemented("deleteEnvironmentReference") }
    func listEnvironments(_ input: Operations.ListEnvironments.Input) async throws -> Operations.ListEnvironments.Output { throw notImplemented("listEnvironments") }
    func createEnvironment(_ input: Operations.CreateEnvironment.Input) async throws -> Operations.CreateEnvironment.Output { throw notImplemented("createEnvironment") }
    func getEnvironment(_ input: Operations.GetEnvironment.Input) async throws -> Operations.GetEnvironment.Output { throw notImplemented("getEnvironment") }
    func updateEnvironment(_ input: Operations.UpdateEnvironment.Input) async throws -> Operations.UpdateEnvironment.Output { throw notImplemented("updateEnvironment") }
    func deleteEnvironment(_ input: Operations.DeleteEnvironment.Input) async throws -> Operations.DeleteEnvironment.Output { throw notImplemented("deleteEnvironment") }
    func renameEnvironment(_ input: Operations.RenameEnvironment.Input) async throws -> Operations.RenameEnvironment.Output { throw notImplemented("renameEnvironment") }
    func listEnvironmentVariables(_ input: Operations.ListEnvironmentVariables.Input) async throws -> Operations.ListEnvironmentVariables.Output { throw notImplemented("listEnvironmentVariables") }
    func updateEnvironmentVariable(_ input: Operations.UpdateEnvironmentVariable.Input) async throws -> Operations.UpdateEnvironmentVariable.Output { throw notImplemented("updateEnvironmentVariable") }
    func setEnvironmentVariable(_ input: Operations.SetEnvironmentVariable.Input) async throws -> Operations.SetEnvironmentVariable.Output { throw notImplemented("setEnvironmentVariable") }
    func deleteEnvironmentVariable(_ input: Operations.DeleteEnvironmentVariable.Input) async throws -> Operations.DeleteEnvironmentVariable.Output { throw notImplemented("deleteEnvironmentVariable") }
}

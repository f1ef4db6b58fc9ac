import SluiceCatalogAPI
import SluiceCore

extension CatalogAPIHandler {
    /// A refusal for an operation this server does not answer yet (501).
    func notImplemented(_ operation: String) -> SluiceError {
        SluiceError(.catalogNotImplemented, ["operation": operation])
    }
}

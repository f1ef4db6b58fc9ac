import CSluiceABI
import SluiceCBoundary

/// Turns a status and error buffer returned by a host service into a thrown ``PluginError``.
enum HostStatus {
    static func check(_ status: sluice_status, _ error: sluice_error, _ doing: @autoclosure () -> String) throws {
        guard status != SLUICE_OK else { return }
        let hostMessage = ErrorMessageBuffer.read(error)
        let message = hostMessage.isEmpty ? "\(doing()) failed (\(StatusName.of(status)))" : "\(doing()): \(hostMessage)"
        throw PluginError(PluginError.Status(rawValue: status), message, code: error.code)
    }
}

import CSluiceABI

/// The names of `sluice_status` values as the header spells them, for messages that quote a
/// status a plugin or the host returned.
package enum StatusName {
    /// `"SLUICE_E_NOT_FOUND"` for `SLUICE_E_NOT_FOUND`; `"unknown status"` for a value the
    /// header does not define.
    package static func of(_ status: sluice_status) -> String {
        switch status {
        case SLUICE_OK: "SLUICE_OK"
        case SLUICE_E_INVALID_ARGUMENT: "SLUICE_E_INVALID_ARGUMENT"
        case SLUICE_E_UNSUPPORTED: "SLUICE_E_UNSUPPORTED"
        case SLUICE_E_IO: "SLUICE_E_IO"
        case SLUICE_E_FAILED: "SLUICE_E_FAILED"
        case SLUICE_E_CANCELED: "SLUICE_E_CANCELED"
        case SLUICE_E_NOT_FOUND: "SLUICE_E_NOT_FOUND"
        case SLUICE_E_TYPE_MISMATCH: "SLUICE_E_TYPE_MISMATCH"
        case SLUICE_E_READ_ONLY: "SLUICE_E_READ_ONLY"
        case SLUICE_E_NO_MEMORY: "SLUICE_E_NO_MEMORY"
        case SLUICE_NO_MORE_ITEMS: "SLUICE_NO_MORE_ITEMS"
        default: "unknown status"
        }
    }
}

import CSluiceABI

/// An error a plugin task throws: a status for the host, a message, and an optional message code.
///
/// The SDK turns it into the `sluice_status` the C function returns and writes the message into the
/// caller's `sluice_error` buffer (cut to `SLUICE_ERROR_MESSAGE_SIZE - 1` bytes on a character
/// boundary). Any other error a task throws is reported as ``Status/failed`` with its description,
/// and `CancellationError` as ``Status/canceled``.
///
/// ```swift
/// guard !variable.isEmpty else {
///     throw PluginError(.failed, "property 'variable' must name a variable, like User::Greeting")
/// }
/// if context.isCanceled { throw PluginError(.canceled, "canceled at step 2 of 4") }
/// ```
public struct PluginError: Error, Sendable {
    /// The status returned to the host (a `sluice_status`).
    public var status: Status
    /// A UTF-8 message for people; the SDK truncates it to fit the ABI buffer.
    public var message: String
    /// A Sluice message code (see `sluice errors`), or 0 for "no specific code".
    public var code: Int32
    /// The error that led to this one, if any; kept for Swift callers, not sent to the host.
    public var cause: (any Error)?

    /// Makes an error.
    ///
    /// - Parameters:
    ///   - status: The status to return; ``Status/ok`` is reported as ``Status/failed``.
    ///   - message: What went wrong.
    ///   - code: A Sluice message code, or 0.
    ///   - cause: The underlying error, if any.
    public init(_ status: Status, _ message: String, code: Int32 = 0, cause: (any Error)? = nil) {
        self.status = status
        self.message = message
        self.code = code
        self.cause = cause
    }
}

extension PluginError {
    /// A `sluice_status` value; new statuses can be added without breaking code that switches on it.
    ///
    /// ```swift
    /// throw PluginError(.notFound, "no connection named 'Warehouse'")
    /// ```
    public struct Status: RawRepresentable, Hashable, Sendable {
        /// The `sluice_status` number.
        public var rawValue: Int32

        /// Wraps a `sluice_status` number, including ones this SDK does not name.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// `SLUICE_OK`: success (never thrown; reported as ``failed`` if it is).
        public static let ok = Status(rawValue: SLUICE_OK)
        /// `SLUICE_E_INVALID_ARGUMENT`: a bad argument or property value.
        public static let invalidArgument = Status(rawValue: SLUICE_E_INVALID_ARGUMENT)
        /// `SLUICE_E_UNSUPPORTED`: the operation is not implemented by this side.
        public static let unsupported = Status(rawValue: SLUICE_E_UNSUPPORTED)
        /// `SLUICE_E_IO`: a file, process or network operation failed.
        public static let io = Status(rawValue: SLUICE_E_IO)
        /// `SLUICE_E_FAILED`: the component's own logic failed (validation, execution).
        public static let failed = Status(rawValue: SLUICE_E_FAILED)
        /// `SLUICE_E_CANCELED`: the run was canceled while the call was in progress.
        public static let canceled = Status(rawValue: SLUICE_E_CANCELED)
        /// `SLUICE_NO_MORE_ITEMS`: an enumerator's `next` has no more items (its normal end).
        public static let noMoreItems = Status(rawValue: SLUICE_NO_MORE_ITEMS)
        /// `SLUICE_E_NOT_FOUND`: a variable, connection or property does not exist.
        public static let notFound = Status(rawValue: SLUICE_E_NOT_FOUND)
        /// `SLUICE_E_TYPE_MISMATCH`: a value of the wrong type.
        public static let typeMismatch = Status(rawValue: SLUICE_E_TYPE_MISMATCH)
        /// `SLUICE_E_READ_ONLY`: a write to a read-only variable.
        public static let readOnly = Status(rawValue: SLUICE_E_READ_ONLY)
        /// `SLUICE_E_NO_MEMORY`: an allocation failed.
        public static let noMemory = Status(rawValue: SLUICE_E_NO_MEMORY)
    }
}

extension PluginError: CustomStringConvertible {
    /// The message, prefixed with the status: `failed: property 'variable' is empty`.
    public var description: String { "\(status): \(message)" }
}

extension PluginError.Status: CustomStringConvertible {
    /// The status name, as in the C header without `SLUICE_E_`: `notFound`, or `status 42`.
    public var description: String {
        switch self {
        case .ok: return "ok"
        case .invalidArgument: return "invalidArgument"
        case .unsupported: return "unsupported"
        case .io: return "io"
        case .failed: return "failed"
        case .canceled: return "canceled"
        case .notFound: return "notFound"
        case .typeMismatch: return "typeMismatch"
        case .readOnly: return "readOnly"
        case .noMemory: return "noMemory"
        case .noMoreItems: return "noMoreItems"
        default: return "status \(rawValue)"
        }
    }
}

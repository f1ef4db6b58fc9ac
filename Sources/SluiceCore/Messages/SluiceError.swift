/// The error type of Sluice: a message from the reference, its inserts and an optional cause.
///
/// ```swift
/// throw SluiceError(.variableReadOnly, ["name": "System::PackageName"])
/// ```
///
/// Match on the message: `catch let e as SluiceError where e.message == .variableReadOnly`.
public struct SluiceError: Error, Sendable, CustomStringConvertible {
    public let message: SluiceMessage
    public let inserts: [String: String]
    /// The lower-level error that led to this one, if any.
    public let cause: (any Error)?

    public init(_ message: SluiceMessage, _ inserts: [String: String] = [:], cause: (any Error)? = nil) {
        self.message = message
        self.inserts = inserts
        self.cause = cause
    }

    /// The numeric code of the message (stable).
    public var code: Int32 { message.code }
    /// The symbolic name of the message (stable).
    public var name: String { message.name }
    /// The message text with its inserts filled in.
    public var text: String { message.render(inserts) }

    public var description: String { "\(message.name) (\(message.code)): \(text)" }
}

extension SluiceError {
    /// Wraps any error as a ``SluiceError``, keeping one that already is.
    public static func wrapping(_ error: any Error, as message: SluiceMessage, _ inserts: [String: String] = [:])
        -> SluiceError
    {
        if let sluice = error as? SluiceError { return sluice }
        var all = inserts
        if all["reason"] == nil { all["reason"] = String(describing: error) }
        return SluiceError(message, all, cause: error)
    }
}

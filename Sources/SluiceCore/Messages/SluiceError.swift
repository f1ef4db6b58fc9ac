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
    /// The code a plugin gave its own failure (`sluice_error.code`, see ``PluginCodes``): the
    /// events raised for this error carry it instead of the message's code.
    public var pluginCode: Int32?

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

    public var description: String {
        let own = pluginCode.map { " [plugin code \($0)]" } ?? ""
        return "\(message.name) (\(message.code)): \(text)\(own)"
    }

    /// The code an event raised for this error carries: the plugin's own, else the message's.
    public var eventCode: Int32 { pluginCode ?? code }
}

/// The codes a plugin may give its failures in `sluice_error.code`: its own, in a range the
/// host never uses, or a code of Sluice's message reference. Anything else is ignored.
public enum PluginCodes {
    /// Reserved for plugins' own failures (the host's codes are five digits).
    public static let ownRange: ClosedRange<Int32> = 100_000...199_999

    /// `code` when a plugin may report it, else nil (0 means "no specific code").
    public static func accepted(_ code: Int32) -> Int32? {
        if ownRange.contains(code) { return code }
        return code != 0 && MessageCatalog.all.contains { $0.code == code } ? code : nil
    }
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

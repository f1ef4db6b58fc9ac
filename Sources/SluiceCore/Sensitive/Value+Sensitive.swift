import Foundation

extension Value {
    /// ``parse(_:as:)`` for a value that may be sensitive: a refusal of a sensitive text says
    /// `(sensitive)` where it would quote it, so a wrong secret is not shown either.
    /// - Throws: what ``parse(_:as:)`` throws, without the text when `sensitive`.
    public static func parse(_ text: String, as type: DataType, sensitive: Bool) throws -> Value {
        guard sensitive else { return try parse(text, as: type) }
        do {
            return try parse(text, as: type)
        } catch let error as SluiceError {
            throw error.hiding(text)
        }
    }
}

extension SluiceError {
    /// The error with its `value` insert (the value a conversion refused) replaced by
    /// `(sensitive)`: for an error of an expression computed from a sensitive value, which may
    /// quote a derivation of it that no redactor knows.
    public func hidingValue() -> SluiceError {
        guard inserts["value"] != nil else { return self }
        var hidden = SluiceError(message, inserts.merging(["value": "(sensitive)"]) { $1 })
        hidden.pluginCode = pluginCode
        return hidden
    }

    /// The error without the sensitive `text`: the `value` insert becomes `(sensitive)` and the
    /// text is masked in every other insert (a reason may quote part of it). The cause is
    /// dropped, since it may quote the text too.
    public func hiding(_ text: String) -> SluiceError {
        var inserts = inserts
        for (key, insert) in inserts {
            inserts[key] = key == "value" ? "(sensitive)" : text.isEmpty ? insert : insert.replacingOccurrences(of: text, with: SensitiveTexts.mask)
        }
        var hidden = SluiceError(message, inserts)
        hidden.pluginCode = pluginCode
        return hidden
    }
}

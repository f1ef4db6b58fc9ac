import SluiceCore

/// Checks the stock tasks share beyond what the registry already checked (presence and type).
extension ResolvedProperties {
    /// A string property, treating an empty string as absent: tools that write every property
    /// write "" for one the user left unset.
    func nonEmptyString(_ name: String) -> String? {
        guard let text = optionalString(name), !text.isEmpty else { return nil }
        return text
    }

    /// An integer property that must not be negative.
    /// - Throws: `SLUICE_E_PROPERTY_TYPE` when it is.
    func nonNegativeInt(_ name: String, default defaultValue: Int64) throws -> Int64 {
        let value = optionalInt(name) ?? defaultValue
        guard value >= 0 else { throw wrongValue(name, expected: "zero or more", found: String(value)) }
        return value
    }

    /// `SLUICE_E_PROPERTY_TYPE` for a property whose value has the right type but is not allowed.
    func wrongValue(_ name: String, expected: String, found: String) -> SluiceError {
        SluiceError(.propertyType, ["property": name, "executable": owner, "type": expected, "found": found])
    }

    /// `SLUICE_E_PACKAGE_FIELD_INVALID` for properties that contradict each other.
    func invalid(_ name: String, _ reason: String) -> SluiceError {
        SluiceError(.packageFieldInvalid, ["location": "\(owner).properties.\(name)", "reason": reason])
    }
}

import SluiceCore

/// Checks an executable's properties against its component's declarations: unknown names,
/// missing required values and wrong types are errors; defaults fill the gaps.
public enum PropertyResolver {
    /// - Throws: `SLUICE_E_PROPERTY_UNKNOWN`, `SLUICE_E_PROPERTY_REQUIRED`, `SLUICE_E_PROPERTY_TYPE`.
    public static func resolve(_ properties: JSONObject, for descriptor: ComponentDescriptor, owner: String) throws
        -> ResolvedProperties
    {
        var values: [String: JSONValue] = [:]
        for (name, raw) in properties.entries {
            guard let spec = descriptor.property(named: name) else {
                throw SluiceError(.propertyUnknown, ["executable": owner, "component": descriptor.id, "property": name])
            }
            if case .null = raw { continue }
            guard let value = spec.kind.coerce(raw) else {
                throw SluiceError(.propertyType, [
                    "property": name, "executable": owner, "type": spec.kind.rawValue, "found": raw.typeName,
                ])
            }
            values[name] = value
        }
        for spec in descriptor.properties where values[spec.name] == nil {
            if let def = spec.defaultValue {
                values[spec.name] = spec.kind.coerce(def) ?? def
            } else if spec.required {
                throw SluiceError(.propertyRequired, ["property": spec.name, "executable": owner])
            }
        }
        return ResolvedProperties(values, owner: owner)
    }
}

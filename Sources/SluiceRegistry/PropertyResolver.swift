import SluiceCore

/// Checks an executable's properties against its component's declarations: unknown names,
/// missing required values and wrong types are errors; defaults fill the gaps.
public enum PropertyResolver {
    /// - Throws: `SLUICE_E_PROPERTY_UNKNOWN`, `SLUICE_E_PROPERTY_REQUIRED`, `SLUICE_E_PROPERTY_TYPE`.
    public static func resolve(_ properties: JSONObject, for descriptor: ComponentDescriptor, owner: String) throws
        -> ResolvedProperties
    {
        // Runs once per task and run, so it avoids needless hashing: the dictionary is made at
        // its final size, and which declarations were given is kept by position (a bit each)
        // rather than looked up again by name. A package of thousands of tasks spent a fifth of
        // its validation here.
        let specs = descriptor.properties
        var values = [String: JSONValue](minimumCapacity: specs.count)
        var given: UInt64 = 0  // bit i: specs[i] has a value (positions past 63 are looked up)
        for (name, raw) in properties.entries {
            guard let i = specs.firstIndex(where: { $0.name == name }) else {
                throw SluiceError(.propertyUnknown, ["executable": owner, "component": descriptor.id, "property": name])
            }
            if case .null = raw { continue }
            guard let value = specs[i].kind.coerce(raw) else {
                throw SluiceError(.propertyType, [
                    "property": name, "executable": owner, "type": specs[i].kind.rawValue, "found": raw.typeName,
                ])
            }
            values[name] = value
            if i < 64 { given |= 1 << UInt64(i) }
        }
        for (i, spec) in specs.enumerated() where spec.defaultValue != nil || spec.required {
            if i < 64, given & (1 << UInt64(i)) != 0 { continue }
            // Still asked by name: two declarations of one name share a value.
            guard values[spec.name] == nil else { continue }
            if let def = spec.defaultValue {
                values[spec.name] = spec.kind.coerce(def) ?? def
            } else {
                throw SluiceError(.propertyRequired, ["property": spec.name, "executable": owner])
            }
        }
        return ResolvedProperties(values, owner: owner)
    }
}

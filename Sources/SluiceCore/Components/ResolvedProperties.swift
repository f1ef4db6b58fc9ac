/// A task's properties after the registry checked them against the component's declarations:
/// every required one is present, every value has its declared type, defaults are filled in.
///
/// ```swift
/// let command = try properties.string("executable")
/// let timeout = properties.optionalInt("timeoutSeconds") ?? 0
/// ```
public struct ResolvedProperties: Sendable {
    public let values: [String: JSONValue]
    /// The executable the properties belong to, for messages.
    public let owner: String

    public init(_ values: [String: JSONValue], owner: String) {
        self.values = values
        self.owner = owner
    }

    public subscript(name: String) -> JSONValue? { values[name] }

    public func optionalString(_ name: String) -> String? { values[name]?.stringValue }
    public func optionalInt(_ name: String) -> Int64? { values[name]?.intValue }
    public func optionalDouble(_ name: String) -> Double? { values[name]?.doubleValue }
    public func optionalBool(_ name: String) -> Bool? { values[name]?.boolValue }
    public func stringList(_ name: String) -> [String] { values[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    /// A string property; throws `SLUICE_E_PROPERTY_REQUIRED` when it has no value.
    public func string(_ name: String) throws -> String {
        guard let s = optionalString(name) else { throw SluiceError(.propertyRequired, ["property": name, "executable": owner]) }
        return s
    }

    public func bool(_ name: String, default def: Bool = false) -> Bool { optionalBool(name) ?? def }
}

extension PropertySpec.Kind {
    /// Coerces a JSON value (as written in a package or given by `--set`, which always gives
    /// text) to this kind, or nil when it cannot.
    public func coerce(_ v: JSONValue) -> JSONValue? {
        switch (self, v) {
        case (.string, .string): return v
        case (.string, .bool(let b)): return .string(String(b))
        case (.string, .int), (.string, .double), (.string, .number):
            return v.numberText.map(JSONValue.string)  // the number as written: every digit kept
        case (.integer, .int): return v
        case (.integer, .double), (.integer, .number): return v.intValue.map(JSONValue.int)
        case (.integer, .string(let s)): return Int64(s.trimmingCharacters(in: .whitespaces)).map(JSONValue.int)
        case (.real, .number): return v
        case (.real, .int), (.real, .double): return v.doubleValue.map(JSONValue.double)
        case (.real, .string(let s)): return JSONNumber(s.trimmingCharacters(in: .whitespaces)).map(JSONValue.number)
        case (.boolean, .bool): return v
        case (.boolean, .string(let s)):
            switch s.lowercased() {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        case (.stringList, .array(let items)): return items.allSatisfy { $0.stringValue != nil } ? v : nil
        case (.stringList, .string(let s)):
            // From the command line: a JSON array, or a single argument.
            if let parsed = try? JSONParser.parse(Array(s.utf8)), case .array = parsed { return coerce(parsed) }
            return .array([.string(s)])
        default: return nil
        }
    }
}

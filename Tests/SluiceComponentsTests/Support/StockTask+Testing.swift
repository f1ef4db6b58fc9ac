import SluiceComponents
import SluiceCore
import Testing

extension StockTask {
    /// Creates the task the way the registry will: unknown property names are refused (so a
    /// test cannot pass by misspelling one) and declared defaults are filled in.
    static func make(_ values: [String: JSONValue], owner: String = "Test Task") throws -> Self {
        var resolved: [String: JSONValue] = [:]
        for spec in descriptor.properties {
            if let value = values[spec.name] ?? spec.defaultValue { resolved[spec.name] = value }
        }
        for name in values.keys where descriptor.property(named: name) == nil {
            Issue.record("\(descriptor.id) has no property \"\(name)\"")
        }
        return try Self(ResolvedProperties(resolved, owner: owner))
    }
}

/// A JSON string list, for `stringList` properties.
func list(_ items: String...) -> JSONValue { .array(items.map(JSONValue.string)) }

/// The catalog message of an error, or nil when it is not a ``SluiceError``.
func message(of error: any Error) -> SluiceMessage? { (error as? SluiceError)?.message }

import CSluiceABI

/// The type of a declared property, and so the kind of ``PluginValue`` that `setProperty` receives.
///
/// ```swift
/// PluginProperty(name: "steps", type: .int64, defaultValue: "4")   // setProperty gets .int64
/// ```
public enum PluginPropertyType: Hashable, Sendable, CaseIterable {
    /// Text; arrives as ``PluginValue/string(_:)`` (`SLUICE_PROPERTY_STRING`).
    case string
    /// A whole number; arrives as ``PluginValue/int64(_:)`` (`SLUICE_PROPERTY_INT64`).
    case int64
    /// A number; arrives as ``PluginValue/double(_:)`` (`SLUICE_PROPERTY_DOUBLE`).
    case double
    /// A flag; arrives as ``PluginValue/bool(_:)`` (`SLUICE_PROPERTY_BOOL`).
    case bool
}

extension PluginPropertyType {
    /// The `SLUICE_PROPERTY_*` constant.
    var cType: Int32 {
        switch self {
        case .string: return SLUICE_PROPERTY_STRING
        case .int64: return SLUICE_PROPERTY_INT64
        case .double: return SLUICE_PROPERTY_DOUBLE
        case .bool: return SLUICE_PROPERTY_BOOL
        }
    }

    /// Whether `value` has the kind the ABI promises for this type (`.null` is always accepted).
    func accepts(_ value: PluginValue) -> Bool {
        switch (self, value) {
        case (_, .null), (.string, .string), (.int64, .int64), (.double, .double), (.bool, .bool): return true
        default: return false
        }
    }
}

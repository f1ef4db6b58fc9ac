import SluiceCore

/// One column of a plugin component's input, as the flow knows it before any batch arrives:
/// what `negotiate` receives for each input.
///
/// ```swift
/// let schema = [PluginFlowColumn("id", .i8), PluginFlowColumn("name", .wstr)]
/// ```
public struct PluginFlowColumn: Sendable, Hashable {
    public let name: String
    public let dataType: DataType
    /// The scale of a decimal column (DT_NUMERIC, DT_DECIMAL); ignored for other types.
    public let decimalScale: Int

    public init(_ name: String, _ dataType: DataType, decimalScale: Int = 0) {
        self.name = name
        self.dataType = dataType
        self.decimalScale = decimalScale
    }

    /// The Arrow format the column travels as; nil for a type with no column layout (DT_OBJECT).
    package var arrowFormat: String? {
        if let (precision, _) = dataType.decimalPrecisionAndScale { return "d:\(precision),\(decimalScale)" }
        return dataType.arrowFormat
    }
}

import SluiceCore

/// How a Foreach Loop's variable mappings read an item, with the same coded errors whether a
/// problem is found at validation (literal items) or during the run (every other enumerator).
struct ForeachMapping {
    let mapping: VariableMapping
    /// The Foreach Loop's name, for messages.
    let loop: String

    /// How many values a plugin enumerator is asked for per item: one past the highest index
    /// read, within ``VariableMapping/indexRange`` whatever the model says.
    static func capacity(for mappings: [VariableMapping]) -> Int {
        let range = VariableMapping.indexRange
        let highest = mappings.map { min(max($0.index, range.lowerBound), range.upperBound) }.max() ?? 0
        return highest + 1
    }

    /// Refuses an index outside ``VariableMapping/indexRange`` (a model built in code is not
    /// checked by the file loader).
    func checkIndex() throws {
        guard VariableMapping.indexRange.contains(mapping.index) else {
            let range = VariableMapping.indexRange
            throw invalidIndex("the index must be between \(range.lowerBound) and \(range.upperBound)")
        }
    }

    /// The value the mapping reads from item number `itemNumber` (from 1).
    func value<Item>(in item: [Item], itemNumber: Int) throws -> Item {
        try checkIndex()
        guard mapping.index < item.count else {
            throw invalidIndex("item \(itemNumber) has \(item.count) value(s)")
        }
        return item[mapping.index]
    }

    /// `value` converted to the variable's `type`, or `SLUICE_E_FOREACH_ITEM_INVALID`.
    func converted(_ value: Value, to type: DataType, itemNumber: Int) throws -> Value {
        do {
            return try value.converted(to: type)
        } catch let error as SluiceError {
            throw itemInvalid(value, type: type, itemNumber: itemNumber, cause: error)
        }
    }

    /// Wraps a conversion error raised while writing the variable (the scope converts).
    func itemInvalid(_ value: Value, type: DataType, itemNumber: Int, cause: SluiceError) -> SluiceError {
        var reason = cause.text
        if case .object(let object) = value, object.payload is JSONValue {
            reason = "\(object.description) is a JSON array or object, which only a DT_OBJECT variable can hold, "
                + "not \(type.rawValue)"
        }
        return SluiceError(.foreachItemInvalid, [
            "executable": loop, "index": String(mapping.index), "item": String(itemNumber), "variable": mapping.variable,
            "reason": reason,
        ], cause: cause)
    }

    private func invalidIndex(_ reason: String) -> SluiceError {
        SluiceError(.foreachMappingInvalid, [
            "executable": loop, "index": String(mapping.index), "variable": mapping.variable, "reason": reason,
        ])
    }
}

import SluiceCore
import SluiceExpressions

/// Checks of a task's settings that the run would otherwise only trip over after the task has
/// acted: the variable its execution value goes to, and the properties its property expressions
/// set. `validate` must refuse what `run` would refuse.
extension Validator {
    func taskSettingProblems(_ node: ExecutableNode) -> [any Error] {
        executionValueProblems(node) + propertyExpressionProblems(node)
    }

    /// `executionValueVariable` names a variable in scope that may be written.
    private func executionValueProblems(_ node: ExecutableNode) -> [any Error] {
        guard let name = node.model.executionValueVariable else { return [] }
        guard let (key, _, writable) = node.scope.declaration(of: name) else {
            return [SluiceError(.variableNotFound, ["name": name, "container": node.path + " (its executionValueVariable)"])]
        }
        return writable ? [] : [SluiceError(.variableReadOnly, ["name": key])]
    }

    /// Every property expression names a property the component declares (containers take
    /// `Disable` only), and its result type can become that property's kind. A string result
    /// is checked at run time: whether "42" fits an integer property depends on the value.
    private func propertyExpressionProblems(_ node: ExecutableNode) -> [any Error] {
        let others = node.propertyExpressions.filter { $0.property.lowercased() != "disable" }
        guard !others.isEmpty else { return [] }
        guard let id = node.model.componentID, let descriptor = run.registry.entry(for: id)?.descriptor else {
            if node.model.componentID != nil { return [] }  // an unknown component is reported already
            return others.map {
                SluiceError(.propertyUnknown, ["executable": node.model.name, "component": "container", "property": $0.property])
            }
        }
        var problems: [any Error] = []
        for (property, expression) in others {
            guard let spec = descriptor.properties.first(where: { $0.name == property }) else {
                problems.append(SluiceError(.propertyUnknown, ["executable": node.model.name, "component": id, "property": property]))
                continue
            }
            if let sample = Self.sample(of: expression.type.dataType), spec.kind.coerce(sample) == nil {
                problems.append(SluiceError(.propertyType, [
                    "property": property, "executable": node.model.name, "type": spec.kind.rawValue,
                    "found": "an expression of type \(expression.type)",
                ]))
            }
        }
        return problems
    }

    /// A value of the JSON shape an expression of `type` gives a property (see
    /// `Value.propertyJSON`), or nil when whether it fits depends on the value (text).
    private static func sample(of type: DataType) -> JSONValue? {
        switch type {
        case .bool: .bool(false)
        case .i1, .i2, .i4, .i8, .ui1, .ui2, .ui4, .ui8: .int(0)
        case .r4, .r8: .double(0)
        case .str, .wstr, .text, .ntext, .currency, .decimal, .numeric: nil
        default: .string("")  // dates, GUIDs, bytes: their text never makes a number or a flag
        }
    }
}

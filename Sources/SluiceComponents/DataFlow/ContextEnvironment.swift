import SluiceCore
import SluiceExpressions

/// The variables and parameters of the task's scope as the data flow's expressions see them:
/// each read once, when the expression is compiled (the engine evaluates on worker threads, and
/// SSIS too reads a data flow's variables as they were when it started).
struct ContextEnvironment: ExpressionEnvironment, Sendable {
    let context: any TaskContext

    var locale: PackageLocale { context.locale }

    func variable(_ name: String) -> ExpressionBinding? {
        guard let v = try? context.variable(name) else { return nil }
        let value = v.value
        return ExpressionBinding(name: name, type: ExpressionType(v.type)) { value }
    }

    func parameter(_ name: String) -> ExpressionBinding? {
        guard let v = try? context.parameter(name) else { return nil }
        let value = v.value
        return ExpressionBinding(name: name, type: ExpressionType(v.type)) { value }
    }
}

extension [FlowColumn] {
    /// The columns as an expression sees them (by name, with type and decimal scale).
    var expressionSchema: [String: ExpressionType] {
        var schema: [String: ExpressionType] = [:]
        for c in self { schema[c.name] = ExpressionType(c.type, scale: c.type.decimalPrecisionAndScale != nil ? c.scale : nil) }
        return schema
    }
}

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
        return ExpressionBinding(name: name, type: ExpressionType(v.type), sensitive: Self.sensitivity(v)) { value }
    }

    /// `name` as the expression wrote it without its `$` (`Package::P`, `Project::P` or `P`);
    /// the context takes `$Package::P`, `$Project::P` or `P`.
    func parameter(_ name: String) -> ExpressionBinding? {
        let asked = name.contains("::") ? "$" + name : name
        guard let v = try? context.parameter(asked) else { return nil }
        let value = v.value
        return ExpressionBinding(name: name, type: ExpressionType(v.type), sensitive: Self.sensitivity(v)) { value }
    }

    /// Read once at compile time, so a value sensitive then is sensitive for the whole flow.
    private static func sensitivity(_ v: TypedValue) -> (@Sendable () -> Bool)? { v.sensitive ? ExpressionBinding.alwaysSensitive : nil }
}

extension [FlowColumn] {
    /// The columns as an expression sees them (by name, with type and decimal scale).
    var expressionSchema: [String: ExpressionType] {
        var schema: [String: ExpressionType] = [:]
        for c in self { schema[c.name] = ExpressionType(c.type, scale: c.type.decimalPrecisionAndScale != nil ? c.scale : nil) }
        return schema
    }
}

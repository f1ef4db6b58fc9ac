import SluiceCore

/// The Expression task (SSIS's): evaluates `@[User::X] = expression` and assigns the result,
/// or evaluates a plain expression. The value is the task's execution value.
public final class ExpressionTask: StockTask, @unchecked Sendable {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.expression", kind: .task, displayName: "Expression",
        description: "Evaluates an SSIS expression; an assignment @[User::X] = … sets the variable.",
        version: "1.0.0",
        properties: [
            PropertySpec("expression", .string, required: true, "The expression, usually an assignment: @[User::Total] = @[User::A] + 1.")
        ])

    private let expression: String

    public init(_ properties: ResolvedProperties) throws {
        expression = try properties.string("expression")
    }

    public func validate(in context: any TaskContext) throws {
        try context.check(expression: expression)
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        let result = try context.evaluate(expression: expression)
        context.raise(.information(code: 0, message: "\(expression) → \(result.value)"))
        return .success(result.value)
    }
}

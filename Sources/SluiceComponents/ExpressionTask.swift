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

    /// The expression is compiled once, at validation; each execution reuses it.
    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        let result = try context.evaluate(expression: expression)
        // A result computed from a sensitive parameter is never shown (docs/sensitive-values.md).
        let shown = result.sensitive ? SensitiveTexts.mask : Self.shown(result.value)
        context.raise(.information(code: 0, message: "\(expression) → \(shown)"))
        return .success(result)
    }

    /// Characters of a value the information event shows: a loop that grows a string would
    /// otherwise copy all of it into an event on every iteration.
    static let shownLength = 200

    /// The value as the event shows it: whole, or its first ``shownLength`` characters and its length.
    static func shown(_ value: Value) -> String {
        let text = value.description
        guard text.utf8.count > shownLength else { return text }
        let scalars = text.unicodeScalars
        guard scalars.count > shownLength else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(shownLength))) + "… (\(scalars.count) characters)"
    }
}

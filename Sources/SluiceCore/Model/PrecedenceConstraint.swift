/// A precedence constraint between two executables of the same container, by name.
///
/// Constraints into one executable combine with logical AND (all must hold, the default) or
/// OR (any one), as SSIS's `LogicalAnd`.
public struct PrecedenceConstraint: Sendable, Hashable {
    public enum Outcome: String, Sendable, CaseIterable { case success = "Success", failure = "Failure", completion = "Completion" }
    public enum Evaluation: String, Sendable, CaseIterable {
        case constraint = "Constraint", expression = "Expression"
        case expressionAndConstraint = "ExpressionAndConstraint", expressionOrConstraint = "ExpressionOrConstraint"
    }

    public var from: String
    public var to: String
    public var value: Outcome
    public var evaluation: Evaluation
    public var expression: String?
    public var logicalAnd: Bool

    public init(
        from: String, to: String, value: Outcome = .success, evaluation: Evaluation = .constraint,
        expression: String? = nil, logicalAnd: Bool = true
    ) {
        self.from = from
        self.to = to
        self.value = value
        self.evaluation = evaluation
        self.expression = expression
        self.logicalAnd = logicalAnd
    }

    /// Whether the constraint's outcome part holds for a finished predecessor.
    public func outcomeHolds(for result: ExecutionResult) -> Bool {
        switch value {
        case .completion: result == .success || result == .failure || result == .completion
        case .success: result == .success
        case .failure: result == .failure
        }
    }
}

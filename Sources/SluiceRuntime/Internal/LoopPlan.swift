import SluiceCore
import SluiceExpressions

/// A loop's expressions and mappings, compiled at validation.
enum LoopPlan {
    case forLoop(initialize: Assignment?, condition: CompiledExpression, assign: Assignment?)
    case foreachLoop(ForeachLoopSpecification)

    /// A compiled `@[User::X] = expression`.
    struct Assignment {
        let value: CompiledExpression
        let target: ExpressionBinding

        init(_ text: String, environment: ScopeEnvironment) throws {
            (value, target) = try CompiledExpression.assignment(text, environment: environment)
        }

        func perform(in scope: VariableScope) throws {
            try scope.write(target.name, try value.evaluate())
        }
    }
}

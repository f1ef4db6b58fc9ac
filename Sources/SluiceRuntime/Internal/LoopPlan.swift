import SluiceCore
import SluiceExpressions

/// A loop's expressions and mappings, compiled at validation.
enum LoopPlan {
    case forLoop(initialize: CompiledAssignment?, condition: CompiledExpression, assign: CompiledAssignment?)
    case foreachLoop(ForeachLoopSpecification)
}

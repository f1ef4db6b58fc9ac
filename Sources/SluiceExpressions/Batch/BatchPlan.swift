import SluiceCore

/// Everything ``BatchExpression`` compiles once: the expression's type, the vectorized plan
/// (nil when the result is evaluated row by row), and the names the plan refers to by slot.
struct BatchPlan: Sendable {
    /// A column the expression reads, with the type the schema gave it.
    struct ColumnReference: Sendable {
        var name: String
        var type: ExpressionType
        /// Where the expression first names it (for errors when a batch lacks it).
        var position: SourcePosition
    }

    /// A variable (`@name`) or parameter (`$name`), read once per batch.
    struct Reference: Sendable {
        var key: String
        var type: ExpressionType
        var read: @Sendable () throws -> Value
    }

    var text: String
    var tree: ExpressionNode
    var type: ExpressionType
    var root: BatchNode?
    /// Every node of the plan, indexed by ``BatchNode/id``.
    var nodes: [BatchNode]
    var columns: [ColumnReference]
    var columnSlots: [String: Int]
    var references: [Reference]
    var referenceSlots: [String: Int]
    /// Subtrees evaluated row by row by the scalar evaluator, by ``BatchNode/Op/fallback(slot:)``.
    var fallbacks: [ExpressionNode]
    /// The environment's locale: the scalar closures compiled per context convert as the plan did.
    var locale: PackageLocale
}

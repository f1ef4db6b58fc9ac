import SluiceCore
import SluiceExpressions

/// A compiled `@[User::X] = expression` (For Loop init and assign, the Expression task), bound
/// at compile time to the slot of the variable it sets.
struct CompiledAssignment: Sendable {
    let value: CompiledExpression
    let target: VariableSlot

    /// - Throws: the expression's compile errors; `SLUICE_E_EXPRESSION_READ_ONLY` for a
    ///   variable that cannot be assigned.
    init(_ text: String, environment: ScopeEnvironment) throws {
        let (value, binding) = try CompiledExpression.assignment(text, environment: environment)
        // The binding's name is the key of the slot the reference resolved to, so looking the
        // key up from the same scope finds that very slot.
        guard let slot = environment.scope.slot(binding.name) else {
            throw SluiceError(.variableNotFound, ["name": binding.name, "container": environment.scope.owner])
        }
        self.value = value
        target = slot
    }

    /// Evaluates the value and sets the variable; a value computed from a sensitive one makes
    /// the variable sensitive.
    /// - Returns: the value, whether it is sensitive, and the variable when it asks for a change event.
    @discardableResult
    func perform() throws -> (value: Value, sensitive: Bool, changed: Variable?) {
        let v = try value.evaluate()
        let sensitive = value.isSensitive
        return (v, sensitive, try target.write(v, sensitive: sensitive))
    }
}

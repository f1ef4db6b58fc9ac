import SluiceCore
import SluiceExpressions

/// Lets expressions of an executable see what the executable sees: its scope's variables
/// (innermost first) and the run's parameters. Each reference is resolved once, at compile
/// time, to the variable's ``VariableSlot``: evaluating reads the slot it holds, with no lookup
/// by name. The executable's own system variables (System::TaskName, …) come from `node`.
struct ScopeEnvironment: ExpressionEnvironment {
    let run: Run
    let scope: VariableScope
    /// The executable whose expressions these are.
    let node: ExecutableNode

    init(run: Run, node: ExecutableNode) {
        self.run = run
        self.scope = node.scope
        self.node = node
    }

    var locale: PackageLocale { run.package.locale }

    func variable(_ name: String) -> ExpressionBinding? {
        guard let slot = scope.slot(name) else {
            guard let own = node.ownSystemVariable(name) else { return nil }
            return ExpressionBinding(name: own.key, type: ExpressionType(own.type), readOnly: true, read: own.read)
        }
        return ExpressionBinding(
            name: slot.key, type: ExpressionType(slot.type), readOnly: !slot.isAssignable, sensitive: { slot.isSensitive }
        ) { try slot.read() }
    }

    func parameter(_ name: String) -> ExpressionBinding? {
        if name.hasPrefix("Project::") {
            guard let p = run.project?.parameters[String(name.dropFirst(9))] else { return nil }
            let value = p.value
            return ExpressionBinding(name: "$\(name)", type: ExpressionType(p.type), sensitive: Self.sensitivity(p)) { value }
        }
        let bare = name.hasPrefix("Package::") ? String(name.dropFirst(9)) : name.hasPrefix("Project::") ? nil : name
        guard let bare, let p = run.parameters[bare] else { return nil }
        let value = p.value
        return ExpressionBinding(name: "$Package::\(bare)", type: ExpressionType(p.type), sensitive: Self.sensitivity(p)) { value }
    }

    /// A sensitive parameter taints every expression that reads it.
    private static func sensitivity(_ p: TypedValue) -> (@Sendable () -> Bool)? { p.sensitive ? ExpressionBinding.alwaysSensitive : nil }
}

extension ScopeEnvironment {
    func compile(_ text: String) throws -> CompiledExpression { try CompiledExpression(text, environment: self) }

    /// Compiles a Boolean expression (constraints, For Loop conditions).
    func compileCondition(_ text: String, what: String) throws -> CompiledExpression {
        let e = try compile(text)
        guard e.type.dataType == .bool else {
            throw SluiceError(.expressionType, ["line": "1", "column": "1", "reason": "\(what) must be DT_BOOL, but \"\(text)\" is \(e.type)"])
        }
        return e
    }
}

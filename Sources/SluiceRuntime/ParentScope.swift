import SluiceCore

/// What a child package run by the Execute Package task sees of its parent: the variables
/// visible from the task, and which of the parent's parameters are sensitive.
///
/// Microsoft's "Execute Package Task" documentation: a child package run in process "can
/// access variables of the parent" at run time, without a binding; the child's own variable
/// of the same name wins. The child shares the parent's variable slots (each with its own
/// lock), so a value the child writes is the parent's when the child ends, and parallel
/// branches of the parent touch the same variables as safely as they do each other's.
///
/// ```swift
/// var options = RunOptions(packageDepth: context.packageDepth + 1)
/// options.parentScope = ParentScope(of: context)
/// ```
public struct ParentScope: Sendable {
    /// The parent's variables as one scope, outermost to the child's root.
    let variables: VariableScope
    /// `$Package::Name` and `$Project::Name` of the parent's sensitive parameters.
    private let sensitive: Set<String>

    /// The parent scope of the executable `context` belongs to; nil for a context the runtime
    /// did not make (a test double), which has no variable slots to share.
    public init?(of context: any TaskContext) {
        guard let context = context as? ExecutionContext else { return nil }
        variables = VariableScope(owner: context.node.path, sharing: context.node.scope.visibleUserSlots())
        sensitive = context.run.sensitiveParameters
    }

    /// Whether the parent's parameter `name` (`$Package::P`, `$Project::P` or `P`) is sensitive.
    public func isSensitiveParameter(_ name: String) -> Bool {
        let full = name.hasPrefix("$") ? name : "$Package::\(name)"
        return sensitive.contains(full)
    }

    /// The variables' names and types, sorted: what a child's validation depends on, so that
    /// a child is validated once per distinct parent view (a package running itself sees the
    /// same names at every level, and its recursion is found as before).
    public var signature: String {
        variables.visibleUserSlots().map { "\($0.key):\($0.type)" }.sorted().joined(separator: ",")
    }
}

import SluiceCore
import SluiceExpressions
import Synchronization

/// An expression a task evaluates through its context (`TaskContext.evaluate(expression:)`):
/// a plain expression, or an assignment.
enum TaskExpression: Sendable {
    case value(CompiledExpression)
    case assignment(CompiledAssignment)

    init(_ text: String, environment: ScopeEnvironment) throws {
        self = ExpressionText.isAssignment(text)
            ? .assignment(try CompiledAssignment(text, environment: environment))
            : .value(try environment.compile(text))
    }
}

/// The expressions a task has compiled, kept on its node: compiled at validation
/// (`TaskContext.check(expression:)`) and reused by every execution, so a task in a loop
/// compiles its expression once, not once per iteration.
struct TaskExpressionCache: ~Copyable, Sendable {
    /// More than a task needs; a task whose expression text changes on every run (a property
    /// expression writing it) compiles anew each time without growing the cache.
    static let capacity = 8

    private let entries = Mutex<[(text: String, expression: TaskExpression)]>([])

    /// The compiled form of `text`: the kept one, or compiled now in `environment` and kept.
    func expression(_ text: String, environment: () -> ScopeEnvironment) throws -> TaskExpression {
        if let kept = entries.withLock({ $0.first { $0.text == text }?.expression }) { return kept }
        let compiled = try TaskExpression(text, environment: environment())
        entries.withLock { list in
            if list.count >= Self.capacity { list.removeFirst() }
            list.append((text, compiled))
        }
        return compiled
    }
}

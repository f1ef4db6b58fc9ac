import SluiceCore

/// An expression checked and compiled once, ready to evaluate many times.
///
/// ```swift
/// let e = try CompiledExpression("@[User::Count] > 10", environment: env)
/// e.type            // DT_BOOL
/// try e.evaluate()  // .bool(true)
/// ```
/// Compilation does all the work that does not depend on values: parsing, resolving names,
/// checking types and choosing the implementation of every operator, so evaluation is a walk
/// over prepared closures.
public struct CompiledExpression: Sendable {
    public let text: String
    public let type: ExpressionType
    private let evaluator: Evaluator
    /// The sensitivity of the references it reads (see ``isSensitive``).
    private let sensitivity: [@Sendable () -> Bool]

    /// - Throws: a `SluiceError` with the line and column of the first problem.
    public init(_ text: String, environment: any ExpressionEnvironment) throws {
        self.text = text
        let tree = try ExpressionParser.parse(text)
        let compiler = Compiler(environment: environment)
        let compiled = try compiler.compile(tree)
        type = compiled.type
        evaluator = compiled.evaluate
        sensitivity = compiler.dependencies.sensitivity
    }

    /// True when the expression reads a sensitive parameter, or a variable that holds a
    /// sensitive value now: its result is then sensitive too (taint), whichever branch ran,
    /// since even a comparison with a secret tells something of it.
    public var isSensitive: Bool { sensitivity.contains { $0() } }

    /// Compiles an assignment, `@[User::X] = expression`: the value is converted to the
    /// variable's type, and the variable must be writable.
    /// - Returns: the compiled value expression and the binding of the variable to set.
    public static func assignment(_ text: String, environment: any ExpressionEnvironment) throws
        -> (value: CompiledExpression, target: ExpressionBinding)
    {
        let (name, position, tree) = try ExpressionParser.parseAssignment(text)
        guard let target = environment.variable(name) else {
            throw SluiceError(.expressionVariableNotFound, position.inserts.merging(["name": "@[\(name)]"]) { $1 })
        }
        guard !target.readOnly else {
            throw SluiceError(.expressionReadOnly, position.inserts.merging(["name": target.name]) { $1 })
        }
        let compiler = Compiler(environment: environment)
        let compiled = try compiler.compile(tree)
        guard Casts.allowed(from: compiled.type, to: target.type) else {
            throw typeError("a \(compiled.type) value cannot be assigned to \(target.name) of type \(target.type)", at: tree.position)
        }
        let converted = try Casts.implicit(compiled, to: target.type, at: tree.position, locale: environment.locale)
        let value = CompiledExpression(
            text: text, type: target.type, evaluator: converted.evaluate, sensitivity: compiler.dependencies.sensitivity)
        return (value, target)
    }

    init(text: String, type: ExpressionType, evaluator: @escaping Evaluator, sensitivity: [@Sendable () -> Bool] = []) {
        self.text = text
        self.type = type
        self.evaluator = evaluator
        self.sensitivity = sensitivity
    }

    /// A value of this expression's type as SSIS writes it (`2026-02-03 00:00:00`, `True`, `1.50`).
    public func display(_ value: Value) -> String { value.isNull ? "NULL" : Text.format(value, as: type) }

    /// Evaluates the expression with the current values of what it refers to.
    /// - Throws: runtime errors (division by zero, overflow, conversion) with their position.
    /// An error of a sensitive expression does not quote the value it refused.
    public func evaluate() throws -> Value {
        do {
            return try evaluator()
        } catch let error as SluiceError where isSensitive {
            throw error.hidingValue()
        }
    }
}

typealias Evaluator = @Sendable () throws -> Value

/// A compiled node: its type and its evaluator. `constant` holds the value when the node does
/// not depend on anything that changes (so it can be folded).
struct Compiled: Sendable {
    var type: ExpressionType
    var evaluate: Evaluator
    var constant: Value?

    init(_ type: ExpressionType, constant value: Value) {
        self.type = type
        self.constant = value
        self.evaluate = { value }
    }

    init(_ type: ExpressionType, _ evaluate: @escaping Evaluator) {
        self.type = type
        self.evaluate = evaluate
        self.constant = nil
    }
}

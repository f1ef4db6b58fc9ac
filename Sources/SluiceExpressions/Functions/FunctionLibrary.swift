import SluiceCore

/// The SSIS function library: each function checks its arguments' types at compile time and
/// returns its result type and evaluator. Names are case-insensitive (the parser upper-cases
/// them).
enum FunctionLibrary {
    typealias Implementation = @Sendable (FunctionCall) throws -> Operators.Result

    struct Definition: Sendable {
        let arity: ClosedRange<Int>
        let implementation: Implementation
    }

    static let definitions: [String: Definition] = {
        var all: [String: Definition] = [:]
        for table in [NullFunctions.all, MathFunctions.all, StringFunctions.all, DateFunctions.all] {
            all.merge(table) { first, _ in first }
        }
        return all
    }()

    static func compile(_ name: String, _ nodes: [ExpressionNode], at p: SourcePosition, compiler: Compiler) throws
        -> Operators.Result
    {
        guard let definition = definitions[name] else {
            throw SluiceError(.expressionUnknownFunction, p.inserts.merging(["name": name]) { $1 })
        }
        guard definition.arity.contains(nodes.count) else {
            let expected = definition.arity.count == 1 ? "\(definition.arity.lowerBound)"
                : "\(definition.arity.lowerBound) to \(definition.arity.upperBound)"
            throw SluiceError(.expressionArity, p.inserts.merging(["name": name, "expected": expected, "count": String(nodes.count)]) { $1 })
        }
        return try definition.implementation(FunctionCall(name: name, position: p, nodes: nodes, compiler: compiler))
    }
}

/// One call being compiled: its name, position and argument nodes.
struct FunctionCall {
    let name: String
    let position: SourcePosition
    let nodes: [ExpressionNode]
    let compiler: Compiler

    func argument(_ i: Int) throws -> Compiled { try compiler.compile(nodes[i]) }
    func arguments() throws -> [Compiled] { try nodes.map { try compiler.compile($0) } }

    func typeError(_ reason: String) -> SluiceError { SluiceExpressions.typeError("\(name): \(reason)", at: position) }

    func argumentError(_ reason: String) -> SluiceError {
        SluiceError(.expressionArgument, position.inserts.merging(["name": name, "reason": reason]) { $1 })
    }

    /// Requires argument `i` to satisfy `test`, naming `what` it must be.
    func require(_ c: Compiled, _ i: Int, _ what: String, _ test: (ExpressionType) -> Bool) throws {
        guard test(c.type) else { throw typeError("argument \(i + 1) must be \(what), not \(c.type)") }
    }

    /// A result computed from the argument values, NULL when any argument is NULL.
    func strict(_ type: ExpressionType, _ args: [Compiled], _ body: @escaping @Sendable ([Value]) throws -> Value) -> Operators.Result {
        let evaluators = args.map(\.evaluate)
        return (Compiled(type) {
            var values: [Value] = []
            values.reserveCapacity(evaluators.count)
            for e in evaluators {
                let v = try e()
                if v.isNull { return .null }
                values.append(v)
            }
            return try body(values)
        }, true)
    }
}

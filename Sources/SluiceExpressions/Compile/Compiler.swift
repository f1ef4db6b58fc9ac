import Foundation
import SluiceCore

/// Type-checks an expression tree and turns it into closures. Every check that does not need
/// a value happens here, so a package's expressions fail at validation, not at run time; and a
/// node whose inputs are all constant is evaluated here too (`1/0` is found at validation).
struct Compiler {
    let environment: any ExpressionEnvironment
    /// How many values that can change (variables, parameters, columns, results of functions
    /// that are not pure) the nodes compiled so far read: a node folds only when compiling it
    /// added none, so `@X * 2` is not frozen at the value `@X` has at compile time.
    let dependencies = Dependencies()

    final class Dependencies {
        var count = 0
        /// The sensitivity of each reference read that can be sensitive (taint: the
        /// expression's result is sensitive when any of them is).
        var sensitivity: [@Sendable () -> Bool] = []

        func read(_ binding: ExpressionBinding) {
            count += 1
            if let sensitive = binding.sensitive { sensitivity.append(sensitive) }
        }
    }

    /// Sees every node once it is compiled, children first (the batch planner reads each
    /// node's type and constant from it in one pass).
    var observe: ((ExpressionNode, Compiled) -> Void)? = nil

    func compile(_ node: ExpressionNode) throws -> Compiled {
        let compiled = try compileNode(node)
        observe?(node, compiled)
        return compiled
    }

    private func compileNode(_ node: ExpressionNode) throws -> Compiled {
        let p = node.position
        let before = dependencies.count
        func fold(_ result: Operators.Result) throws -> Compiled { try self.fold(result, since: before) }
        switch node.kind {
        case .integer(let text, let suffix): return try Literals.integer(text, suffix, at: p)
        case .real(let text, let suffix): return try Literals.real(text, suffix, at: p)
        case .string(let s): return Compiled(.wstr(max(s.unicodeScalars.count, 1)), constant: .string(s))
        case .bool(let b): return Compiled(.bool, constant: .bool(b))
        case .null(let type): return Compiled(type, constant: .null)
        case .variable(let name):
            guard let b = environment.variable(name) else {
                throw SluiceError(.expressionVariableNotFound, p.inserts.merging(["name": "@[\(name)]"]) { $1 })
            }
            dependencies.read(b)
            return Compiled(b.type, b.read)
        case .parameter(let name):
            guard let b = environment.parameter(name) else {
                throw SluiceError(.expressionParameterNotFound, p.inserts.merging(["name": name]) { $1 })
            }
            dependencies.read(b)
            return Compiled(b.type, b.read)
        case .column(let name):
            guard let b = environment.column(name) else {
                throw SluiceError(.expressionColumnNotFound, p.inserts.merging(["name": name]) { $1 })
            }
            dependencies.count += 1
            return Compiled(b.type, b.read)
        case .unary(let op, let operand):
            return try fold(Operators.unary(op, try compile(operand), at: p))
        case .binary(let op, let left, let right):
            return try fold(Operators.binary(op, try compile(left), try compile(right), at: p))
        case .conditional(let c, let t, let f):
            return try fold(Operators.conditional(try compile(c), try compile(t), try compile(f), at: p))
        case .cast(let type, let operand):
            return try fold(Casts.compile(try compile(operand), to: type, at: p, locale: environment.locale))
        case .call(let name, let arguments):
            return try fold(FunctionLibrary.compile(name, arguments, at: p, compiler: self))
        }
    }

    /// Evaluates a node now when all it depends on is constant. Operators and casts build their
    /// result with `constant == nil`; they mark themselves foldable by returning `pure`.
    private func fold(_ result: (compiled: Compiled, foldable: Bool), since before: Int) throws -> Compiled {
        guard result.foldable else {
            dependencies.count += 1
            return result.compiled
        }
        guard dependencies.count == before, result.compiled.constant == nil else { return result.compiled }
        return Compiled(result.compiled.type, constant: try result.compiled.evaluate())
    }
}

/// Builds a type error at a position.
func typeError(_ reason: String, at p: SourcePosition) -> SluiceError {
    SluiceError(.expressionType, p.inserts.merging(["reason": reason]) { $1 })
}

/// The error of an operation (`'+'`, `REPLICATE`, a cast) whose string result would pass
/// ``StringLimit``.
func stringTooLong(_ operation: String, at p: SourcePosition) -> SluiceError {
    SluiceError(.expressionStringTooLong, p.inserts.merging(["operation": operation, "limit": String(StringLimit.maximumLength)]) { $1 })
}

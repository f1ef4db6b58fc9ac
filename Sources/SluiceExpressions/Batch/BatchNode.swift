import SluiceCore

/// A node of a compiled batch plan: what to compute for a chunk of rows, in which lane kind.
/// Built once by ``BatchPlanner`` and shared (immutable) by every evaluation.
final class BatchNode: Sendable, CustomStringConvertible {
    /// Index of the node's scratch space in a ``BatchContext``.
    let id: Int
    /// The node's expression type (for errors and the output column).
    let type: ExpressionType
    let kind: LaneKind
    let op: Op

    enum Op: Sendable {
        /// A value already converted to the node's lane kind (or `.null`), the same for every row.
        case constant(Value)
        /// A variable or parameter: read once per batch (``BatchPlan/references``).
        case reference(slot: Int)
        /// A column of the batch (``BatchPlan/columns``) whose type has a lane kind.
        case column(slot: Int)
        /// An expression evaluated row by row by the scalar evaluator (``BatchPlan/fallbacks``).
        case fallback(slot: Int)
        /// Integer lanes read as reals (the implicit promotion in mixed arithmetic).
        case toReal(BatchNode)
        case arithmetic(ArithmeticOperator, BatchNode, BatchNode, at: SourcePosition)
        /// Unary minus, computed as `0 - x` like the scalar evaluator.
        case negate(BatchNode, at: SourcePosition)
        case comparison(ComparisonOperator, BatchNode, BatchNode)
        case logical(and: Bool, BatchNode, BatchNode)
        case not(BatchNode)
        /// A cast from the operand's type (`from`) to the node's type.
        case cast(BatchNode, from: ExpressionType, at: SourcePosition)
    }

    init(id: Int, type: ExpressionType, kind: LaneKind, op: Op) {
        self.id = id
        self.type = type
        self.kind = kind
        self.op = op
    }

    /// Whether any part of the node falls back to row-by-row evaluation.
    var fallsBack: Bool {
        switch op {
        case .fallback: true
        case .constant, .reference, .column: false
        case .toReal(let x), .not(let x), .negate(let x, _), .cast(let x, _, _): x.fallsBack
        case .arithmetic(_, let a, let b, _), .comparison(_, let a, let b), .logical(_, let a, let b):
            a.fallsBack || b.fallsBack
        }
    }

    /// The plan as text, for tests and diagnostics: `multiply(column#0, subtract(const 1, column#1))`.
    var description: String {
        switch op {
        case .constant(let v): "const \(v)"
        case .reference(let s): "ref#\(s)"
        case .column(let s): "column#\(s)"
        case .fallback(let s): "scalar#\(s):\(type)"
        case .toReal(let x): "real(\(x))"
        case .arithmetic(let o, let a, let b, _): "\(o)(\(a), \(b))"
        case .comparison(let o, let a, let b): "\(o)(\(a), \(b))"
        case .logical(let and, let a, let b): "\(and ? "and" : "or")(\(a), \(b))"
        case .not(let x): "not(\(x))"
        case .negate(let x, _): "neg(\(x))"
        case .cast(let x, _, _): "cast \(type)(\(x))"
        }
    }
}

enum ArithmeticOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
}

enum ComparisonOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
}

import SluiceCore

/// Compiles an expression for batches: the scalar compiler checks it and gives every node its
/// type and constant (so errors, types and folding are exactly the scalar evaluator's), then
/// the planner picks the nodes it can evaluate a chunk at a time and leaves the rest to the
/// scalar closures, row by row.
///
/// Vectorized: literals, variables and parameters (constant per batch), columns, `+ - * / %`,
/// unary `-`, comparisons, `&& || !` and casts, on `DT_I1`…`DT_I8`, `DT_UI1`…`DT_UI4`,
/// `DT_R4`, `DT_R8` and `DT_BOOL` (see ``LaneKind``), and comparisons of `DT_DBDATE` columns
/// and constants (as real lanes). A node outside that set becomes a
/// fallback if its type has lanes; otherwise its parent falls back with it.
final class BatchPlanner {
    private let schema: [String: ExpressionType]
    private var compiled: [ExpressionNode: Compiled] = [:]
    private var nodes: [BatchNode] = []
    private var fallbacks: [ExpressionNode] = []
    private var columns: [BatchPlan.ColumnReference] = []
    private var columnSlots: [String: Int] = [:]
    private var references: [BatchPlan.Reference] = []
    private var referenceSlots: [String: Int] = [:]

    private init(schema: [String: ExpressionType]) { self.schema = schema }

    /// - Parameter vectorize: false evaluates the whole expression row by row (for tests).
    static func plan(
        _ text: String, schema: [String: ExpressionType], environment: any ExpressionEnvironment, vectorize: Bool = true
    ) throws -> BatchPlan {
        let tree = try ExpressionParser.parse(text)
        let planner = BatchPlanner(schema: schema)
        var compiler = Compiler(environment: SchemaEnvironment(schema: schema, base: environment))
        compiler.observe = { [unowned planner] node, c in planner.record(node, c) }
        let root = try compiler.compile(tree)
        let vector = vectorize ? planner.plan(tree, as: nil) : nil
        return BatchPlan(
            text: text, tree: tree, type: root.type, root: vector, nodes: planner.nodes, columns: planner.columns,
            columnSlots: planner.columnSlots, references: planner.references, referenceSlots: planner.referenceSlots,
            fallbacks: planner.fallbacks, locale: environment.locale)
    }

    /// Called by the compiler for every node: keeps its compiled form and numbers the columns,
    /// variables and parameters the expression reads.
    private func record(_ node: ExpressionNode, _ c: Compiled) {
        compiled[node] = c
        switch node.kind {
        case .column(let name) where columnSlots[name] == nil:
            columnSlots[name] = columns.count
            columns.append(.init(name: name, type: c.type, position: node.position))
        case .variable(let name): addReference("@" + name, c)
        case .parameter(let name): addReference("$" + name, c)
        default: break
        }
    }

    private func addReference(_ key: String, _ c: Compiled) {
        guard referenceSlots[key] == nil else { return }
        referenceSlots[key] = references.count
        references.append(.init(key: key, type: c.type, read: c.evaluate))
    }

    // MARK: - Planning

    /// The plan of `node` producing lanes of `want` (its own kind when nil), or nil when it
    /// has no such lanes. Nodes made for a subtree that ends up falling back are dropped.
    private func plan(_ node: ExpressionNode, as want: LaneKind?) -> BatchNode? {
        guard let c = compiled[node] else { return nil }
        let natural = LaneKind(c.type)
        if let constant = c.constant {
            guard let kind = want ?? natural, let lanes = Self.lanes(constant, as: kind) else { return nil }
            return make(c.type, kind, .constant(lanes))
        }
        switch node.kind {
        case .variable(let name), .parameter(let name):
            let key = (node.kind == .variable(name) ? "@" : "$") + name
            guard let kind = want ?? natural, kind == natural || (kind == .real && c.type.isNumeric),
                let slot = referenceSlots[key]
            else { return nil }
            return make(c.type, kind, .reference(slot: slot))
        default:
            break
        }
        guard let natural else { return nil }
        let mark = (nodes.count, fallbacks.count)
        var result = vectorized(node, c.type, natural)
        if result == nil {
            nodes.removeSubrange(mark.0...)
            fallbacks.removeSubrange(mark.1...)
            fallbacks.append(node)
            result = make(c.type, natural, .fallback(slot: fallbacks.count - 1))
        }
        guard let result, let want, want != natural else { return result }
        return natural == .int && want == .real ? make(.r8, .real, .toReal(result)) : nil
    }

    /// The vectorized form of `node`, or nil when an operator or operand has none.
    private func vectorized(_ node: ExpressionNode, _ type: ExpressionType, _ kind: LaneKind) -> BatchNode? {
        let p = node.position
        switch node.kind {
        case .column(let name):
            return columnSlots[name].map { make(type, kind, .column(slot: $0)) }
        case .unary("!", let x):
            return plan(x, as: .bool).map { make(type, kind, .not($0)) }
        case .unary("-", let x):
            return plan(x, as: kind).map { make(type, kind, .negate($0, at: p)) }
        case .binary(let op, let a, let b):
            guard let ta = compiled[a]?.type, let tb = compiled[b]?.type else { return nil }
            if op == "&&" || op == "||" {
                guard let x = plan(a, as: .bool), let y = plan(b, as: .bool) else { return nil }
                return make(type, kind, .logical(and: op == "&&", x, y))
            }
            if let comparison = ComparisonOperator(rawValue: op) {
                let operands: LaneKind?
                if ta.isNumeric && tb.isNumeric {
                    operands = LaneKind(TypeRules.numericResult(ta, tb))
                } else {
                    operands = ta.isBool && tb.isBool && (op == "==" || op == "!=") ? .bool : nil
                }
                if operands == nil, ta.dataType == .dbDate, tb.dataType == .dbDate {
                    guard let x = planDate(a), let y = planDate(b) else { return nil }
                    return make(type, kind, .comparison(comparison, x, y))
                }
                guard let operands, let x = plan(a, as: operands), let y = plan(b, as: operands) else { return nil }
                return make(type, kind, .comparison(comparison, x, y))
            }
            guard let arithmetic = ArithmeticOperator(rawValue: op), ta.isNumeric, tb.isNumeric,
                let x = plan(a, as: kind), let y = plan(b, as: kind)
            else { return nil }
            return make(type, kind, .arithmetic(arithmetic, x, y, at: p))
        case .cast(_, let x):
            guard let from = compiled[x]?.type, let operand = plan(x, as: nil) else { return nil }
            return make(type, kind, .cast(operand, from: from, at: p))
        default:
            return nil
        }
    }

    /// A `DT_DBDATE` operand of a comparison as real lanes holding what the scalar evaluator
    /// compares, the `Date`'s seconds since its reference date (exact: whole days are integers
    /// far below 2^53): a column or a constant; nil for anything else (it falls back).
    private func planDate(_ node: ExpressionNode) -> BatchNode? {
        guard let c = compiled[node] else { return nil }
        if let constant = c.constant {
            switch constant {
            case .null: return make(c.type, .real, .constant(.null))
            case .date(let d): return make(c.type, .real, .constant(.real(d.timeIntervalSinceReferenceDate)))
            default: return nil
            }
        }
        guard case .column(let name) = node.kind, let slot = columnSlots[name] else { return nil }
        return make(c.type, .real, .column(slot: slot))
    }

    private func make(_ type: ExpressionType, _ kind: LaneKind, _ op: BatchNode.Op) -> BatchNode {
        let node = BatchNode(id: nodes.count, type: type, kind: kind, op: op)
        nodes.append(node)
        return node
    }

    /// A constant as lanes of `kind`, converted as the scalar operators convert operands
    /// (`Value.double` for reals, `Value.int64` for integers); nil when it does not convert.
    static func lanes(_ v: Value, as kind: LaneKind) -> Value? {
        if v.isNull { return .null }
        switch kind {
        case .real: return v.double.map(Value.real)
        case .int: return v.int64.map(Value.int)
        case .bool: return v.bool.map(Value.bool)
        }
    }
}

/// The caller's environment with the batch's columns added, for compiling against a schema.
/// Column reads never run at compile time (columns are not constant), so they read NULL.
private struct SchemaEnvironment: ExpressionEnvironment {
    let schema: [String: ExpressionType]
    let base: any ExpressionEnvironment

    func variable(_ name: String) -> ExpressionBinding? { base.variable(name) }
    func parameter(_ name: String) -> ExpressionBinding? { base.parameter(name) }
    var locale: PackageLocale { base.locale }
    func column(_ name: String) -> ExpressionBinding? {
        schema[name].map { ExpressionBinding(name: name, type: $0) { .null } }
    }
}

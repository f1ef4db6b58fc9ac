import SluiceCore
import Foundation

/// The working state of one evaluation at a time: scratch lanes for every plan node, the
/// batch's columns, this batch's values of variables and parameters, and the scalar closures of
/// the fallback subtrees, compiled to read the current row from here.
///
/// ``BatchExpression`` keeps a pool of contexts and lends each to one evaluation at a time, so
/// evaluations on several threads never share one.
final class BatchContext: @unchecked Sendable {
    // @unchecked Sendable: the fallback closures are @Sendable and read `row`, `columns` and
    // `snapshot` through this object; the pool hands a context to one evaluation at a time, so
    // no two threads touch it at once.

    /// Rows per chunk: 8,192 rows of 8 bytes is 64 KiB per lane buffer, which the L2 cache
    /// holds for the few buffers a kernel touches. Measured on `a * (1 - b)` over a million
    /// rows: every chunk costs a fixed amount besides its rows (walking the plan, restarting
    /// the streams through memory), about 0.6 µs, which at 1,024 rows made the evaluator 1.7–2.4×
    /// a hand-written loop and at 8,192 rows 1.1–1.3×.
    static let chunk = 8192
    static let chunkWords = chunk / 64
    static let secondsPerDay = 86_400.0
    /// 1970-01-01 in seconds before `Date`'s reference date (2001-01-01).
    static let referenceDateSince1970 = Date.timeIntervalBetween1970AndReferenceDate
    private static let slotBytes = chunk * 8 + chunkWords * 8

    let plan: BatchPlan
    /// Scratch values and validity of every node, one slot per node id.
    private let arena: UnsafeMutableRawPointer
    /// Validity words with every row NULL (the lanes of a NULL constant).
    let allNull: UnsafeMutablePointer<UInt64>
    /// A chunk of zero lanes (0 and 0.0 share their bits): the left operand of negation.
    let zeros: UnsafeMutableRawPointer
    /// Whether each node's constant or reference is NULL for the current batch.
    var isNullConstant: [Bool]

    /// The batch's columns, by plan column slot.
    var columns: [Column] = []
    /// This batch's values of the variables and parameters, by plan reference slot.
    var snapshot: [Value] = []
    /// The row the fallback closures read (batch-relative).
    var row = 0
    private(set) var fallbacks: [Evaluator] = []
    /// The whole expression as one scalar closure, compiled on first use.
    private var wholeEvaluator: Evaluator?

    init(_ plan: BatchPlan) throws {
        self.plan = plan
        let bytes = max(plan.nodes.count, 1) * Self.slotBytes
        arena = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: ColumnBuffer.alignment)
        arena.initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
        allNull = .allocate(capacity: Self.chunkWords)
        allNull.initialize(repeating: 0, count: Self.chunkWords)
        zeros = .allocate(byteCount: Self.chunk * 8, alignment: ColumnBuffer.alignment)
        zeros.initializeMemory(as: UInt8.self, repeating: 0, count: Self.chunk * 8)
        isNullConstant = Array(repeating: false, count: plan.nodes.count)
        fallbacks = try plan.fallbacks.map { try Compiler(environment: ContextEnvironment(context: self)).compile($0).evaluate }
        for node in plan.nodes { if case .constant(let v) = node.op { fill(node, with: v) } }
    }

    deinit {
        arena.deallocate()
        allNull.deallocate()
        zeros.deallocate()
    }

    /// The scalar closure of the whole expression.
    func whole() throws -> Evaluator {
        if let wholeEvaluator { return wholeEvaluator }
        let e = try Compiler(environment: ContextEnvironment(context: self)).compile(plan.tree).evaluate
        wholeEvaluator = e
        return e
    }

    // MARK: - Scratch

    func values(_ node: BatchNode) -> UnsafeMutableRawPointer { arena + node.id * Self.slotBytes }

    func validity(_ node: BatchNode) -> UnsafeMutablePointer<UInt64> {
        (arena + node.id * Self.slotBytes + Self.chunk * 8).bindMemory(to: UInt64.self, capacity: Self.chunkWords)
    }

    /// Fills the first `rows` lanes of a constant or reference node with `v` (already converted
    /// to its kind): a whole chunk for a constant, only what a batch reads for a reference.
    func fill(_ node: BatchNode, with v: Value, rows: Int = chunk) {
        isNullConstant[node.id] = v.isNull
        let p = values(node)
        let rows = min(max(rows, 1), Self.chunk)
        switch v {
        case .int(let i): p.bindMemory(to: Int64.self, capacity: rows).update(repeating: i, count: rows)
        case .real(let d): p.bindMemory(to: Double.self, capacity: rows).update(repeating: d, count: rows)
        case .bool(let b):
            let words = Kernels.words(rows)
            p.bindMemory(to: UInt64.self, capacity: words).update(repeating: b ? ~0 : 0, count: words)
        default: break
        }
    }

    // MARK: - Binding a batch

    /// Resolves the plan's columns in `batch` and reads the variables and parameters once.
    /// - Returns: false when a variable's value has no lanes of the kind the plan expects (the
    ///   batch is then evaluated row by row).
    func bind(_ batch: ColumnBatch) throws -> Bool {
        columns = try plan.columns.map { ref in
            guard let column = batch[ref.name] else {
                throw SluiceError(.expressionColumnNotFound, ref.position.inserts.merging(["name": ref.name]) { $1 })
            }
            guard column.dataType == ref.type.dataType else {
                let reason = "column [\(ref.name)] is \(column.dataType.rawValue) in the batch, but the expression was compiled for \(ref.type)"
                throw SluiceError(.expressionType, ref.position.inserts.merging(["reason": reason]) { $1 })
            }
            return column
        }
        snapshot = try plan.references.map { try $0.read() }
        var vectorizable = true
        for node in plan.nodes {
            guard case .reference(let slot) = node.op else { continue }
            guard let lanes = BatchPlanner.lanes(snapshot[slot], as: node.kind) else {
                vectorizable = false
                continue
            }
            fill(node, with: lanes, rows: batch.length)
        }
        return vectorizable
    }

    /// Drops the batch's columns so the context does not keep them alive in the pool.
    func unbind() {
        columns = []
        snapshot = []
    }
}

/// What the scalar closures of a context see: the current row of the batch's columns and the
/// batch's snapshot of variables and parameters.
private struct ContextEnvironment: ExpressionEnvironment {
    unowned let context: BatchContext

    var locale: PackageLocale { context.plan.locale }

    func column(_ name: String) -> ExpressionBinding? {
        guard let slot = context.plan.columnSlots[name] else { return nil }
        return ExpressionBinding(name: name, type: context.plan.columns[slot].type) { [unowned context] in
            context.columns[slot].value(at: context.row)
        }
    }

    func variable(_ name: String) -> ExpressionBinding? { reference("@" + name, name) }
    func parameter(_ name: String) -> ExpressionBinding? { reference("$" + name, name) }

    private func reference(_ key: String, _ name: String) -> ExpressionBinding? {
        guard let slot = context.plan.referenceSlots[key] else { return nil }
        return ExpressionBinding(name: name, type: context.plan.references[slot].type) { [unowned context] in
            context.snapshot[slot]
        }
    }
}

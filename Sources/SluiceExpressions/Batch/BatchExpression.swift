import Foundation
import SluiceCore

/// An expression compiled once against the columns of a batch, then evaluated a whole batch
/// at a time into a new column (Derived Column, Conditional Split).
///
/// ```swift
/// let e = try BatchExpression(
///     "[Price] * (1 - [Discount])", schema: ["Price": .r8, "Discount": .r8], environment: env)
/// let net = try e.evaluate(batch)     // a DT_R8 column with batch.length rows
/// ```
///
/// Results equal the scalar ``CompiledExpression`` evaluated row by row: the same type, the same
/// values and NULLs, the same errors. Numeric and boolean work (see ``BatchPlanner``) runs in
/// tight loops over chunks of 8,192 rows; the rest runs the scalar closures row by row.
/// Variables and parameters are read once per batch: a batch sees one value of each.
///
/// **Errors.** The first row (in row order) whose scalar evaluation would throw makes
/// `evaluate` throw that row's error: the same `SluiceError`, with the row number (counted from
/// 0 in the batch) added as the insert `row` (``SluiceError/row``). Rows the scalar evaluator
/// would not evaluate (the right side of `FALSE && …`, `TRUE || …`) raise nothing.
///
/// **Storage.** The result column holds what a column of the result type holds: dates to the
/// microsecond, decimals rounded to the type's scale (decimal128). A value that no column of
/// the type can hold (a decimal beyond 38 digits) fails its row with `SLUICE_E_TYPE_MISMATCH`.
///
/// A `BatchExpression` may be shared: concurrent evaluations each borrow their own working
/// state from a pool.
public final class BatchExpression: Sendable {
    public let text: String
    /// The type of the result column.
    public let type: ExpressionType
    let plan: BatchPlan
    private let pool = ContextPool()

    /// Compiles `text` for batches whose columns have the types in `schema`.
    /// - Parameters:
    ///   - schema: the batch's columns by name (case-sensitive) and type.
    ///   - environment: variables and parameters (read once per evaluated batch).
    /// - Throws: the scalar compiler's errors (syntax, types, unknown names, constant folding).
    public convenience init(
        _ text: String, schema: [String: ExpressionType], environment: any ExpressionEnvironment = FixedEnvironment()
    ) throws {
        try self.init(text, schema: schema, environment: environment, vectorize: true)
    }

    /// - Parameter vectorize: false evaluates every row with the scalar closures (for tests).
    init(_ text: String, schema: [String: ExpressionType], environment: any ExpressionEnvironment, vectorize: Bool) throws {
        plan = try BatchPlanner.plan(text, schema: schema, environment: environment, vectorize: vectorize)
        self.text = text
        type = plan.type
        guard type.dataType.columnLayout != nil else {
            throw SluiceError(.expressionType, plan.tree.position.inserts.merging(["reason": "a \(type) result cannot be a column"]) { $1 })
        }
    }

    /// The columns the expression reads, in order of first use.
    public var columns: [String] { plan.columns.map(\.name) }

    /// Whether every part of the expression runs vectorized (nothing row by row).
    public var isFullyVectorized: Bool { plan.root.map { !$0.fallsBack } ?? false }

    /// The evaluation plan, for diagnostics: `multiply(column#0, subtract(const 1, column#1))`,
    /// with `scalar#…` for parts evaluated row by row, or `row by row` for the whole expression.
    public var planDescription: String { plan.root?.description ?? "row by row" }

    /// Evaluates the expression for every row of `batch`.
    /// - Returns: a column of ``type`` with `batch.length` rows.
    /// - Throws: `SLUICE_E_EXPRESSION_COLUMN_NOT_FOUND` / `SLUICE_E_EXPRESSION_TYPE` when the
    ///   batch lacks a column or has it with another type; errors reading a variable; and the
    ///   first failing row's error, with its `row` insert.
    public func evaluate(_ batch: ColumnBatch) throws -> Column { try evaluate(batch, reusing: nil) }

    /// Evaluates the expression for every row of `batch`, writing the result into `buffers`
    /// when it can (see ``ResultBuffers``): a stream of batches then fills the same memory
    /// again instead of a fresh column each time.
    /// - Returns: a column of ``type`` with `batch.length` rows.
    /// - Throws: as ``evaluate(_:)``.
    public func evaluate(_ batch: ColumnBatch, reusing buffers: ResultBuffers?) throws -> Column {
        let context = try pool.take() ?? BatchContext(plan)
        defer {
            context.unbind()
            pool.put(context)
        }
        let vectorizable = try context.bind(batch)
        if let root = plan.root, vectorizable { return try evaluateChunks(root, batch.length, context, buffers) }
        return try evaluateRows(batch.length, context)
    }

    // MARK: - Evaluation

    /// The vectorized path: the plan over each chunk, written into the result's buffers (for
    /// `DT_R8`, `DT_I8` and `DT_BOOL` the root writes there directly).
    private func evaluateChunks(_ root: BatchNode, _ n: Int, _ context: BatchContext, _ buffers: ResultBuffers?) throws -> Column {
        let dataType = type.dataType
        let width = MemoryLayout<Int64>.stride
        let valueBytes: Int
        switch dataType.columnLayout {
        case .fixedWidth(let w): valueBytes = w * n
        default: valueBytes = Column.bitmapBytes(n)
        }
        let values = buffers?.take(.values, byteCount: valueBytes) ?? ColumnBuffer(byteCount: valueBytes, zeroed: false)
        let validity = buffers?.take(.validity, byteCount: Column.bitmapBytes(n)) ?? ColumnBuffer(byteCount: Column.bitmapBytes(n), zeroed: false)
        let direct = dataType == .r8 || dataType == .i8 || dataType == .bool
        var start = 0
        while start < n {
            let m = min(BatchContext.chunk, n - start)
            let words = Kernels.words(m)
            let validityOut = (validity.bytes + start / 8).bindMemory(to: UInt64.self, capacity: words)
            let valuesOut = !direct ? context.values(root) : values.bytes + (dataType == .bool ? start / 8 : start * width)
            let lanes = context.run(root, start, m, into: Destination(values: valuesOut, validity: validityOut))
            if let first = lanes.errors.first { throw rowError(first.error, row: start + first.row) }
            if let v = lanes.validity {
                if v != UnsafePointer(validityOut) { validityOut.update(from: v, count: words) }
            } else {
                validityOut.update(repeating: ~0, count: words)
            }
            Self.copy(lanes.values, to: values.bytes, dataType, start, m)
            start += m
        }
        if n % 64 != 0 {
            let mask = (UInt64(1) << UInt64(n % 64)) - 1
            validity.bytes.bindMemory(to: UInt64.self, capacity: n / 64 + 1)[n / 64] &= mask
            if dataType == .bool { values.bytes.bindMemory(to: UInt64.self, capacity: n / 64 + 1)[n / 64] &= mask }
        }
        let hasNull = Column.countSetBits(validity.bytes, n) < n
        return Column(dataType, length: n, validity: hasNull ? validity : nil, values: values)
    }

    /// Copies a chunk of lanes into the result's values at row `start`, narrowing integers and
    /// `DT_R4` (their values are in range: the kernels checked them).
    private static func copy(_ lanes: UnsafeRawPointer, to column: UnsafeMutableRawPointer, _ t: DataType, _ start: Int, _ n: Int) {
        func narrow<T>(_: T.Type, _ f: (Int64) -> T) {
            let a = lanes.assumingMemoryBound(to: Int64.self)
            let r = (column + start * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
            for i in 0..<n { r[i] = f(a[i]) }
        }
        switch t {
        case .r8, .i8:
            if lanes != UnsafeRawPointer(column + start * 8) { (column + start * 8).copyMemory(from: lanes, byteCount: n * 8) }
        case .bool:
            if lanes != UnsafeRawPointer(column + start / 8) { (column + start / 8).copyMemory(from: lanes, byteCount: Kernels.words(n) * 8) }
        case .r4:
            let a = lanes.assumingMemoryBound(to: Double.self)
            let r = (column + start * 4).assumingMemoryBound(to: Float.self)
            for i in 0..<n { r[i] = Float(a[i]) }
        case .i4: narrow(Int32.self) { Int32(truncatingIfNeeded: $0) }
        case .i2: narrow(Int16.self) { Int16(truncatingIfNeeded: $0) }
        case .i1: narrow(Int8.self) { Int8(truncatingIfNeeded: $0) }
        case .ui4: narrow(UInt32.self) { UInt32(truncatingIfNeeded: $0) }
        case .ui2: narrow(UInt16.self) { UInt16(truncatingIfNeeded: $0) }
        case .ui1: narrow(UInt8.self) { UInt8(truncatingIfNeeded: $0) }
        default: preconditionFailure("\(t.rawValue) has no lanes")
        }
    }

    /// The row-by-row path: the scalar closure of the whole expression for each row.
    private func evaluateRows(_ n: Int, _ context: BatchContext) throws -> Column {
        let evaluate = try context.whole()
        let scale = type.isExactDecimal ? type.scale : nil
        var builder = ColumnBuilder(type.dataType, capacity: n, decimalScale: scale)
        for row in 0..<n {
            context.row = row
            do { try builder.append(try evaluate()) } catch { throw rowError(error, row: row) }
        }
        return builder.finish()
    }
}

/// Working states not in use, lent to one evaluation at a time.
private final class ContextPool: @unchecked Sendable {
    // @unchecked Sendable: `idle` is only touched while holding `lock`.
    private let lock = NSLock()
    private var idle: [BatchContext] = []

    func take() -> BatchContext? { lock.withLock { idle.popLast() } }
    func put(_ context: BatchContext) { lock.withLock { idle.append(context) } }
}

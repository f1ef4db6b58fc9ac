import SluiceCore
import SluiceExpressions

/// Conditional Split: each row goes to the output of the first condition (in order) that is TRUE
/// for it, or to the default output (the last one) when none is; NULL counts as FALSE. The
/// outputs form one exclusion group: a row leaves by exactly one of them.
///
/// ```swift
/// let split = ConditionalSplit(name: "Split", conditions: [.init("Big", "[Qty] > 10")])
/// // output 0: Big, output 1: Default
/// ```
/// Conditions are evaluated per batch over every row; when one fails (a division by zero, say),
/// it is evaluated again over only the rows no earlier condition took, as SSIS evaluates it, so
/// a failure on a row already taken is no failure.
public final class ConditionalSplit: FlowComponent {
    public struct Condition: Sendable {
        public let output: String
        public let expression: String

        public init(_ output: String, _ expression: String) {
            self.output = output
            self.expression = expression
        }
    }

    public let inputCount = 1
    public let outputs: [OutputDescription]
    private let name: String
    private let conditions: [Condition]
    private let environment: any ExpressionEnvironment
    private var compiled: [BatchExpression]?

    public init(
        name: String, conditions: [Condition], defaultOutput: String = "Conditional Split Default Output",
        environment: any ExpressionEnvironment = FixedEnvironment()
    ) {
        self.name = name
        self.conditions = conditions
        self.environment = environment
        outputs = (conditions.map(\.output) + [defaultOutput]).map { OutputDescription($0, synchronousInput: 0, exclusionGroup: 1) }
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        let expressions = try compiled ?? compile(batch)
        let n = batch.length
        let words = (n + 63) / 64
        // Rows already taken by an earlier condition, one bit each.
        var taken = [UInt64](repeating: 0, count: words)
        var rows: [Int32] = []
        rows.reserveCapacity(n)
        for (k, expression) in expressions.enumerated() {
            let result: Column
            do {
                result = try expression.evaluate(batch)
            } catch {
                rows = try remainingRowsTaken(by: k, expression, batch, &taken)
                if !rows.isEmpty { try emitter.emit(try rows.withUnsafeBufferPointer { try batch.gathering($0) }, to: k) }
                continue
            }
            rows.removeAll(keepingCapacity: true)
            withExtendedLifetime(result) {
                let values = UnsafeRawPointer(result.valueBuffer.bytes)
                let validity = result.validityBuffer.map { UnsafeRawPointer($0.bytes) }
                taken.withUnsafeMutableBufferPointer { taken in
                    for w in 0..<words {
                        var bits = Self.word(values, w, n)
                        if let validity { bits &= Self.word(validity, w, n) }
                        bits &= ~taken[w]
                        taken[w] |= bits
                        Self.appendRows(bits, w, &rows)
                    }
                }
            }
            if !rows.isEmpty { try emitter.emit(try rows.withUnsafeBufferPointer { try batch.gathering($0) }, to: k) }
        }
        rows.removeAll(keepingCapacity: true)
        for w in 0..<words { Self.appendRows(~taken[w] & Self.lastWordMask(w, n), w, &rows) }
        if !rows.isEmpty { try emitter.emit(try rows.withUnsafeBufferPointer { try batch.gathering($0) }, to: conditions.count) }
    }

    /// The slow path of a condition that failed over the whole batch: evaluated over the rows not
    /// yet taken only, it takes those it is TRUE for (marked in `taken`) and returns them.
    /// - Throws: the condition's failure on a row it really had to judge.
    private func remainingRowsTaken(
        by k: Int, _ expression: BatchExpression, _ batch: ColumnBatch, _ taken: inout [UInt64]
    ) throws -> [Int32] {
        let n = batch.length
        var remaining: [Int32] = []
        for w in 0..<taken.count { Self.appendRows(~taken[w] & Self.lastWordMask(w, n), w, &remaining) }
        guard !remaining.isEmpty else { return [] }
        let subset = try remaining.withUnsafeBufferPointer { try batch.gathering($0) }
        let result: Column
        do { result = try expression.evaluate(subset) } catch { throw failure(conditions[k].expression, error) }
        var rows: [Int32] = []
        withExtendedLifetime(result) {
            let values = UnsafeRawPointer(result.valueBuffer.bytes)
            let validity = result.validityBuffer.map { UnsafeRawPointer($0.bytes) }
            for (i, row) in remaining.enumerated() {
                let byte = i >> 3, bit = UInt8(1) << UInt8(i & 7)
                guard values.load(fromByteOffset: byte, as: UInt8.self) & bit != 0 else { continue }
                if let validity, validity.load(fromByteOffset: byte, as: UInt8.self) & bit == 0 { continue }
                rows.append(row)
                taken[Int(row) >> 6] |= UInt64(1) << UInt64(Int(row) & 63)
            }
        }
        return rows
    }

    /// Word `w` of a bitmap of `n` bits, the bits past `n` cleared (bitmaps are padded to 64 bytes).
    @inline(__always) private static func word(_ bitmap: UnsafeRawPointer, _ w: Int, _ n: Int) -> UInt64 {
        bitmap.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) & lastWordMask(w, n)
    }

    @inline(__always) private static func lastWordMask(_ w: Int, _ n: Int) -> UInt64 {
        let bitsLeft = n - w * 64
        return bitsLeft >= 64 ? ~0 : (UInt64(1) << UInt64(bitsLeft)) &- 1
    }

    @inline(__always) private static func appendRows(_ bits: UInt64, _ w: Int, _ rows: inout [Int32]) {
        var bits = bits
        while bits != 0 {
            rows.append(Int32(truncatingIfNeeded: w * 64 + bits.trailingZeroBitCount))
            bits &= bits &- 1
        }
    }

    private func compile(_ batch: ColumnBatch) throws -> [BatchExpression] {
        let schema = batch.expressionSchema
        let expressions = try conditions.map { c in
            let e: BatchExpression
            do { e = try BatchExpression(c.expression, schema: schema, environment: environment) } catch { throw failure(c.expression, error) }
            guard e.type.dataType == .bool else {
                throw SluiceError(.dataFlowConditionNotBoolean, ["component": name, "condition": c.expression, "type": e.type.description])
            }
            return e
        }
        compiled = expressions
        return expressions
    }

    private func failure(_ expression: String, _ error: any Error) -> SluiceError {
        let reason = (error as? SluiceError)?.description ?? String(describing: error)
        return SluiceError(.dataFlowExpressionFailed, ["component": name, "target": "condition \(expression)", "reason": reason], cause: error)
    }
}

import SluiceCore
import SluiceExpressions

/// Derived Column: adds a column, or replaces one, with the value of an SSIS expression,
/// evaluated a whole batch at a time (``BatchExpression``). Every expression reads the input
/// columns (not the columns derived beside it), as in SSIS. One synchronous output.
///
/// ```swift
/// let derive = DerivedColumn(name: "Net", [.init("NetPrice", "[Price] * (1 - [Discount])")])
/// ```
/// The expressions are compiled against the first batch's columns. A row whose expression fails
/// (divides by zero, overflows) follows its derivation's disposition: fail the component
/// (`SLUICE_E_DATAFLOW_EXPRESSION_FAILED`, the expression's error as cause, with the row of the
/// batch), redirect the row to the error output (output 1), or ignore (NULL). A batch with such a
/// row is evaluated again row by row (the slow path, only for batches that have a failing row).
public final class DerivedColumn: FlowComponent {
    public struct Derivation: Sendable {
        /// The column made: a new one, or the input column of that name replaced.
        public let column: String
        public let expression: String
        public let disposition: RowDisposition

        public init(_ column: String, _ expression: String, onError disposition: RowDisposition = .failComponent) {
            self.column = column
            self.expression = expression
            self.disposition = disposition
        }
    }

    public let inputCount = 1
    public let outputs = [
        OutputDescription("Derived Column Output", synchronousInput: 0),
        OutputDescription("Derived Column Error Output", synchronousInput: 0, isError: true),
    ]
    private let name: String
    private let derivations: [Derivation]
    private let environment: any ExpressionEnvironment
    private var compiled: [BatchExpression]?

    public init(name: String, _ derivations: [Derivation], environment: any ExpressionEnvironment = FixedEnvironment()) {
        self.name = name
        self.derivations = derivations
        self.environment = environment
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        let expressions = try compiled ?? compile(batch)
        var result = batch
        var failures = RowFailures()
        for (derivation, expression) in zip(derivations, expressions) {
            let column: Column
            do {
                column = try expression.evaluate(batch)
            } catch let error as SluiceError where error.row != nil && derivation.disposition != .failComponent {
                column = try rowByRow(derivation, expression, batch, &failures)
            } catch {
                throw failure(derivation, error)
            }
            result = try result.setting(derivation.column, column)
        }
        try failures.emit(result, input: batch, to: 0, errorOutput: 1, emitter)
    }

    /// Each row on its own: a failing row gets NULL, and is recorded when it is to be redirected.
    private func rowByRow(_ d: Derivation, _ e: BatchExpression, _ batch: ColumnBatch, _ failures: inout RowFailures) throws -> Column {
        let type = e.type
        var builder = ColumnBuilder(type.dataType, capacity: batch.length, decimalScale: type.isExactDecimal ? type.scale : nil)
        let position = batch.position(of: d.column).map { $0 + 1 } ?? 0
        var row: [Int32] = [0]
        for r in 0..<batch.length {
            row[0] = Int32(truncatingIfNeeded: r)
            let single = try row.withUnsafeBufferPointer { try batch.gathering($0) }
            do {
                try builder.append(try e.evaluate(single).value(at: 0))
            } catch {
                builder.appendNull()
                if d.disposition == .redirectRow {
                    failures.add(row: r, code: SluiceMessage.dataFlowExpressionFailed.code, column: position)
                }
            }
        }
        return builder.finish()
    }

    private func compile(_ batch: ColumnBatch) throws -> [BatchExpression] {
        let schema = batch.expressionSchema
        let expressions = try derivations.map { d in
            do { return try BatchExpression(d.expression, schema: schema, environment: environment) } catch { throw failure(d, error) }
        }
        compiled = expressions
        return expressions
    }

    private func failure(_ d: Derivation, _ error: any Error) -> SluiceError {
        let reason = (error as? SluiceError)?.description ?? String(describing: error)
        return SluiceError(.dataFlowExpressionFailed, ["component": name, "target": "[\(d.column)]", "reason": reason], cause: error)
    }
}

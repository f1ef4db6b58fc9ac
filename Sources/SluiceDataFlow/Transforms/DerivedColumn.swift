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
/// fails the component (`SLUICE_E_DATAFLOW_EXPRESSION_FAILED`, the expression's error as cause,
/// with the row of the batch).
public final class DerivedColumn: DataFlowComponent {
    public struct Derivation: Sendable {
        /// The column made: a new one, or the input column of that name replaced.
        public let column: String
        public let expression: String

        public init(_ column: String, _ expression: String) {
            self.column = column
            self.expression = expression
        }
    }

    public let inputCount = 1
    public let outputs = [OutputDescription("Derived Column Output", synchronousInput: 0)]
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
        for (derivation, expression) in zip(derivations, expressions) {
            do {
                result = try result.setting(derivation.column, try expression.evaluate(batch))
            } catch {
                throw failure(derivation, error)
            }
        }
        try emitter.emit(result, to: 0)
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

import SluiceCore

/// Data Conversion: copies of input columns converted to another type, as a variable of that type
/// would convert the value (``Value/converted(to:)``, then the column's range and scale checks).
///
/// ```swift
/// let convert = DataConversion(name: "Convert", [.init("Qty", to: .i4, as: "QtyInt", onError: .redirectRow)])
/// // output 0: the rows that converted; output 1 (error): the rows that did not, with ErrorCode and ErrorColumn
/// ```
/// A value that does not convert follows its conversion's disposition: fail the component
/// (`SLUICE_E_DATAFLOW_CONVERSION_FAILED`), redirect the row to the error output, or ignore
/// (the new value is NULL). A column converted to its own type is shared, not copied; other
/// conversions go value by value (the slow path, per column per batch).
public final class DataConversion: DataFlowComponent {
    public struct Conversion: Sendable {
        public let column: String
        public let type: DataType
        /// The new column's name.
        public let output: String
        public let disposition: RowDisposition
        /// Digits after the point of a decimal result (default: the type's).
        public let decimalScale: Int?

        public init(_ column: String, to type: DataType, as output: String, onError disposition: RowDisposition = .failComponent, decimalScale: Int? = nil) {
            self.column = column
            self.type = type
            self.output = output
            self.disposition = disposition
            self.decimalScale = decimalScale
        }
    }

    public let inputCount = 1
    public let outputs = [
        OutputDescription("Data Conversion Output", synchronousInput: 0),
        OutputDescription("Data Conversion Error Output", synchronousInput: 0, isError: true),
    ]
    private let name: String
    private let conversions: [Conversion]

    /// - Throws: `SLUICE_E_DATAFLOW_TRANSFORM_INVALID` for a type no column holds (`DT_OBJECT`).
    public init(name: String, _ conversions: [Conversion]) throws {
        for c in conversions where c.type.columnLayout == nil {
            throw SluiceError(.dataFlowTransformInvalid, ["component": name, "reason": "[\(c.column)] cannot be converted to \(c.type.rawValue)"])
        }
        self.name = name
        self.conversions = conversions
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        var converted: [(String, Column)] = []
        // A row that fails in any conversion leaves by the error output as a whole.
        var failures = RowFailures()
        for c in conversions {
            let source = try batch.column(c.column, for: name)
            let position = (batch.position(of: c.column) ?? 0) + 1
            if source.dataType == c.type && (c.decimalScale == nil || c.decimalScale == source.decimalScale) {
                converted.append((c.output, source))
                continue
            }
            var builder = ColumnBuilder(c.type, capacity: source.length, decimalScale: c.decimalScale)
            for row in 0..<source.length {
                do {
                    try builder.append(try source.value(at: row).converted(to: c.type))
                } catch {
                    switch c.disposition {
                    case .failComponent:
                        let reason = (error as? SluiceError)?.text ?? String(describing: error)
                        throw SluiceError(
                            .dataFlowConversionFailed,
                            ["component": name, "column": c.column, "row": String(row), "type": c.type.rawValue, "reason": reason], cause: error)
                    case .redirectRow: failures.add(row: row, code: SluiceMessage.dataFlowConversionFailed.code, column: position)
                    case .ignoreFailure: break
                    }
                    builder.appendNull()
                }
            }
            converted.append((c.output, builder.finish()))
        }
        var result = batch
        for (output, column) in converted { result = try result.setting(output, column) }
        try failures.emit(result, input: batch, to: 0, errorOutput: 1, emitter)
    }
}

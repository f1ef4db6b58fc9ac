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
/// (the new value is NULL). A column converted to its own type is shared, not copied; integers to
/// integers or DT_R8 go a batch at a time; other conversions go value by value (the slow path).
public final class DataConversion: FlowComponent {
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
    /// False sends integers through the value-by-value path too (tests compare the two).
    let integerFastPath: Bool

    /// - Throws: `SLUICE_E_DATAFLOW_TRANSFORM_INVALID` for a type no column holds (`DT_OBJECT`).
    public convenience init(name: String, _ conversions: [Conversion]) throws {
        try self.init(name: name, conversions, integerFastPath: true)
    }

    init(name: String, _ conversions: [Conversion], integerFastPath: Bool) throws {
        for c in conversions where c.type.columnLayout == nil {
            throw SluiceError(.dataFlowTransformInvalid, ["component": name, "reason": "[\(c.column)] cannot be converted to \(c.type.rawValue)"])
        }
        self.name = name
        self.conversions = conversions
        self.integerFastPath = integerFastPath
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
            var failed: [Int] = []
            if integerFastPath, let fast = Self.convertIntegers(source, to: c.type, failed: &failed) {
                for row in failed {
                    let refusal = SluiceError(.typeMismatch, ["value": source.value(at: row).description, "type": c.type.rawValue, "reason": "out of range"])
                    try handle(c, row: row, refusal, position, &failures)
                }
                converted.append((c.output, failed.isEmpty ? fast : Self.nulling(fast, failed)))
                continue
            }
            var builder = ColumnBuilder(c.type, capacity: source.length, decimalScale: c.decimalScale)
            for row in 0..<source.length {
                do {
                    try builder.append(try source.value(at: row).converted(to: c.type))
                } catch {
                    try handle(c, row: row, error, position, &failures)
                    builder.appendNull()
                }
            }
            converted.append((c.output, builder.finish()))
        }
        var result = batch
        for (output, column) in converted { result = try result.setting(output, column) }
        try failures.emit(result, input: batch, to: 0, errorOutput: 1, emitter)
    }

    /// A value of `c` that did not convert: fails the component, or is recorded for the error output.
    private func handle(_ c: Conversion, row: Int, _ error: any Error, _ position: Int, _ failures: inout RowFailures) throws {
        switch c.disposition {
        case .failComponent:
            let reason = (error as? SluiceError)?.text ?? String(describing: error)
            throw SluiceError(
                .dataFlowConversionFailed,
                ["component": name, "column": c.column, "row": String(row), "type": c.type.rawValue, "reason": reason], cause: error)
        case .redirectRow: failures.add(row: row, code: SluiceMessage.dataFlowConversionFailed.code, column: position)
        case .ignoreFailure: break
        }
    }

    /// `column` with the rows `rows` made NULL.
    static func nulling(_ column: Column, _ rows: [Int]) -> Column {
        let bytes = Column.bitmapBytes(column.length)
        let validity = ColumnBuffer(byteCount: bytes)
        if let old = column.validityBuffer {
            validity.bytes.copyMemory(from: old.bytes, byteCount: bytes)
        } else {
            validity.bytes.initializeMemory(as: UInt8.self, repeating: 0xFF, count: bytes)
        }
        let bits = validity.bytes.assumingMemoryBound(to: UInt8.self)
        for r in rows { bits[r >> 3] &= ~(UInt8(1) << UInt8(r & 7)) }
        return withExtendedLifetime(column) {
            Column(column.dataType, length: column.length, validity: validity, values: column.valueBuffer, offsets: column.offsetBuffer,
                   decimalScale: column.decimalScale)
        }
    }
}

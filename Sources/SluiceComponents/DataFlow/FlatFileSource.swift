import SluiceCore
import SluiceCSV
import SluiceDataFlow

/// A Flat File Source: the CSV reader's batches on its output; the rows the reader redirected
/// (``CSVReader/rejectedRows``) on its error output, as SSIS gives them: the raw line text, then
/// `ErrorCode` and `ErrorColumn` (the lineage id of the failing output column; 0 for a ragged row).
final class FlatFileSource: FlowComponent {
    let inputCount = 0
    let outputs: [OutputDescription]
    private let reader: any CSVBatchReading
    /// The name and type of the error output's text column.
    private let errorText: (name: String, type: DataType)
    /// The lineage id of each output column, in order.
    private let lineage: [Int32]
    private let name: String

    init(name: String, errorText: (name: String, type: DataType), lineage: [Int32], reader: any CSVBatchReading) {
        self.reader = reader
        self.errorText = errorText
        self.lineage = lineage
        self.name = name
        outputs = [OutputDescription("\(name) Output"), OutputDescription("\(name) Error Output", isError: true)]
    }

    func produce(_ emitter: BatchEmitter) throws -> Bool {
        guard let batch = try reader.nextBatch() else { return false }
        let rejected = reader.rejectedRows
        guard !rejected.isEmpty else {
            try emitter.emit(batch, to: 0)
            return true
        }
        // Whole batch at once: the failed rows leave by one gather, never row by row downstream.
        var failed = ErrorRows()
        for r in rejected { if let row = r.batchRow { failed.add(row: row, code: r.code, column: r.column) } }
        try emitter.emit(try failed.remaining(from: batch), to: 0)
        let errors = try ColumnBatch([
            (errorText.name, try Self.errorTextColumn(rejected.map(\.text), type: errorText.type, component: name)),
            (ErrorRows.codeColumn, Column(rejected.map { Optional($0.code) })),
            (ErrorRows.columnColumn, Column(rejected.map { Optional(lineage.indices.contains($0.column - 1) ? lineage[$0.column - 1] : 0) })),
        ])
        try emitter.emit(errors, to: 1)
        return true
    }

    /// The raw text of the redirected rows, after checking it fits a string column's int32
    /// offsets (the reader ends a batch at about 1 GiB of it; invalid UTF-8 shown as U+FFFD may
    /// still triple a row's bytes).
    /// - Throws: `SLUICE_E_FLAT_FILE_ERROR_TEXT_TOO_LARGE`.
    static func errorTextColumn(_ texts: [String], type: DataType, component: String, limit: Int = Int(Int32.max)) throws -> Column {
        var bytes = 0
        for t in texts { bytes += t.utf8.count }
        guard bytes <= limit else {
            throw SluiceError(.flatFileErrorTextTooLarge, [
                "component": component, "rows": String(texts.count), "bytes": String(bytes), "limit": "\(limit) bytes",
            ])
        }
        return Column(texts.map { Optional($0) }, as: type)
    }
}

import SluiceCore

/// The redirected failures of one batch, gathered while its columns are computed: each row that
/// failed in any column leaves by the error output, once, with the first column's error.
struct RowFailures {
    private var failures: [(row: Int, code: Int32, column: Int)] = []

    var isEmpty: Bool { failures.isEmpty }

    mutating func add(row: Int, code: Int32, column: Int) { failures.append((row, code, column)) }

    /// Emits the failed rows of `input` to `errorOutput` and the rest of `result` (the input with
    /// its computed columns) to `output`.
    func emit(_ result: ColumnBatch, input: ColumnBatch, to output: Int, errorOutput: Int, _ emitter: BatchEmitter) throws {
        guard !failures.isEmpty else { return try emitter.emit(result, to: output) }
        // By row, then in the order recorded: the first column's error is the one a row reports.
        let ordered = failures.enumerated().sorted { ($0.element.row, $0.offset) < ($1.element.row, $1.offset) }
        var errors = ErrorRows()
        for f in ordered { errors.add(row: f.element.row, code: f.element.code, column: f.element.column) }
        if let errorBatch = try errors.batch(from: input) { try emitter.emit(errorBatch, to: errorOutput) }
        try emitter.emit(try errors.remaining(from: result), to: output)
    }
}

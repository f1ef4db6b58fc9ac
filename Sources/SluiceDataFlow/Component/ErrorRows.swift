import SluiceCore

/// Collects the rows of one input batch that failed, for a component's error output: the batch's
/// columns for those rows plus `ErrorCode` (DT_I4, the Sluice message code) and `ErrorColumn`
/// (DT_I4, the 1-based position of the failing column in the input batch; 0 when the failure is
/// not about one column). The package model maps positions to lineage IDs.
///
/// ```swift
/// var errors = ErrorRows()
/// errors.add(row: 7, code: SluiceMessage.dataFlowConversionFailed.code, column: 2)
/// if let batch = try errors.batch(from: input) { try emitter.emit(batch, to: errorOutput) }
/// ```
public struct ErrorRows {
    public static let codeColumn = "ErrorCode"
    public static let columnColumn = "ErrorColumn"

    /// Rows in ascending order (the first failure of a row wins).
    private(set) var rows: [Int32] = []
    private var codes: [Int32] = []
    private var columns: [Int32] = []

    public init() {}

    public var isEmpty: Bool { rows.isEmpty }
    public var count: Int { rows.count }

    /// Records that `row` failed with `code` on the column at 1-based `column`. Rows are added in
    /// ascending order; a row already recorded keeps its first error.
    public mutating func add(row: Int, code: Int32, column: Int) {
        let r = Int32(truncatingIfNeeded: row)  // rows of one batch: a batch's length is an Int32 offset count
        if let last = rows.last, last >= r { return }
        rows.append(r)
        codes.append(code)
        columns.append(Int32(truncatingIfNeeded: column))
    }

    /// The error batch, or nil when no row failed.
    public func batch(from input: ColumnBatch) throws -> ColumnBatch? {
        guard !rows.isEmpty else { return nil }
        let gathered = try rows.withUnsafeBufferPointer { try input.gathering($0) }
        return try gathered.setting(Self.codeColumn, Column(codes.map { Optional($0) }))
            .setting(Self.columnColumn, Column(columns.map { Optional($0) }))
    }

    /// The rows of `input` that did not fail, in order.
    public func remaining(from input: ColumnBatch) throws -> ColumnBatch {
        guard !rows.isEmpty else { return input }
        var keep: [Int32] = []
        keep.reserveCapacity(input.length - rows.count)
        var next = 0
        for r in 0..<input.length {
            if next < rows.count && Int(rows[next]) == r { next += 1 } else { keep.append(Int32(truncatingIfNeeded: r)) }
        }
        return try keep.withUnsafeBufferPointer { try input.gathering($0) }
    }
}

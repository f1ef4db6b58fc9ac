/// What the reader does with a row that fails (SSIS's error and truncation dispositions of a
/// Flat File source column).
public enum CSVRowAction: String, Sendable, Hashable {
    /// The read fails with the coded error naming file, line and column.
    case fail
    /// The row leaves the batch and is reported in ``CSVReader/rejectedRows`` with its raw text.
    case redirect
    /// The row stays; the failed value is NULL (a truncated text is cut to the column's length).
    case ignore
}

/// A row the reader took out of the batch (``CSVRowAction/redirect``): what SSIS sends to the
/// Flat File source's error output.
public struct CSVRejectedRow: Sendable, Equatable {
    /// The 1-based line the row starts on.
    public var line: Int
    /// The row's index in the batch just returned (its values there are NULL where they failed),
    /// or nil for a ragged row, which is not in the batch.
    public var batchRow: Int?
    /// The Sluice message code of the failure (`SLUICE_E_CSV_VALUE_INVALID`, …).
    public var code: Int32
    /// The 1-based position of the failing column; 0 for a whole-row failure (a ragged row).
    public var column: Int
    /// The row's text as read from the file (invalid UTF-8 replaced by U+FFFD).
    public var text: String
}

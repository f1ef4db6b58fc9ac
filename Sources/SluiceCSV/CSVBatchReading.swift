import SluiceCore

/// What reads a CSV file as batches, on one thread (``CSVReader``) or on several
/// (``ParallelCSVReader``): the same batches, in the same order, either way.
public protocol CSVBatchReading: AnyObject {
    /// The next batch, or nil at the end of the file.
    func nextBatch() throws -> ColumnBatch?
    /// The rows redirected out of the batch last returned (see ``CSVRowAction/redirect``).
    var rejectedRows: [CSVRejectedRow] { get }
}

extension CSVReader: CSVBatchReading {}
extension ParallelCSVReader: CSVBatchReading {
    /// Always empty: the parallel reader refuses redirecting options.
    public var rejectedRows: [CSVRejectedRow] { [] }
}

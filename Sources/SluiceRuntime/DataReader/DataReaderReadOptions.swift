/// How a client reads the outputs of a run started with ``PackageRunner/start(_:options:reading:readOptions:)``.
///
/// ```swift
/// let read = DataReaderReadOptions(timeout: .seconds(30), onTimeout: .failRun)
/// ```
public struct DataReaderReadOptions: Sendable {
    /// What a read that times out does.
    public enum TimeoutAction: Sendable {
        /// The sequence throws `SLUICE_E_DATAREADER_TIMEOUT`; the run goes on and the rows that
        /// reach the output afterwards are discarded (SSIS's DataReader with FailOnTimeout false).
        case failSequence
        /// The sequence throws `SLUICE_E_DATAREADER_TIMEOUT` and the destination fails with it,
        /// so the run fails (SSIS's FailOnTimeout true).
        case failRun
    }

    /// The longest one read waits for a batch; nil waits as long as the run takes.
    public var timeout: Duration?
    public var onTimeout: TimeoutAction
    /// Batches an output holds for a reader that is behind; past them the destination waits
    /// (back-pressure), so memory stays bounded whatever the reader's pace. At least 1.
    public var bufferedBatches: Int

    public init(timeout: Duration? = nil, onTimeout: TimeoutAction = .failSequence, bufferedBatches: Int = 4) {
        self.timeout = timeout
        self.onTimeout = onTimeout
        self.bufferedBatches = max(1, bufferedBatches)
    }
}

/// One column of a DataReader output: what a consumer learns before the first batch (an Arrow
/// stream writes its schema even when no row comes).
public struct DataReaderColumn: Sendable, Hashable {
    public let name: String
    public let type: DataType
    /// Digits after the point of a decimal column; 0 otherwise.
    public let scale: Int

    public init(_ name: String, _ type: DataType, scale: Int = 0) {
        self.name = name
        self.type = type
        self.scale = scale
    }
}

/// Receives the rows reaching a DataReader destination (`sluice.dataReaderDestination`), SSIS's
/// way of handing a package's rows to the program that runs it.
///
/// The destination calls one consumer from one engine worker at a time, in row order. A consumer
/// may block in ``receive(_:isCanceled:)`` to hold the flow back (a slow reader); it then polls
/// `isCanceled` so a canceled run is not held forever.
public protocol DataReaderConsumer: AnyObject, Sendable {
    /// The columns of the output, called when a run makes the destination (again for each
    /// execution of a data flow inside a loop).
    func begin(_ columns: [DataReaderColumn]) throws
    /// One batch of rows, its columns those of ``begin(_:)`` in that order.
    func receive(_ batch: ColumnBatch, isCanceled: () -> Bool) throws
    /// The destination's input has ended (its data flow finished sending rows).
    func endOfRows() throws
}

/// The consumers a caller registered for a run, by output name (the destinations' `name`
/// property). A destination whose name has no consumer discards its rows, as SSIS does when
/// nobody reads a DataReader.
///
/// ```swift
/// var options = RunOptions()
/// options.dataReaders = DataReaderOutputs(["Orders": myConsumer])
/// ```
public final class DataReaderOutputs: Sendable {
    private let consumers: [String: any DataReaderConsumer]

    public init(_ consumers: [String: any DataReaderConsumer]) {
        self.consumers = consumers
    }

    public func consumer(named name: String) -> (any DataReaderConsumer)? { consumers[name] }

    /// The output names that have a consumer, sorted.
    public var names: [String] { consumers.keys.sorted() }
}
